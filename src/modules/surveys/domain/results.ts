// From counted answers to results, pure: per item and column (each area, "area not stated", the
// whole municipality) the distribution, the measured share with its Wilson interval (without "vet
// ej" in the base), multiple choice per option, means of numbers, the optional weighted share,
// the unofficial index and colour — and suppression: a cell with fewer answers than the tenant's
// minimum is never shown, and when exactly one column of an item is suppressed the smallest other
// one is too, so the hidden cell cannot be worked out from the total (secondary suppression).
import { type DefinitionContent, type ItemDef, isDontKnow, optionKeys } from "./definition.ts";
import {
  type Band,
  colourOf,
  type IndexConversion,
  type Interval,
  indexFromShare,
  type Mean,
  meanOf,
  poststratify,
  type StratumKey,
  stratumId,
  type Weights,
  weightedShare,
  wilson,
} from "./stats.ts";

/** A counted group of answers: one option of one item in one stratum (option null: numbers, text, multi-choice respondents). */
export type CountCell = StratumKey & { item_key: string; option_key: string | null; n: number; sum_num: number | null; sumsq_num: number | null };
/** Respondents per stratum. */
export type StratumCount = StratumKey & { responses: number; complete: number };

export type ColumnKind = "area" | "unknown" | "total";
export type Column = { key: string; kind: ColumnKind; areaId: string | null; name: string | null; slug: string | null; responses: number; complete: number };

export const TOTAL = "alla";
export const UNKNOWN = "ej-angivet";

export type Share = Interval & { k: number; base: number; suppressed: boolean };
export type Weighted = Interval & { nEff: number };
export type Distribution = Array<{ key: string; count: number; pct: number; dontKnow: boolean }>;

export type Cell =
  | { suppressed: "primary" | "secondary"; answered: number }
  | {
      suppressed: null;
      /** Respondents who answered the item (including "vet ej"). */
      answered: number;
      dontKnow: number;
      distribution: Distribution;
      share: Share | null;
      weighted: Weighted | null;
      /** Multiple choice: each option's share of the item's respondents. */
      perOption: Array<{ key: string; k: number; iv: Interval }> | null;
      mean: Mean | null;
      /** The tenant's index from the share (ej officiell beräkning). */
      index: { value: number; colour: Band["colour"] | null } | null;
    };

export type ItemResult = { item: ItemDef; cells: Record<string, Cell> };

export type ResultOptions = {
  minCell: number;
  index: IndexConversion;
  bands: readonly Band[];
  /** Post-stratification, when the round has it switched on with population figures. */
  population: ReadonlyArray<StratumKey & { count: number }> | null;
};

export type ResultView = {
  columns: Column[];
  items: ItemResult[];
  weights: Omit<Weights, "byStratum"> | null;
  responses: number;
  complete: number;
};

type Acc = { counts: Map<string, number>; marker: number; sum: number; sumSq: number; byStratum: Map<string, Map<string, number>> };

function acc(): Acc {
  return { counts: new Map(), marker: 0, sum: 0, sumSq: 0, byStratum: new Map() };
}

/** Compute the results of one round from its counts. `areas` in display order. */
export function computeResults(
  content: DefinitionContent,
  cells: readonly CountCell[],
  strata: readonly StratumCount[],
  areas: ReadonlyArray<{ id: string; name: string; slug: string }>,
  opts: ResultOptions,
): ResultView {
  const known = new Set(areas.map((a) => a.id));
  const colOf = (areaId: string | null) => (areaId && known.has(areaId) ? areaId : UNKNOWN);

  // Columns with their respondents.
  const resp = new Map<string, { responses: number; complete: number }>();
  let responses = 0;
  let complete = 0;
  for (const s of strata) {
    const c = colOf(s.area_id);
    const r = resp.get(c) ?? { responses: 0, complete: 0 };
    r.responses += s.responses;
    r.complete += s.complete;
    resp.set(c, r);
    responses += s.responses;
    complete += s.complete;
  }
  const columns: Column[] = areas.map((a) => ({
    key: a.id,
    kind: "area" as const,
    areaId: a.id,
    name: a.name,
    slug: a.slug,
    responses: resp.get(a.id)?.responses ?? 0,
    complete: resp.get(a.id)?.complete ?? 0,
  }));
  const unknown = resp.get(UNKNOWN);
  if (unknown && unknown.responses > 0) columns.push({ key: UNKNOWN, kind: "unknown", areaId: null, name: null, slug: null, ...unknown });
  columns.push({ key: TOTAL, kind: "total", areaId: null, name: null, slug: null, responses, complete });

  const weights = opts.population?.length ? poststratify(opts.population, strata) : null;

  // Accumulate per item and column (and per stratum, for weighting).
  const accs = new Map<string, Map<string, Acc>>();
  for (const c of cells) {
    let byCol = accs.get(c.item_key);
    if (!byCol) accs.set(c.item_key, (byCol = new Map()));
    for (const col of [colOf(c.area_id), TOTAL]) {
      let a = byCol.get(col);
      if (!a) byCol.set(col, (a = acc()));
      if (c.option_key === null) {
        a.marker += c.n;
        a.sum += c.sum_num ?? 0;
        a.sumSq += c.sumsq_num ?? 0;
      } else {
        a.counts.set(c.option_key, (a.counts.get(c.option_key) ?? 0) + c.n);
      }
      const sid = stratumId(c);
      let s = a.byStratum.get(sid);
      if (!s) a.byStratum.set(sid, (s = new Map()));
      const k = c.option_key ?? "";
      s.set(k, (s.get(k) ?? 0) + c.n);
    }
  }

  const items: ItemResult[] = [];
  for (const item of content.items) {
    if (item.type === "area") continue;
    const byCol = accs.get(item.key) ?? new Map<string, Acc>();
    const out: Record<string, Cell> = {};
    for (const col of columns) out[col.key] = cellOf(item, byCol.get(col.key) ?? acc(), opts, weights);
    suppressSecondary(out, columns);
    items.push({ item, cells: out });
  }
  return {
    columns,
    items,
    weights: weights ? { population: weights.population, excluded: weights.excluded, emptyStrata: weights.emptyStrata } : null,
    responses,
    complete,
  };
}

