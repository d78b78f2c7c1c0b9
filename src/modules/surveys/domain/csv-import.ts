// Reading the two import formats, pure: the police's official survey results and reported-crime
// statistics (Brå). Both are CSV in UTF-8 (a BOM is fine), separated by semicolons (Swedish Excel)
// or commas, with a header row; column names in Swedish or English, any case, with or without
// å/ä/ö; decimals with a comma or a point; other columns are ignored. Every row is checked
// against the tenant's areas and the known items; one bad row rejects the whole file, and every
// offending row is listed (line number and what is wrong) so the file can be fixed in one go.
// The format is documented in the module README ("Importformat").
import { COLOURS, type Colour } from "../tables.ts";

export type RowError = { line: number; key: string; params?: Record<string, string | number> };

/** Parse CSV text (RFC 4180 quoting) with the given delimiter: rows of fields, with their line numbers. */
export function parseCsv(text: string, delimiter: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let field = "";
  let fields: string[] = [];
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === "")) rows.push({ line: rowLine, fields });
    fields = [];
    field = "";
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      inQuotes = true;
      field = "";
    } else if (ch === delimiter) {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== "" || fields.length) endRow();
  return rows;
}

/** The delimiter of a file from its header line: semicolon, tab or comma. */
export function detectDelimiter(text: string): string {
  const first = text.replace(/^\ufeff/, "").split(/\r?\n/, 1)[0] ?? "";
  if (first.includes(";")) return ";";
  if (first.includes("\t")) return "\t";
  return ",";
}

/** Header names compared without case, diacritics, spaces or punctuation ("Andel (%)" → "andel"). */
export function normaliseName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\(.*?\)/g, "")
    .replace(/[^a-z0-9]/g, "");
}

