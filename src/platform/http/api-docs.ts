// /api/docs: an accessible, server-rendered reference of the OpenAPI 3.1 document (the same
// document as /api/openapi.json). Swagger UI was dropped because axe found WCAG violations in
// it that CSS cannot fix (nested interactive controls, unlabelled inputs, contrast).
import { html } from "./html.ts";
import { htmlResponses, sendPage } from "./page.ts";
import { pipeline } from "./pipeline.ts";
import type { App } from "./types.ts";

type Param = { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string | string[]; enum?: unknown[] } };
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Param[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
};
type OpenApi = { info: { title: string; version: string; description?: string }; paths: Record<string, Record<string, Operation>> };

const METHODS = ["get", "post", "put", "patch", "delete"];

function typeOf(p: Param): string {
  const s = p.schema ?? {};
  if (s.enum) return s.enum.map(String).join(" | ");
  return Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "");
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
    return sendPage(req, reply, (ctx) => ({
      title: ctx.t("apidocs.title"),
      main: html`<h1>${ctx.t("apidocs.title")}</h1>
<p class="lead">${doc.info.description ?? ""}</p>
<p>${ctx.t("apidocs.machineReadable")} <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1, ${ctx.t("apidocs.version")} ${doc.info.version}).</p>
<nav aria-labelledby="apidocs-toc"><h2 id="apidocs-toc">${ctx.t("apidocs.groups")}</h2>
<ul>${tags.map((tag) => html`<li><a href="#tag-${anchor(tag)}">${tag}</a> (${byTag.get(tag)!.length})</li>`)}</ul></nav>
${tags.map(
  (tag) => html`<section aria-labelledby="tag-${anchor(tag)}"><h2 id="tag-${anchor(tag)}">${tag}</h2>
${byTag.get(tag)!.map(
  ({ method, path, op }) => html`<article class="api-op"><h3><code>${method.toUpperCase()} ${path}</code></h3>
${op.summary ? html`<p>${op.summary}</p>` : ""}
${
  op.parameters?.length
    ? html`<table><caption>${ctx.t("apidocs.parameters")}</caption><thead><tr><th scope="col">${ctx.t("apidocs.name")}</th><th scope="col">${ctx.t("apidocs.in")}</th><th scope="col">${ctx.t("apidocs.type")}</th><th scope="col">${ctx.t("apidocs.required")}</th></tr></thead>
<tbody>${op.parameters.map(
        (p) =>
          html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${typeOf(p)}</td><td>${p.required ? ctx.t("apidocs.yes") : ctx.t("apidocs.no")}</td></tr>`,
      )}</tbody></table>`
    : ""
}
${op.requestBody?.content ? html`<p>${ctx.t("apidocs.body")}: ${Object.keys(op.requestBody.content).join(", ")}</p>` : ""}
<p>${ctx.t("apidocs.responses")}: ${Object.keys(op.responses ?? {}).join(", ")}</p>
</article>`,
)}</section>`,
)}`,
    }));
  });
}