function cellOf(item: ItemDef, a: Acc, opts: ResultOptions, weights: Weights | null): Cell {
  const isChoice = item.type === "scale" || item.type === "choice" || item.type === "yesno";
  const answered = item.type === "multi" || item.type === "number" || item.type === "text" ? a.marker : [...a.counts.values()].reduce((x, y) => x + y, 0);
  if (answered < opts.minCell) return { suppressed: "primary", answered };

  let dontKnow = 0;
  const distribution: Distribution = [];
  if (isChoice || item.type === "multi") {
    for (const key of optionKeys(item)) {
      const count = a.counts.get(key) ?? 0;
      const dk = isDontKnow(item, key);
      if (dk) dontKnow += count;
      distribution.push({ key, count, pct: answered ? count / answered : 0, dontKnow: dk });
    }
  }

  let share: Share | null = null;
  let weighted: Weighted | null = null;
  let index: { value: number; colour: Band["colour"] | null } | null = null;
  if (isChoice && item.measure) {
    const base = answered - dontKnow;
    const k = item.measure.options.reduce((s, o) => s + (a.counts.get(o) ?? 0), 0);
    const iv = wilson(k, base);
    if (iv && base >= opts.minCell) {
      share = { ...iv, k, base, suppressed: false };
      const value = indexFromShare(iv.p, opts.index);
      if (value !== null) index = { value, colour: colourOf(value, opts.bands) };
      if (weights) {
        const parts: Array<{ w: number; k: number; base: number }> = [];
        for (const [sid, counts] of a.byStratum) {
          const w = weights.byStratum.get(sid);
          if (!w) continue;
          let sb = 0;
          let sk = 0;
          for (const [opt, n] of counts) {
            if (opt === "" || isDontKnow(item, opt)) continue;
            sb += n;
            if (item.measure.options.includes(opt)) sk += n;
          }
          parts.push({ w, k: sk, base: sb });
        }
        weighted = weightedShare(parts);
      }
    } else {
      share = { p: 0, lo: 0, hi: 0, k: 0, base, suppressed: true };
    }
  }

  const perOption =
    item.type === "multi"
      ? item.options.map((o) => {
          const k = a.counts.get(o.key) ?? 0;
          return { key: o.key, k, iv: wilson(k, answered)! };
        })
      : null;
  const mean = item.type === "number" ? meanOf(a.marker, a.sum, a.sumSq) : null;
  return { suppressed: null, answered, dontKnow, distribution, share, weighted, perOption, mean, index };
}

/**
 * When exactly one area column (or "area not stated") of an item is suppressed and the total is
 * shown, the hidden cell would be the total minus the others: suppress the smallest other one.
 */
export function suppressSecondary(cells: Record<string, Cell>, columns: readonly Column[]): void {
  const total = cells[TOTAL];
  if (!total || total.suppressed) return;
  const parts = columns.filter((c) => c.kind !== "total");
  // A column without any answer discloses nothing when it is worked out (it is empty).
  const hidden = parts.filter((c) => cells[c.key]?.suppressed && (cells[c.key]?.answered ?? 0) > 0);
  if (hidden.length !== 1) return;
  const shown = parts.filter((c) => !cells[c.key]?.suppressed && (cells[c.key]?.answered ?? 0) > 0);
  if (shown.length === 0) return;
  const smallest = shown.reduce((a, b) => ((cells[a.key]?.answered ?? 0) <= (cells[b.key]?.answered ?? 0) ? a : b));
  cells[smallest.key] = { suppressed: "secondary", answered: cells[smallest.key]!.answered };
}

/** The share of an item in a column, when shown (for trends and the comparison). */
export function shareOf(view: ResultView, itemKey: string, column: string): Share | null {
  const cell = view.items.find((i) => i.item.key === itemKey)?.cells[column];
  if (!cell || cell.suppressed || !cell.share || cell.share.suppressed) return null;
  return cell.share;
}
