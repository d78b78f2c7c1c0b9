// /api/docs: an accessible, server-rendered reference of the OpenAPI 3.1 document (the same
// document as /api/openapi.json). Swagger UI was dropped because axe found WCAG violations in
// it that CSS cannot fix (nested interactive controls, unlabelled inputs, contrast); see decision
// 0011. Each operation shows its parameters, its request body and its answers with their
// schemas; named schemas (components) have one section each, linked from where they are used.
import { type JsonSchema, referencedSchemas, schemaAnchor, schemaBlock, exampleOf, fieldList, typeText } from "./api-schema.ts";
import { html, type SafeHtml } from "./html.ts";
import { htmlResponses, sendPage } from "./page.ts";
import type { PageContext } from "./page-context.ts";
import { pipeline } from "./pipeline.ts";
import { scrollTable } from "./tables.ts";
import type { App } from "./types.ts";

type Param = { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema };
type Media = Record<string, { schema?: JsonSchema }>;
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Param[];
  security?: Array<Record<string, unknown>>;
  requestBody?: { required?: boolean; content?: Media };
  responses?: Record<string, { description?: string; content?: Media }>;
};
type OpenApi = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const METHODS = ["get", "post", "put", "patch", "delete"];
/** @fastify/swagger's description of a response nobody described. */
const DEFAULT_DESCRIPTION = "Default Response";

function parameters(ctx: PageContext, op: Operation, id: string): SafeHtml {
  const { t } = ctx;
  if (!op.parameters?.length) return html``;
  const caption = t("apidocs.parametersOf", { operation: id });
  return scrollTable(
    caption,
    html`<table><caption>${caption}</caption><thead><tr><th scope="col">${t("apidocs.name")}</th><th scope="col">${t("apidocs.in")}</th><th scope="col">${t(
      "apidocs.type",
    )}</th><th scope="col">${t("apidocs.required")}</th><th scope="col">${t("apidocs.description")}</th></tr></thead>
<tbody>${op.parameters.map(
      (p) =>
        html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${p.schema ? typeText(ctx, p.schema) : ""}</td><td>${p.required ? t("apidocs.yes") : t("apidocs.no")}</td><td>${
          p.description ?? p.schema?.description ?? ""
        }</td></tr>`,
    )}</tbody></table>`,
  );
}

function media(ctx: PageContext, content: Media | undefined): SafeHtml {
  const entries = Object.entries(content ?? {});
  if (entries.length === 0) return html`<p>${ctx.t("apidocs.noContent")}</p>`;
  return html`${entries.map(([type, m]) => html`<p class="api-media">${ctx.t("apidocs.contentType")}: <code>${type}</code></p>${m.schema ? schemaBlock(ctx, m.schema) : ""}`)}`;
}

function operation(ctx: PageContext, method: string, path: string, op: Operation, headingId: string): SafeHtml {
  const { t } = ctx;
  const id = `${method.toUpperCase()} ${path}`;
  const signedIn = (op.security ?? []).some((s) => "session" in s);
  return html`<article class="api-op" aria-labelledby="${headingId}"><h3 id="${headingId}"><code>${id}</code></h3>
${op.summary ? html`<p>${op.summary}</p>` : ""}
${op.description ? html`<p>${op.description}</p>` : ""}
${signedIn ? html`<p class="muted">${t("apidocs.needsSession")}</p>` : ""}
${parameters(ctx, op, id)}
${
  op.requestBody
    ? html`<h4>${t("apidocs.body")}${op.requestBody.required ? html` <span class="schema-req">(${t("apidocs.requiredField")})</span>` : ""}</h4>${media(ctx, op.requestBody.content)}`
    : ""
}
<h4>${t("apidocs.responses")}</h4>
<dl class="api-responses">${Object.entries(op.responses ?? {}).map(
    ([status, r]) =>
      html`<dt><code>${status}</code>${r.description && r.description !== DEFAULT_DESCRIPTION ? html` ${r.description}` : ""}</dt><dd>${media(ctx, r.content)}</dd>`,
  )}</dl>
</article>`;
}

function schemaSection(ctx: PageContext, name: string, schema: JsonSchema): SafeHtml {
  const id = schemaAnchor(name);
  return html`<section class="api-schema" id="${id}" aria-labelledby="${id}-h"><h3 id="${id}-h"><code>${name}</code></h3>
${schema.description ? html`<p>${schema.description}</p>` : ""}
<p>${ctx.t("apidocs.type")}: ${schema.properties ? html`<code>object</code>` : typeText(ctx, schema)}</p>
${schema.properties ? fieldList(ctx, schema) : schema.items?.properties ? fieldList(ctx, schema.items) : ""}
${exampleOf(ctx, schema)}
</section>`;
}

export function registerApiDocs(app: App): void {
  const page = pipeline({ tenant: "none", access: "public", present: "page" });
  app.get("/api/docs", { schema: { hide: true, response: htmlResponses }, ...page.options }, async (req, reply) => {
    const doc = app.swagger() as unknown as OpenApi;
    const byTag = new Map<string, Array<{ method: string; path: string; op: Operation }>>();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const tag = op.tags?.[0] ?? "övrigt";
        byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
      }
    }
    const tags = [...byTag.keys()].sort((a, b) => a.localeCompare(b, "sv"));
    const anchor = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const components = doc.components?.schemas ?? {};
    const named = referencedSchemas(doc.paths, components);
    let n = 0;
    return sendPage(req, reply, (ctx) => ({
      title: ctx.t("apidocs.title"),
      main: html`<h1>${ctx.t("apidocs.title")}</h1>
<p class="lead">${doc.info.description ?? ""}</p>
<p>${ctx.t("apidocs.machineReadable")} <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1, ${ctx.t("apidocs.version")} ${doc.info.version}).</p>
<p>${ctx.t("apidocs.howToRead")}</p>
<nav aria-labelledby="apidocs-toc"><h2 id="apidocs-toc">${ctx.t("apidocs.groups")}</h2>
<ul>${tags.map((tag) => html`<li><a href="#tag-${anchor(tag)}">${tag}</a> (${byTag.get(tag)!.length})</li>`)}${
        named.length ? html`<li><a href="#schemas">${ctx.t("apidocs.schemas")}</a> (${named.length})</li>` : ""
      }</ul></nav>
${tags.map(
  (tag) => html`<section aria-labelledby="tag-${anchor(tag)}"><h2 id="tag-${anchor(tag)}">${tag}</h2>
${byTag.get(tag)!.map(({ method, path, op }) => operation(ctx, method, path, op, `op-${++n}`))}</section>`,
)}
${
  named.length
    ? html`<section aria-labelledby="schemas"><h2 id="schemas">${ctx.t("apidocs.schemas")}</h2>
<p>${ctx.t("apidocs.schemasLead")}</p>
${named.map((name) => schemaSection(ctx, name, components[name]!))}</section>`
    : ""
}`,
    }));
  });
}
