// Simulated respondents for the Osby demo (INVENTED, and labelled so on every demo round): a
// deterministic generator (seeded by year) whose answers follow the levels below, built so that
// the public facts hold exactly where they exist — 83 % of the 2019 respondents had not been
// victims of any crime; 75 % of the 2022 respondents were worried about at least one crime; about
// half of the 600 (2019) and 900 (2022) questionnaires came back — and so that speeding in
// Lönsboda goes from a big problem (2021) to a small one (2022), as the police's index did.
import type { AnswerValue } from "../domain/answers.ts";

export type DemoRespondent = {
  area: "osby-tatort" | "lonsboda" | "osby-landsbygd";
  values: AnswerValue[];
  channel: "webb" | "papper";
  lang: "sv" | "en" | "ar" | "so" | "fi" | "fa";
  complete: boolean;
  day: string;
};

/** mulberry32: a small deterministic generator (the demo must be the same on every machine). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let u = r() * total;
  for (const [v, w] of weighted) {
    u -= w;
    if (u < 0) return v;
  }
  return weighted.at(-1)![0];
}

const AREAS = [
  ["osby-tatort", 0.45],
  ["lonsboda", 0.25],
  ["osby-landsbygd", 0.3],
] as const;
const AGES = [
  ["16_24", 0.1],
  ["25_34", 0.11],
  ["35_44", 0.13],
  ["45_54", 0.16],
  ["55_64", 0.18],
  ["65_74", 0.19],
  ["75_85", 0.13],
] as const;

/** Share feeling unsafe out alone late in the evening, per area, 2019–2026 (invented levels). */
const UNSAFE: Record<DemoRespondent["area"], number[]> = {
  "osby-tatort": [0.24, 0.22, 0.31, 0.25, 0.27, 0.3, 0.26, 0.25],
  lonsboda: [0.27, 0.25, 0.33, 0.22, 0.24, 0.29, 0.23, 0.22],
  "osby-landsbygd": [0.15, 0.14, 0.19, 0.15, 0.16, 0.18, 0.15, 0.15],
};
/** Share seeing speeding as a fairly or very big problem in Lönsboda, 2019–2026 (invented; big in 2021, small from 2022). */
const SPEEDING_LONSBODA = [0.62, 0.66, 0.72, 0.3, 0.28, 0.31, 0.27, 0.26];
const PROBLEMS: Record<string, Record<DemoRespondent["area"], number>> = {
  fortkorning: { "osby-tatort": 0.35, lonsboda: 0, "osby-landsbygd": 0.22 },
  buskorning: { "osby-tatort": 0.2, lonsboda: 0.3, "osby-landsbygd": 0.25 },
  nedskrapning: { "osby-tatort": 0.3, lonsboda: 0.25, "osby-landsbygd": 0.15 },
  skadegorelse: { "osby-tatort": 0.22, lonsboda: 0.18, "osby-landsbygd": 0.08 },
  brak_utomhus: { "osby-tatort": 0.08, lonsboda: 0.06, "osby-landsbygd": 0.02 },
  ungdomar_stor: { "osby-tatort": 0.18, lonsboda: 0.2, "osby-landsbygd": 0.05 },
  paverkade: { "osby-tatort": 0.12, lonsboda: 0.08, "osby-landsbygd": 0.03 },
};
const FREE_TEXTS = [
  "Bättre belysning vid busshållplatsen skulle göra stor skillnad.",
  "Mopeder kör fort på kvällarna, särskilt på helgerna.",
  "Det är mörkt och ödsligt vid stationen efter nio på kvällen.",
  "Fler vuxna ute på kvällarna, tack.",
  "Jag känner mig trygg här men oroar mig för inbrott i förråden.",
  "Skräp vid återvinningsstationen lockar till skadegörelse.",
  "Bra att polisen syntes mer i centrum i somras.",
];

const one = (itemKey: string, option: string): AnswerValue => ({ itemKey, options: [option], num: null, text: null });

function problemAnswer(r: () => number, key: string, p: number): AnswerValue {
  if (r() < 0.08) return one(key, "vet_ej");
  if (r() < p) return one(key, r() < 0.65 ? "ganska_stort" : "mycket_stort");
  return one(key, r() < 0.45 ? "inget" : "litet");
}

/** Exactly round(share × n) of n indices chosen, deterministically. */
function exactly(r: () => number, n: number, share: number): Set<number> {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return new Set(idx.slice(0, Math.round(share * n)));
}

export type RoundPlan = { year: number; respondents: number; from: string; to: string; notVictimShare?: number; worriedShare?: number };

