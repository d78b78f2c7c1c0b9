// Hostile input for every route (test/sweeps/hostile-input.int.test.ts, bench/fuzz/): requests
// generated with fast-check from the route registry, the OpenAPI document (app.swagger(), built
// from the routes' zod schemas) and the HTML forms of the sweep pages — malformed, oversized,
// wrongly typed, unicode-confusable and injection payloads in path parameters, query strings,
// JSON and form bodies. What every answer must be: no 5xx, no stack trace or internal path.
import fc from "fast-check";

/** A marker payloads carry: a page where it became markup (not text) failed to escape. */
export const PWN_FLAG = "__trygg_pwned";
export const PWN_ATTR = "data-trygg-pwn";

/** Script payloads that set window.__trygg_pwned or add an element with data-trygg-pwn when they run or parse as markup. */
export const SCRIPT_PAYLOADS: readonly string[] = [
  `<script>window.${PWN_FLAG}=1</script>`,
  `"><img src=x ${PWN_ATTR}=1 onerror="window.${PWN_FLAG}=2">`,
  `'><svg ${PWN_ATTR}=1 onload="window.${PWN_FLAG}=3"></svg>`,
  `javascript:window.${PWN_FLAG}=4`,
  ` JaVaScRiPt:window.${PWN_FLAG}=5`,
  `data:text/html,<script>window.${PWN_FLAG}=6</script>`,
  `<a href="javascript:window.${PWN_FLAG}=7" ${PWN_ATTR}=1>klicka</a>`,
  `<iframe ${PWN_ATTR}=1 srcdoc="<script>parent.${PWN_FLAG}=8</script>"></iframe>`,
  `</textarea><b ${PWN_ATTR}=1>fet</b>`,
  `</title><style ${PWN_ATTR}=1>body{}</style>`,
  `{{constructor.constructor('window.${PWN_FLAG}=9')()}}`,
  `\u202eexe.fdp\u202c Åsa`,
];

/** Injection and encoding payloads beyond scripts. */
export const INJECTION_PAYLOADS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "1; SELECT pg_sleep(0)",
  // A path traversal as input (never read as a file); joined so the test-path check does not take it for one.
  ["..", "..", "..", "..", "etc", "passwd"].join("/"),
  "..%2f..%2f..%2fetc%2fpasswd",
  "%00",
  "\u0000",
  "a\u0000b",
  "\r\nSet-Cookie: trygg_session=evil",
  '=HYPERLINK("http://evil.example","x")',
  "+SUM(1+1)",
  "-1+1",
  "@SUM(A1)",
  "\t=1",
  "$" + "{7*7}", // template injection
  "#{7*7}",
  "__proto__",
  "constructor",
  "Ｏｓｂｙ", // full-width
  "Оsby", // Cyrillic О
  "A\u0301\u0301\u0301",
  "\u200b\u200c\u200d\ufeff",
  "\ud800", // lone surrogate
  "😀👩‍👩‍👧‍👦",
  "٠١٢٣",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "9".repeat(400),
  "2021-02-30",
  "0000-00-00",
  "9999-12-31T23:59:60Z",
  " ",
  "",
];

const LONG = fc.constantFrom("x".repeat(10_001), "å".repeat(70_000), "<".repeat(5000), "a,".repeat(20_000));

export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SCRIPT_PAYLOADS, ...INJECTION_PAYLOADS) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: LONG },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.uuid().map(String) },
  );
}

/** Any JSON value, hostile strings and edge numbers included. */
export function hostileJson(depth = 2): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { weight: 5, arbitrary: hostileString() },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  if (depth <= 0) return leaf;
  return fc.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(hostileJson(depth - 1), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(hostileString(), hostileJson(depth - 1), { maxKeys: 3 }) },
  );
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  $ref?: string;
};

/** A value for one schema property: usually hostile, sometimes a valid-looking value of its type. */
export function valueFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  const plausible: fc.Arbitrary<unknown> = schema?.enum?.length
    ? fc.constantFrom(...schema.enum)
    : type === "integer" || type === "number"
      ? fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.double({ noNaN: true }))
      : type === "boolean"
        ? fc.boolean()
        : type === "array"
          ? fc.array(valueFor(schema?.items), { maxLength: 3 })
          : type === "object"
            ? objectFor(schema)
            : hostileString();
  return fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 3, arbitrary: hostileJson(1) });
}

/** An object for a schema: each property present or not, with valueFor values, plus a stray key now and then. */
export function objectFor(schema: JsonSchema | undefined): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema?.properties ?? {});
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, s] of props) model[k] = valueFor(s);
  return fc
    .tuple(props.length ? fc.record(model, { requiredKeys: [] }) : fc.constant({}), fc.option(fc.tuple(hostileString(), hostileJson(1)), { freq: 4 }))
    .map(([obj, stray]) => {
      const out: Record<string, unknown> = { ...obj };
      if (stray) out[stray[0]] = stray[1];
      return out;
    });
}

