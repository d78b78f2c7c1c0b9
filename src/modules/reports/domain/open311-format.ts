// Open311 GeoReport v2 documents in both formats from one value. The spec's JSON is "a
// programmatic mapping of the XML" (the Spark convention): an XML list element (<services>)
// holds one element per item (<service>), and the JSON is a plain array of the items; nested
// lists work the same (<attributes><attribute>, <values><value>, <notes><note>). XML is UTF-8
// with the declaration, no namespace, empty elements for missing values.
export type O311Value = string | number | boolean | null | undefined | O311Value[] | { [k: string]: O311Value };

/** List element → item element (spec names). */
const ITEM_NAMES: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  notes: "note",
  photos: "photo",
};

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Element text for XML: escaped, and characters XML 1.0 cannot carry removed. */
export function xmlText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/[&<>]/g, (c) => XML_ESCAPES[c]!);
}

/** An attribute value for XML (quotes escaped too). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/["']/g, (c) => XML_ESCAPES[c]!);
}

function element(name: string, value: O311Value, indent: string): string {
  if (value === null || value === undefined || value === "") return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? "item";
    if (value.length === 0) return `${indent}<${name}/>`;
    return `${indent}<${name}>\n${value.map((v) => element(item, v, `${indent}  `)).join("\n")}\n${indent}</${name}>`;
  }
  if (typeof value === "object") {
    const inner = Object.entries(value).map(([k, v]) => element(k, v, `${indent}  `));
    return inner.length ? `${indent}<${name}>\n${inner.join("\n")}\n${indent}</${name}>` : `${indent}<${name}/>`;
  }
  return `${indent}<${name}>${xmlText(String(value))}</${name}>`;
}

/** An XML document whose root is `root` (a list root such as "services" takes an array). */
export function toXml(root: string, value: O311Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, "")}\n`;
}

/** The JSON of the same document: list roots are arrays, undefined fields are null. */
export function toJson(value: O311Value): string {
  return JSON.stringify(value, (_k, v) => (v === undefined ? null : v));
}

export type Format = "json" | "xml";

export const CONTENT_TYPES: Record<Format, string> = {
  json: "application/json; charset=utf-8",
  xml: "text/xml; charset=utf-8",
};

/** One document in the requested format, with its Content-Type. */
export function render(format: Format, root: string, value: O311Value): { body: string; type: string } {
  return { body: format === "xml" ? toXml(root, value) : toJson(value), type: CONTENT_TYPES[format] };
}

export type O311Error = { code: number | string; description: string };

/** The spec's error document: an array of {code, description}. */
export function renderErrors(format: Format, errors: readonly O311Error[]): { body: string; type: string } {
  return render(
    format,
    "errors",
    errors.map((e) => ({ code: e.code, description: e.description })),
  );
}

/** W3C date-time as the spec asks (UTC, no fractions): 2010-01-01T00:00:00Z. */
export function w3Date(d: Date | null | undefined): string | null {
  if (!d) return null;
  return `${new Date(d).toISOString().slice(0, 19)}Z`;
}

/** Parse a W3C date-time with a time zone (Z or ±HH:MM); null when it is not one. */
export function parseW3Date(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}