/** Respondents of one demo round. `yearIndex` 0 = 2019. */
export function demoRespondents(plan: RoundPlan): DemoRespondent[] {
  const r = rng(plan.year * 7919);
  const yi = Math.min(7, Math.max(0, plan.year - 2019));
  const days = Math.max(1, Math.round((Date.parse(plan.to) - Date.parse(plan.from)) / 86400000) + 1);
  const people = Array.from({ length: plan.respondents }, () => {
    const area = pick(r, AREAS);
    const partial = r() < 0.06;
    const channel: DemoRespondent["channel"] = r() < 0.2 ? "papper" : "webb";
    const lang: DemoRespondent["lang"] =
      channel === "papper"
        ? "sv"
        : pick(r, [
            ["sv", 0.92],
            ["en", 0.03],
            ["ar", 0.02],
            ["fi", 0.015],
            ["so", 0.01],
            ["fa", 0.005],
          ] as const);
    const day = new Date(Date.parse(`${plan.from}T12:00:00Z`) + Math.floor(r() * days) * 86400000).toISOString().slice(0, 10);
    return { area, partial, channel, lang, day };
  });
  // Facts that hold exactly: among those who reached the page with the question.
  const reached = people.map((p, i) => (p.partial ? -1 : i)).filter((i) => i >= 0);
  const victims = new Set([...exactly(r, reached.length, 1 - (plan.notVictimShare ?? 0.81))].map((k) => reached[k]!));
  const worried = new Set([...exactly(r, reached.length, plan.worriedShare ?? 0.7)].map((k) => reached[k]!));

  return people.map((p, i) => {
    const values: AnswerValue[] = [];
    const skip = () => r() < 0.03;
    values.push(one("omrade", p.area));
    if (!skip()) values.push(one("alder", pick(r, AGES)));
    if (!skip())
      values.push(
        one(
          "kon",
          pick(r, [
            ["kvinna", 0.52],
            ["man", 0.46],
            ["annat", 0.02],
          ] as const),
        ),
      );
    if (!skip()) values.push({ itemKey: "ar_i_omradet", options: [], num: Math.floor(r() * r() * 60), text: null });
    for (const [key, levels] of Object.entries(PROBLEMS)) {
      if (skip()) continue;
      const base = key === "fortkorning" && p.area === "lonsboda" ? SPEEDING_LONSBODA[yi]! : levels[p.area];
      values.push(problemAnswer(r, key, Math.min(0.95, Math.max(0, base + (r() - 0.5) * 0.04))));
    }
    const unsafe = r() < UNSAFE[p.area][yi]!;
    if (r() < 0.03) values.push(one("otrygg_kvall", "vet_ej"));
    else
      values.push(
        one(
          "otrygg_kvall",
          unsafe
            ? pick(r, [
                ["ganska_otrygg", 0.6],
                ["mycket_otrygg", 0.25],
                ["gar_inte_ut", 0.15],
              ] as const)
            : r() < 0.45
              ? "mycket_trygg"
              : "ganska_trygg",
        ),
      );
    const refrained = r() < (unsafe ? 0.55 : 0.12);
    values.push(one("avstatt", refrained ? "ja" : "nej"));
    if (p.partial) return { ...p, values, complete: false };
    // Page 4: what was refrained from, and worry.
    if (refrained) {
      const chosen = (
        [
          ["promenad", 0.6],
          ["kollektivtrafik", 0.3],
          ["noje", 0.35],
          ["handla", 0.15],
          ["annat", 0.1],
        ] as const
      )
        .filter(([, w]) => r() < w)
        .map(([k]) => k as string);
      values.push({ itemKey: "avstatt_vad", options: chosen.length ? chosen : ["promenad"], num: null, text: null });
    }
    const worriedAbout = new Set<string>();
    if (worried.has(i)) {
      for (const [key, w] of [
        ["oro_inbrott", 0.75],
        ["oro_fordon", 0.6],
        ["oro_overfall", 0.35],
      ] as const)
        if (r() < w) worriedAbout.add(key);
      if (worriedAbout.size === 0) worriedAbout.add("oro_inbrott");
    }
    for (const key of ["oro_inbrott", "oro_fordon", "oro_overfall"]) {
      if (worriedAbout.has(key)) values.push(one(key, r() < 0.7 ? "ganska" : "mycket"));
      else values.push(one(key, r() < 0.05 && !worried.has(i) ? "vet_ej" : r() < 0.4 ? "inte_alls" : "lite"));
    }
    // Page 5: victimisation in the last 12 months.
    const victimOf = new Set<string>();
    if (victims.has(i)) {
      const order = [
        ["utsatt_stold", 0.35],
        ["utsatt_skadegorelse", 0.3],
        ["utsatt_bedrageri", 0.25],
        ["utsatt_vald", 0.1],
      ] as const;
      victimOf.add(pick(r, order));
      if (r() < 0.15) victimOf.add(pick(r, order));
    }
    for (const key of ["utsatt_vald", "utsatt_stold", "utsatt_skadegorelse", "utsatt_bedrageri"]) values.push(one(key, victimOf.has(key) ? "ja" : "nej"));
    // Page 6: the police.
    for (const key of ["polis_bryr_sig", "polis_fortroende", "polis_synlig"]) {
      if (skip()) continue;
      values.push(
        one(
          key,
          pick(r, [
            ["helt", 0.14],
            ["ganska_bra", key === "polis_synlig" ? 0.22 : 0.36],
            ["ganska_daligt", 0.2],
            ["inte_alls", key === "polis_synlig" ? 0.22 : 0.1],
            ["vet_ej", 0.2],
          ] as const),
        ),
      );
    }
    if (r() < 0.07) values.push({ itemKey: "fritext", options: [], num: null, text: FREE_TEXTS[Math.floor(r() * FREE_TEXTS.length)]! });
    return { ...p, values, complete: true };
  });
}