/** A decimal number written with a comma or a point (spaces as thousands separators allowed); null when not a number. */
export function parseDecimal(s: string): number | null {
  const t = s
    .trim()
    .replace(/[\s\u00a0]/g, "")
    .replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

function parseInteger(s: string): number | null {
  const t = s.trim().replace(/[\s\u00a0]/g, "");
  return /^\d+$/.test(t) ? Number(t) : null;
}

type Columns<K extends string> = Record<K, number | undefined>;

function findColumns<K extends string>(header: string[], aliases: Record<K, readonly string[]>): Columns<K> {
  const names = header.map(normaliseName);
  const out = {} as Columns<K>;
  for (const key of Object.keys(aliases) as K[]) {
    const i = names.findIndex((n) => aliases[key].includes(n));
    out[key] = i >= 0 ? i : undefined;
  }
  return out;
}

/** Areas the file may name: by name or slug, any case; `wholeNames` name the whole municipality. */
export type AreaLookup = { byName: ReadonlyMap<string, string>; wholeNames: ReadonlySet<string> };

export function areaLookup(areas: ReadonlyArray<{ id: string; name: string; slug: string }>, municipality: string): AreaLookup {
  const byName = new Map<string, string>();
  for (const a of areas) {
    byName.set(a.name.trim().toLowerCase(), a.id);
    byName.set(a.slug.toLowerCase(), a.id);
  }
  const m = municipality.trim().toLowerCase();
  const wholeNames = new Set(["", "hela kommunen", "kommunen", "kommun", "totalt", "whole municipality", "total", m, m.replace(/ kommun$/, "")]);
  return { byName, wholeNames };
}

/** The area of a row: an id, null for the whole municipality, or undefined when unknown. */
function resolveArea(value: string, lookup: AreaLookup): string | null | undefined {
  const v = value.trim().toLowerCase();
  if (lookup.wholeNames.has(v)) return null;
  return lookup.byName.get(v);
}

function resolveColour(value: string): Colour | null | undefined {
  const v = normaliseName(value);
  if (v === "") return null;
  const map: Record<string, Colour> = { gron: "gron", green: "gron", gul: "gul", yellow: "gul", rod: "rod", red: "rod" };
  const c = map[v];
  return c && (COLOURS as readonly string[]).includes(c) ? c : undefined;
}

function parseYear(value: string): number | null {
  const y = parseInteger(value);
  return y !== null && y >= 1990 && y <= 2100 ? y : null;
}

export type OfficialRow = {
  line: number;
  year: number;
  areaId: string | null;
  itemKey: string;
  index: number | null;
  share: number | null;
  n: number | null;
  colour: Colour | null;
};
export type CrimeRow = { line: number; year: number; areaId: string | null; category: string; count: number; per100k: number | null };

export type ParseOutcome<R> = { ok: true; rows: R[] } | { ok: false; errors: RowError[] };

const OFFICIAL_COLUMNS = {
  year: ["ar", "year"],
  area: ["omrade", "area"],
  item: ["fraga", "item", "fragenyckel", "nyckel"],
  index: ["index", "indexvarde"],
  share: ["andel", "andelprocent", "share", "sharepercent", "procent"],
  n: ["n", "antalsvar", "svar"],
  colour: ["farg", "colour", "color"],
} as const;

const CRIME_COLUMNS = {
  year: ["ar", "year"],
  area: ["omrade", "area"],
  category: ["brottskategori", "kategori", "category", "brott", "brottstyp"],
  count: ["antal", "count", "anmaldabrott", "anmalda"],
  per100k: ["per100000", "per100000inv", "per100k", "per100000invanare"],
} as const;

const MAX_ROWS = 20_000;

function header<K extends string>(
  text: string,
  aliases: Record<K, readonly string[]>,
  required: readonly NoInfer<K>[],
): { ok: true; cols: Columns<K>; rows: Array<{ line: number; fields: string[] }> } | { ok: false; errors: RowError[] } {
  const rows = parseCsv(text, detectDelimiter(text));
  if (rows.length === 0) return { ok: false, errors: [{ line: 1, key: "surveys.import.error.empty" }] };
  const cols = findColumns(rows[0]!.fields, aliases);
  const missing = required.filter((k) => cols[k] === undefined);
  if (missing.length)
    return {
      ok: false,
      errors: [{ line: rows[0]!.line, key: "surveys.import.error.missingColumns", params: { columns: missing.map((k) => aliases[k][0]).join(", ") } }],
    };
  if (rows.length === 1) return { ok: false, errors: [{ line: rows[0]!.line, key: "surveys.import.error.noRows" }] };
  if (rows.length - 1 > MAX_ROWS) return { ok: false, errors: [{ line: rows[0]!.line, key: "surveys.import.error.tooManyRows", params: { max: MAX_ROWS } }] };
  return { ok: true, cols, rows: rows.slice(1) };
}

const cell = (fields: string[], i: number | undefined) => (i === undefined ? "" : (fields[i] ?? "").trim());

/** Read the official results format. `items` are the known item keys (definition items and summary indices). */
export function parseOfficialCsv(text: string, lookup: AreaLookup, items: ReadonlySet<string>): ParseOutcome<OfficialRow> {
  const h = header(text, OFFICIAL_COLUMNS, ["year", "item"]);
  if (!h.ok) return h;
  const { cols } = h;
  if (cols.index === undefined && cols.share === undefined)
    return { ok: false, errors: [{ line: 1, key: "surveys.import.error.missingColumns", params: { columns: "index, andel" } }] };
  const errors: RowError[] = [];
  const rows: OfficialRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of h.rows) {
    const before = errors.length;
    const year = parseYear(cell(fields, cols.year));
    if (year === null) errors.push({ line, key: "surveys.import.error.year", params: { value: cell(fields, cols.year) } });
    const areaText = cell(fields, cols.area);
    const areaId = resolveArea(areaText, lookup);
    if (areaId === undefined) errors.push({ line, key: "surveys.import.error.unknownArea", params: { value: areaText } });
    const itemKey = cell(fields, cols.item).toLowerCase();
    if (!items.has(itemKey)) errors.push({ line, key: "surveys.import.error.unknownItem", params: { value: cell(fields, cols.item) } });
    const indexText = cell(fields, cols.index);
    const shareText = cell(fields, cols.share);
    const index = indexText === "" ? null : parseDecimal(indexText);
    const share = shareText === "" ? null : parseDecimal(shareText.replace(/%$/, ""));
    if (indexText !== "" && (index === null || index < 0 || index > 6)) errors.push({ line, key: "surveys.import.error.index", params: { value: indexText } });
    if (shareText !== "" && (share === null || share < 0 || share > 100))
      errors.push({ line, key: "surveys.import.error.share", params: { value: shareText } });
    if (indexText === "" && shareText === "") errors.push({ line, key: "surveys.import.error.noValue" });
    const nText = cell(fields, cols.n);
    const n = nText === "" ? null : parseInteger(nText);
    if (nText !== "" && n === null) errors.push({ line, key: "surveys.import.error.n", params: { value: nText } });
    const colourText = cell(fields, cols.colour);
    const colour = resolveColour(colourText);
    if (colour === undefined) errors.push({ line, key: "surveys.import.error.colour", params: { value: colourText } });
    if (errors.length > before) continue;
    const dup = `${year}|${areaId ?? ""}|${itemKey}`;
    const prior = seen.get(dup);
    if (prior !== undefined) {
      errors.push({ line, key: "surveys.import.error.duplicate", params: { other: prior } });
      continue;
    }
    seen.set(dup, line);
    rows.push({ line, year: year!, areaId: areaId!, itemKey, index, share, n, colour: colour! });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/** Read the reported-crime format (Brå's statistics per year and crime category). */
export function parseCrimeCsv(text: string, lookup: AreaLookup): ParseOutcome<CrimeRow> {
  const h = header(text, CRIME_COLUMNS, ["year", "category", "count"]);
  if (!h.ok) return h;
  const { cols } = h;
  const errors: RowError[] = [];
  const rows: CrimeRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of h.rows) {
    const before = errors.length;
    const year = parseYear(cell(fields, cols.year));
    if (year === null) errors.push({ line, key: "surveys.import.error.year", params: { value: cell(fields, cols.year) } });
    const areaText = cell(fields, cols.area);
    const areaId = resolveArea(areaText, lookup);
    if (areaId === undefined) errors.push({ line, key: "surveys.import.error.unknownArea", params: { value: areaText } });
    const category = cell(fields, cols.category);
    if (category === "" || category.length > 100) errors.push({ line, key: "surveys.import.error.category" });
    const countText = cell(fields, cols.count);
    const count = parseInteger(countText);
    if (count === null) errors.push({ line, key: "surveys.import.error.count", params: { value: countText } });
    const perText = cell(fields, cols.per100k);
    const per100k = perText === "" ? null : parseDecimal(perText);
    if (perText !== "" && (per100k === null || per100k < 0)) errors.push({ line, key: "surveys.import.error.per100k", params: { value: perText } });
    if (errors.length > before) continue;
    const dup = `${year}|${areaId ?? ""}|${category.toLowerCase()}`;
    const prior = seen.get(dup);
    if (prior !== undefined) {
      errors.push({ line, key: "surveys.import.error.duplicate", params: { other: prior } });
      continue;
    }
    seen.set(dup, line);
    rows.push({ line, year: year!, areaId: areaId!, category, count: count!, per100k });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/** The options of a background question (age group, sex) a file may name: by key or Swedish text. */
export type OptionLookup = ReadonlyMap<string, string>;

export function optionLookup(options: ReadonlyArray<{ key: string; text: { sv: string } }>): OptionLookup {
  const m = new Map<string, string>();
  for (const o of options) {
    m.set(o.key.toLowerCase(), o.key);
    m.set(o.text.sv.trim().toLowerCase(), o.key);
    // "16–24 år" is often written "16-24"
    m.set(o.text.sv.trim().toLowerCase().replace(/[–—]/g, "-").replace(/ år$/, ""), o.key);
  }
  return m;
}

export type StratumRow = { line: number; areaId: string; ageGroup: string | null; sex: string | null; count: number | null };

const STRATA_COLUMNS = {
  area: ["omrade", "area"],
  age: ["aldersgrupp", "alder", "agegroup", "age"],
  sex: ["kon", "sex", "gender"],
  count: ["antal", "count", "befolkning", "population"],
} as const;

/**
 * A sample frame (one row per person drawn: area, age group, sex — for one-time codes) or
 * population figures per stratum (with `antal` — for weighting). Areas are required; age group
 * and sex when the definition asks them (else the columns may be left out).
 */
export function parseStrataCsv(
  text: string,
  lookup: AreaLookup,
  ages: OptionLookup | null,
  sexes: OptionLookup | null,
  opts: { withCount: boolean },
): ParseOutcome<StratumRow> {
  const h = header(text, STRATA_COLUMNS, opts.withCount ? ["area", "count"] : ["area"]);
  if (!h.ok) return h;
  const { cols } = h;
  const errors: RowError[] = [];
  const rows: StratumRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of h.rows) {
    const before = errors.length;
    const areaText = cell(fields, cols.area);
    const areaId = lookup.byName.get(areaText.toLowerCase());
    if (!areaId) errors.push({ line, key: "surveys.import.error.unknownArea", params: { value: areaText } });
    const ageText = cell(fields, cols.age);
    const ageGroup = ageText === "" || !ages ? null : (ages.get(ageText.toLowerCase().replace(/[–—]/g, "-").replace(/ år$/, "")) ?? undefined);
    if (ageGroup === undefined) errors.push({ line, key: "surveys.import.error.unknownOption", params: { value: ageText } });
    const sexText = cell(fields, cols.sex);
    const sex = sexText === "" || !sexes ? null : (sexes.get(sexText.toLowerCase()) ?? undefined);
    if (sex === undefined) errors.push({ line, key: "surveys.import.error.unknownOption", params: { value: sexText } });
    let count: number | null = null;
    if (opts.withCount) {
      const countText = cell(fields, cols.count);
      count = parseInteger(countText);
      if (count === null) errors.push({ line, key: "surveys.import.error.count", params: { value: countText } });
    }
    if (errors.length > before) continue;
    if (opts.withCount) {
      const dup = `${areaId}|${ageGroup ?? ""}|${sex ?? ""}`;
      const prior = seen.get(dup);
      if (prior !== undefined) {
        errors.push({ line, key: "surveys.import.error.duplicate", params: { other: prior } });
        continue;
      }
      seen.set(dup, line);
    }
    rows.push({ line, areaId: areaId!, ageGroup: ageGroup ?? null, sex: sex ?? null, count });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
