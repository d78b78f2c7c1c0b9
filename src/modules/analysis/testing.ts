// Test helpers of the analysis module: seeded incident CSVs, a stored run, multipart posts, and
// the fixtures for the tenant-isolation sweep (test/isolation/fixtures.ts).
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { latLonToSweref, swerefToLatLon } from "../../analysis/index.ts";
import type { DB } from "../../platform/db/schema.ts";
import { NASTY } from "../../platform/testing/factories.ts";
import type { IsolationFixtures } from "../../platform/testing/isolation.ts";
import type { ModuleTesting } from "../../platform/module.ts";
import { DEMO_RUN_ID, demoIncidents } from "./demo/seed.ts";
import { insertDataset } from "./repo.ts";
import { runHotspotAnalysis } from "./service.ts";

/** A seeded random generator (LCG), so test data is the same on every run. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Centre of the seeded test sets: Osby centrum. */
export const OSBY_CENTRUM = { lat: 56.3806, lon: 13.9934 };

/**
 * `n` points spread uniformly over a square of `side` metres (SWEREF 99 TM) centred on `centre`,
 * plus `cluster` points in a tight Gaussian blob (σ = `sigma` m) at `clusterAt` (default the
 * centre). Seeded: the same numbers on every run.
 */
export function scatteredPoints(opts: {
  n: number;
  side?: number;
  seed?: number;
  centre?: { lat: number; lon: number };
  cluster?: number;
  clusterAt?: { lat: number; lon: number };
  sigma?: number;
}): Array<{ lat: number; lon: number }> {
  const rnd = seeded(opts.seed ?? 1273);
  const side = opts.side ?? 6000;
  const c = latLonToSweref((opts.centre ?? OSBY_CENTRUM).lat, (opts.centre ?? OSBY_CENTRUM).lon);
  const out: Array<{ lat: number; lon: number }> = [];
  const round = (p: { lat: number; lon: number }) => ({ lat: Math.round(p.lat * 1e7) / 1e7, lon: Math.round(p.lon * 1e7) / 1e7 });
  for (let i = 0; i < opts.n; i++) out.push(round(swerefToLatLon(c.n - side / 2 + rnd() * side, c.e - side / 2 + rnd() * side)));
  const at = latLonToSweref((opts.clusterAt ?? opts.centre ?? OSBY_CENTRUM).lat, (opts.clusterAt ?? opts.centre ?? OSBY_CENTRUM).lon);
  const sigma = opts.sigma ?? 80;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  for (let i = 0; i < (opts.cluster ?? 0); i++) out.push(round(swerefToLatLon(at.n + gauss() * sigma, at.e + gauss() * sigma)));
  return out;
}

/**
 * A CSV of incidents in Osby: a seeded background plus a dense cluster in Osby centrum, with ts
 * over `weeks` weeks and a category; `bad` broken rows are appended (their line numbers returned).
 */
export function incidentCsv(opts: { n?: number; cluster?: number; weeks?: number; seed?: number; bad?: number; delimiter?: "," | ";" } = {}): {
  text: string;
  badLines: number[];
  rows: number;
} {
  const rnd = seeded(opts.seed ?? 7);
  const n = opts.n ?? 600;
  const cluster = opts.cluster ?? 200;
  const weeks = opts.weeks ?? 6;
  const d = opts.delimiter ?? ",";
  const num = (x: number) => (d === ";" ? x.toFixed(6).replace(".", ",") : x.toFixed(6));
  const lines = [["lat", "lon", "ts", "category"].join(d)];
  const day0 = Date.UTC(2025, 8, 1);
  const ts = () => new Date(day0 + Math.floor(rnd() * weeks * 7 * 86400_000)).toISOString().slice(0, 16);
  const cats = ["klotter", "skadegörelse", "nedskräpning"];
  for (let i = 0; i < n; i++) lines.push([num(56.3 + rnd() * 0.2), num(13.92 + rnd() * 0.4), ts(), cats[i % 3]].join(d));
  for (let i = 0; i < cluster; i++) lines.push([num(56.3806 + (rnd() - 0.5) * 0.003), num(13.9934 + (rnd() - 0.5) * 0.005), ts(), "klotter"].join(d));
  const badLines: number[] = [];
  for (let i = 0; i < (opts.bad ?? 0); i++) {
    lines.push(i % 2 === 0 ? ["", num(13.99), ts(), "klotter"].join(d) : ["inte-ett-tal", num(13.99), ts(), "klotter"].join(d));
    badLines.push(lines.length);
  }
  return { text: `${lines.join("\n")}\n`, badLines, rows: lines.length - 1 };
}

/** A finished run (with emerging hot spots) of the demo's synthetic incidents. */
export async function makeRun(db: Kysely<DB>, tenantId: string, createdBy: string | null = null): Promise<string> {
  const d = demoIncidents(99);
  const r = await runHotspotAnalysis(db, tenantId, createdBy, {
    source: "api",
    datasetId: null,
    label: `Testkörning ${NASTY}`,
    parameters: { cellSize: 100, band: 250, boundaryOnly: false, categories: [], emerging: true, statistic: "gistar", classifyBy: "q" },
    points: { lat: d.lat, lon: d.lon, day: d.day },
    position: (i) => i,
    read: { rows: d.lat.length, filtered: 0, bad: { count: 0, first: [] } },
  });
  if (r.kind !== "ok") throw new Error(`makeRun: ${r.kind}`);
  return r.runId;
}

/** One finished run and one stored dataset row: the ids for every route parameter of the module. */
export const isolationFixtures: IsolationFixtures = async (db, tenantId) => {
  const runId = await makeRun(db, tenantId);
  await insertDataset(db, tenantId, {
    storageKey: `${tenantId}/analysis/${randomUUID()}.csv`,
    filename: `händelser ${NASTY}.csv`,
    size: 10,
    sha256: "0".repeat(64),
    rowCount: 1,
    hasTs: false,
    categories: ["klotter"],
    createdBy: null,
  });
  return { runId };
};

type Injectable = {
  inject(o: {
    method: "GET" | "POST";
    url: string;
    cookies?: Record<string, string>;
    payload?: string | Buffer;
    headers?: Record<string, string>;
  }): Promise<{ statusCode: number; body: string; headers: Record<string, unknown>; cookies: Array<{ name: string; value: string }> }>;
};

/** GET `pageUrl` for a CSRF token, then POST a multipart form with an optional CSV file (field "file"). */
export async function postHotspotForm(
  app: Injectable,
  pageUrl: string,
  fields: Record<string, string>,
  file: { filename: string; data: Buffer | string } | null,
  cookies: Record<string, string>,
) {
  const page = await app.inject({ method: "GET", url: pageUrl, cookies });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`ingen CSRF-token på ${pageUrl} (${page.statusCode})`);
  const jar = { ...cookies };
  for (const c of page.cookies) jar[c.name] = c.value;
  const boundary = `----trygg${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: token, ...fields })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data), Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({
    method: "POST",
    url: pageUrl.split("?")[0]!,
    cookies: jar,
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

/** The analysis module's pages for the accessibility sweep (staff who may read analyses). */
export const sweepPages: NonNullable<ModuleTesting["sweepPages"]> = [
  { name: "hot spots", path: "/t/osby/arbete/hotspots", viewers: ["samordnare", "lasare"] },
  { name: "hot spots på engelska", path: "/t/osby/arbete/hotspots?lang=en", viewers: ["polis"] },
  { name: "hot spot-analys (demo)", path: `/t/osby/arbete/hotspots/${DEMO_RUN_ID}`, viewers: ["polis", "lasare"], waitFor: "#hotspot-map.leaflet-container" },
];