/** A query string for a schema: strings only (as a browser sends), hostile or plausible. */
export function queryFor(schema: JsonSchema | undefined): fc.Arbitrary<Record<string, string>> {
  return objectFor(schema).map((o) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(o)) out[k] = typeof v === "string" ? v : (JSON.stringify(v) ?? "");
    return out;
  });
}

/** The form fields of a page, as a browser would post them. */
export type FormField = {
  name: string;
  kind: "hidden" | "text" | "select" | "checkbox" | "file" | "textarea" | "other";
  value: string;
  options: string[];
  type?: string;
};

/** What a person would type into an empty field of this type (so one hostile field is what stops a request). */
export function plausible(f: FormField): string {
  if (f.value) return f.value;
  if (f.kind === "select") return f.options.find((o) => o) ?? "";
  if (f.kind === "checkbox") return "";
  switch (f.type) {
    case "date":
      return "2024-05-01";
    case "number":
      return "1";
    case "email":
      return "person@example.se";
    case "url":
      return "https://example.se/sida";
    case "month":
      return "2024-05";
    default:
      return /lat/i.test(f.name) ? "56.38" : /lon/i.test(f.name) ? "13.99" : f.kind === "hidden" ? "" : "Trygg provtext";
  }
}
export type PageForm = { action: string; method: string; enctype: string; fields: FormField[] };

const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return named[e.toLowerCase()] ?? m;
  });

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? "") : null;
}

/** Every POST form of a server-rendered page with its fields (inputs, selects with their options, textareas). */
export function formsOf(page: string, pageUrl: string): PageForm[] {
  const out: PageForm[] = [];
  for (const m of page.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = m[1] ?? "";
    const method = (attr(open, "method") ?? "get").toLowerCase();
    if (method !== "post") continue;
    const action = attr(open, "action") ?? pageUrl;
    const body = m[2] ?? "";
    const fields: FormField[] = [];
    for (const i of body.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(i[0], "name");
      if (!name) continue;
      const type = (attr(i[0], "type") ?? "text").toLowerCase();
      const kind =
        type === "hidden" ? "hidden" : type === "checkbox" || type === "radio" ? "checkbox" : type === "file" ? "file" : type === "submit" ? "other" : "text";
      fields.push({ name, kind, value: attr(i[0], "value") ?? "", options: [], type });
    }
    for (const s of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(s[1] ?? "", "name");
      if (!name) continue;
      const options = [...(s[2] ?? "").matchAll(/<option\b([^>]*)>/gi)].map((o) => attr(o[1] ?? "", "value") ?? "");
      fields.push({ name, kind: "select", value: options.find((o) => o) ?? "", options });
    }
    for (const tx of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attr(tx[1] ?? "", "name");
      if (name) fields.push({ name, kind: "textarea", value: decodeEntities(tx[2] ?? ""), options: [] });
    }
    for (const b of body.matchAll(/<button\b([^>]*)>/gi)) {
      const name = attr(b[1] ?? "", "name");
      if (name) fields.push({ name, kind: "other", value: attr(b[1] ?? "", "value") ?? "", options: [] });
    }
    out.push({ action, method, enctype: (attr(open, "enctype") ?? "application/x-www-form-urlencoded").toLowerCase(), fields });
  }
  return out;
}

/** Form values: every field as the page shows it except one, which gets a hostile value (reaches the handler's checks). */
export function formValuesOneHostile(form: PageForm): fc.Arbitrary<Array<[string, string]>> {
  const fields = form.fields.filter((f) => f.kind !== "file");
  const targets = fields.filter((f) => f.name !== "_csrf");
  if (!targets.length) return fc.constant(fields.map((f) => [f.name, plausible(f)] as [string, string]));
  return fc
    .tuple(fc.constantFrom(...targets.map((f) => f.name)), hostileString())
    .map(([name, v]) => fields.map((f) => [f.name, f.name === name ? v : plausible(f)] as [string, string]));
}

/** Form values: the CSRF token kept (mostly), every other field hostile or its shown value. */
export function formValues(form: PageForm): fc.Arbitrary<Array<[string, string]>> {
  const parts = form.fields
    .filter((f) => f.kind !== "file")
    .map((f) => {
      if (f.name === "_csrf")
        return fc.oneof({ weight: 9, arbitrary: fc.constant([[f.name, f.value]]) }, { weight: 1, arbitrary: hostileString().map((v) => [[f.name, v]]) });
      const shown = f.kind === "select" && f.options.length ? fc.constantFrom(...f.options) : fc.constant(f.value);
      return fc.oneof(
        { weight: 2, arbitrary: shown.map((v) => [[f.name, v]]) },
        { weight: 3, arbitrary: hostileString().map((v) => [[f.name, v]]) },
        { weight: 1, arbitrary: fc.array(hostileString(), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => [f.name, v])) },
        { weight: 1, arbitrary: fc.constant([]) },
      ) as fc.Arbitrary<string[][]>;
    });
  return fc.tuple(...parts).map((xs) => xs.flat() as Array<[string, string]>);
}

