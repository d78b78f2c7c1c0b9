// Repeated rows of an HTML form ("findings.0.text", "findings.1.text", …), read by their index
// with a hard maximum. The index in a field name comes from the client: it must never decide how
// much the server allocates, loops over or renders (a name like "findings.10000000.text" once
// made a page of 10 million empty rows). Rows are kept in a Map keyed by the indices actually
// sent; an index beyond the bound, or one that is not a plain row number, is refused with a
// clear message instead of being read.
import type { Translate } from "../i18n/i18n.ts";

export type RowsSpec = {
  /** The name before the index: "findings" for "findings.3.text". */
  prefix: string;
  /** The most rows that may be filled in. */
  max: number;
  /** Blank rows the form shows after the last row (so the highest index a form sends is max + spare − 1). */
  spare?: number;
};

export type FormRow = { index: number; values: Readonly<Record<string, string>> };

export type RowsProblem = "tooMany" | "outOfRange";

export type ReadRows = {
  /** The rows that are not blank, in index order, at most `max` of them. */
  rows: FormRow[];
  problem: RowsProblem | null;
};

/** The highest row index a form built for `spec` can send. */
export function maxRowIndex(spec: RowsSpec): number {
  return spec.max + (spec.spare ?? 0) - 1;
}

const ROW_KEY = /^(0|[1-9][0-9]{0,5})\.([A-Za-z_][A-Za-z0-9_]*)$/;

function firstString(v: unknown): string {
  if (Array.isArray(v)) return typeof v[0] === "string" ? v[0] : "";
  return typeof v === "string" ? v : "";
}

/**
 * Walk the field names once and collect the rows of `spec.prefix`. Work and memory grow with the
 * number of fields actually sent (bounded by the body limit), never with an index's value.
 */
function collect(body: unknown, spec: RowsSpec): { byIndex: Map<number, Record<string, string>>; outOfRange: boolean } {
  const byIndex = new Map<number, Record<string, string>>();
  let outOfRange = false;
  const head = `${spec.prefix}.`;
  const limit = maxRowIndex(spec);
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (!key.startsWith(head)) continue;
    const m = ROW_KEY.exec(key.slice(head.length));
    const index = m ? Number(m[1]) : Number.NaN;
    if (!m || index > limit) {
      outOfRange = true;
      continue;
    }
    const row = byIndex.get(index) ?? {};
    row[m[2]!] = firstString(value);
    byIndex.set(index, row);
  }
  return { byIndex, outOfRange };
}

/**
 * The non-blank rows of `spec.prefix` in index order. `isBlank` decides which rows were left
 * empty (those are dropped); more than `max` filled rows, or an index the form cannot have sent,
 * is a problem the caller reports (rowsProblemMessage) — the rows beyond are not read.
 */
export function readRows(body: unknown, spec: RowsSpec, isBlank: (row: Readonly<Record<string, string>>) => boolean = isBlankRow): ReadRows {
  const { byIndex, outOfRange } = collect(body, spec);
  const filled = [...byIndex.entries()]
    .sort((a, b) => a[0] - b[0])
    .filter(([, values]) => !isBlank(values))
    .map(([index, values]) => ({ index, values }));
  const tooMany = filled.length > spec.max;
  return { rows: filled.slice(0, spec.max), problem: outOfRange ? "outOfRange" : tooMany ? "tooMany" : null };
}

/** A row whose every value is empty or whitespace. */
export function isBlankRow(row: Readonly<Record<string, string>>): boolean {
  return Object.values(row).every((v) => v.trim() === "");
}

/**
 * How many rows a form should render for `spec`, given the values it shows: one past the highest
 * row index present plus the spare rows, at least `min`, never more than the form can send.
 * Indices out of range are ignored.
 */
export function rowsToRender(values: Readonly<Record<string, unknown>>, spec: RowsSpec & { min?: number }): number {
  const { byIndex } = collect(values, spec);
  const highest = byIndex.size ? Math.max(...byIndex.keys()) : -1;
  const wanted = Math.max(spec.min ?? 0, highest + 1 + (spec.spare ?? 0));
  return Math.min(wanted, maxRowIndex(spec) + 1);
}

/** The Swedish (or English) sentence for a rows problem: `label` names the group ("Lägesbild"). */
export function rowsProblemMessage(t: Translate, problem: RowsProblem, label: string, max: number): string {
  return t(problem === "tooMany" ? "forms.rows.tooMany" : "forms.rows.outOfRange", { label, max });
}
