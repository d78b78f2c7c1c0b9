// JSON Schemas of the OpenAPI document as readable, accessible HTML for /api/docs: an object's
// fields as a nested list (name, type, required or not, limits, description), named schemas as
// links to their own section, and an example where the schema gives one. Server-rendered, no
// JavaScript; long names and patterns wrap on a narrow screen.
import { html, type SafeHtml } from "./html.ts";
import type { PageContext } from "./page-context.ts";

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  examples?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
};

const PREFIX = "#/components/schemas/";

/** The component name a `$ref` points to (null for other references). */
export function refName(ref: string | undefined): string | null {
  return ref?.startsWith(PREFIX) ? decodeURIComponent(ref.slice(PREFIX.length)) : null;
}

/** The id of a named schema's section on the page. */
export function schemaAnchor(name: string): string {
  return `schema-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** Every component name reachable from `roots` (operations), following `$ref`s through the components. */
export function referencedSchemas(roots: unknown, components: Record<string, JsonSchema>): string[] {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "$ref" && typeof x === "string") {
          const name = refName(x);
          if (name && !found.has(name) && components[name]) {
            found.add(name);
            walk(components[name]);
          }
        } else walk(x);
      }
    }
  };
  walk(roots);
  return [...found].sort((a, b) => a.localeCompare(b, "en"));
}

function isNull(s: JsonSchema): boolean {
  return s.type === "null" || (s.enum?.length === 1 && s.enum[0] === null);
}

/** A schema without its "or null" branch, and whether it had one. */
function unwrapNullable(s: JsonSchema): { inner: JsonSchema; nullable: boolean } {
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.some(isNull)) {
    const rest = variants.filter((v) => !isNull(v));
    if (rest.length === 1)
      return { inner: { ...rest[0], description: s.description ?? rest[0]?.description, default: s.default ?? rest[0]?.default }, nullable: true };
  }
  if (Array.isArray(s.type) && s.type.includes("null")) {
    const types = s.type.filter((t) => t !== "null");
    return { inner: { ...s, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { inner: s, nullable: false };
}

function json(v: unknown): string {
  return JSON.stringify(v);
}

/** The type of a schema in a few words, with named schemas linked. */
export function typeText(ctx: PageContext, schema: JsonSchema): SafeHtml {
  const { t } = ctx;
  const { inner: s, nullable } = unwrapNullable(schema);
  const orNull = nullable ? html` ${t("apidocs.orNull")}` : "";
  const name = refName(s.$ref);
  if (name) return html`<a href="#${schemaAnchor(name)}"><code>${name}</code></a>${orNull}`;
  if (s.const !== undefined) return html`<code>${json(s.const)}</code>${orNull}`;
  if (s.enum) return html`${t("apidocs.oneOfValues")} ${s.enum.map((v, i) => html`${i ? ", " : ""}<code>${json(v)}</code>`)}${orNull}`;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return html`${t("apidocs.oneOf")} ${variants.map((v, i) => html`${i ? " | " : ""}${typeText(ctx, v)}`)}${orNull}`;
  if (s.allOf?.length === 1 && s.allOf[0]) return html`${typeText(ctx, s.allOf[0])}${orNull}`;
  const type = Array.isArray(s.type) ? s.type.join(" | ") : s.type;
  if (type === "array") return html`${t("apidocs.arrayOf")} ${s.items ? typeText(ctx, s.items) : "?"}${orNull}`;
  if (type === "object" && !s.properties && s.additionalProperties && typeof s.additionalProperties === "object") {
    return html`${t("apidocs.mapOf")} ${typeText(ctx, s.additionalProperties)}${orNull}`;
  }
  return html`<code>${type ?? t("apidocs.anyType")}</code>${s.format ? html` (${s.format})` : ""}${orNull}`;
}

/** Limits and default of a schema, in words ("2–200 tecken", "standard: []"). */
function limits(ctx: PageContext, schema: JsonSchema): string[] {
  const { t } = ctx;
  const s = unwrapNullable(schema).inner;
  const out: string[] = [];
  const range = (lo: number | undefined, hi: number | undefined, [between, min, max]: [string, string, string]) => {
    if (lo !== undefined && hi !== undefined) out.push(t(between, { min: String(lo), max: String(hi) }));
    else if (lo !== undefined) out.push(t(min, { min: String(lo) }));
    else if (hi !== undefined) out.push(t(max, { max: String(hi) }));
  };
  range(s.minLength, s.maxLength, ["apidocs.lengthBetween", "apidocs.lengthMin", "apidocs.lengthMax"]);
  range(s.minimum ?? s.exclusiveMinimum, s.maximum ?? s.exclusiveMaximum, ["apidocs.valueBetween", "apidocs.valueMin", "apidocs.valueMax"]);
  range(s.minItems, s.maxItems, ["apidocs.itemsBetween", "apidocs.itemsMin", "apidocs.itemsMax"]);
  if (schema.default !== undefined || s.default !== undefined) out.push(t("apidocs.default", { value: json(schema.default ?? s.default) }));
  return out;
}

/** The inline object whose fields should be listed under a field (an object, or a list of objects). */
function nestedObject(schema: JsonSchema): JsonSchema | null {
  const s = unwrapNullable(schema).inner;
  if (s.properties) return s;
  if (s.items && !s.items.$ref && unwrapNullable(s.items).inner.properties) return unwrapNullable(s.items).inner;
  return null;
}

/** An object's fields as a nested list. */
export function fieldList(ctx: PageContext, schema: JsonSchema, depth = 0): SafeHtml {
  const { t } = ctx;
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return html``;
  const required = new Set(schema.required ?? []);
  return html`<ul class="schema-fields">${props.map(([name, p]) => {
    const nested = depth < 6 ? nestedObject(p) : null;
    const extra = limits(ctx, p);
    const description = p.description ?? unwrapNullable(p).inner.description;
    return html`<li><code class="schema-name">${name}</code>: ${typeText(ctx, p)} <span class="schema-req">(${
      required.has(name) ? t("apidocs.requiredField") : t("apidocs.optionalField")
    })</span>${extra.length ? html`<span class="muted">; ${extra.join("; ")}</span>` : ""}${description ? html`<br>${description}` : ""}${
      nested ? fieldList(ctx, nested, depth + 1) : ""
    }</li>`;
  })}</ul>`;
}

/** The first example a schema gives, pretty-printed; nothing when it gives none. */
export function exampleOf(ctx: PageContext, schema: JsonSchema): SafeHtml {
  const ex = schema.examples?.[0] ?? schema.example;
  if (ex === undefined) return html``;
  return html`<p class="schema-example-label">${ctx.t("apidocs.example")}</p><pre class="schema-example"><code>${JSON.stringify(ex, null, 2)}</code></pre>`;
}

/** A schema where an operation uses it: its type, and for an inline object its fields and example. */
export function schemaBlock(ctx: PageContext, schema: JsonSchema): SafeHtml {
  const nested = schema.$ref ? null : nestedObject(schema);
  const description = schema.description && !nested ? html` – ${schema.description}` : "";
  return html`<p>${typeText(ctx, schema)}${description}</p>${nested ? fieldList(ctx, nested) : ""}${exampleOf(ctx, schema)}`;
}