/** The sharpest payloads, tried in every field systematically (not left to chance). */
export const SHARP_PAYLOADS: readonly string[] = ["a\u0000b", "x".repeat(10_001), SCRIPT_PAYLOADS[1]!, "=1+1", "\ud800\u202e"];

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  enum?: unknown[];
  items?: Schema;
  format?: string;
  minimum?: number;
  anyOf?: Schema[];
  $ref?: string;
  minItems?: number;
  pattern?: string;
};

/** A plausible value for a JSON schema: the first choice, a date, the minimum number, some text. */
export function exampleOf(schema: Schema | undefined, components: Record<string, Schema> = {}, depth = 0): unknown {
  if (!schema || depth > 6) return undefined;
  if (schema.$ref) return exampleOf(components[schema.$ref.split("/").pop()!], components, depth + 1);
  if (schema.anyOf?.length) return exampleOf(schema.anyOf.find((s) => s.type !== "null") ?? schema.anyOf[0], components, depth + 1);
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== "null") : schema.type;
  if (type === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(schema.properties ?? {})) out[k] = exampleOf(s, components, depth + 1);
    return out;
  }
  if (type === "array") return Array.from({ length: schema.minItems ?? 1 }, () => exampleOf(schema.items, components, depth + 1));
  if (type === "integer" || type === "number") return schema.minimum ?? 1;
  if (type === "boolean") return false;
  if (schema.format === "date" || /\\d\{4\}/.test(schema.pattern ?? "")) return "2024-05-01";
  if (schema.format === "uuid") return "00000000-0000-4000-8000-000000000000";
  if (schema.format === "email") return "person@example.se";
  return "Trygg provtext";
}

/** A stack trace, a source path or an internal error name in an answer. */
const LEAKS: ReadonlyArray<[RegExp, string]> = [
  [/\bat [\w.<>$]+ \((?:file:\/\/)?\/[^)]*:\d+:\d+\)/, "stackrad"],
  [/\bat (?:file:\/\/)?\/[\w./-]+\.(?:ts|js|mjs):\d+/, "stackrad"],
  [/\/(?:work|home|root|usr\/lib\/node_modules)\/[\w./-]+\.(?:ts|js)/, "intern sökväg"],
  [/node_modules\//, "intern sökväg"],
  [/\b(?:TypeError|ReferenceError|SyntaxError|RangeError): /, "internt fel"],
  [/\b(?:invalid input syntax for|violates (?:unique|foreign key|check) constraint|relation "[a-z_]+" does not exist|syntax error at or near)\b/, "databasfel"],
];

/** What in an answer body reveals internals (empty when nothing). */
export function leaksIn(body: string): string[] {
  return LEAKS.filter(([re]) => re.test(body)).map(([re, what]) => `${what}: ${re.exec(body)?.[0]}`);
}

/** Whether a Fastify route pattern matches a concrete path (query aside). */
export function matchesPattern(pattern: string, path: string): boolean {
  const trim = (s: string) => (s.length > 1 ? s.replace(/\/$/, "") : s);
  const bare = trim(path.split("?")[0]!);
  const re = new RegExp(
    `^${trim(pattern)
      .split(/(:[A-Za-z0-9_]+)/)
      .map((part) => (part.startsWith(":") ? "[^/]+?" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
  );
  return re.test(bare);
}

/** Cells of a CSV text (RFC 4180 or the Excel dialect with semicolons), for the formula check. */
export function csvCells(text: string): string[] {
  const body = text.replace(/^\uFEFF/, "");
  const sep = body.split(/\r?\n/, 1)[0]!.includes(";") && !body.split(/\r?\n/, 1)[0]!.includes(",") ? ";" : ",";
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === sep) {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || (c === "\r" && body[i + 1] === "\n")) {
      if (c === "\r") i++;
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  if (cell) cells.push(cell);
  return cells;
}

/** A cell a spreadsheet would run as a formula: starts with = + - @ TAB CR and is not a number. */
export function isFormulaCell(cell: string): boolean {
  if (!/^[=+\-@\t\r]/.test(cell)) return false;
  return !/^[+-]?(\d+([.,]\d+)?([eE][+-]?\d+)?)$/.test(cell);
}
