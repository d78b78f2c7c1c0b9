// Peer: h3-js 4 — hexagonal binning, the other thing a Node developer reaches for.
//
//   node --max-old-space-size=20000 bench/hotspots/peers/h3.ts --input F --cell M --band M --out F
//
//   load    node:readline + split(",") → Float64Array lat/lon
//   project — (H3 indexes longitude/latitude directly)
//   bin     latLngToCell(lat, lon, res) → Map<cell, count>; res = the H3 resolution whose average
//           hexagon area is closest (log scale) to cell² (100 m → res 10 ≈ 15 000 m²,
//           25 m → res 12 ≈ 307 m²)
//   nb      gridDisk(cell, k) for every non-empty cell, k = round(band / centre spacing) with
//           spacing = √3 · average edge (250 m at res 10 → k = 2; 62.5 m at res 12 → k = 3)
//   gistar  the plain Gi* of lib/gistar.ts (same formula as spdep localG, include.self, B weights)
//   write   CSV cell,count,gi_z,p,q,class with cell = the H3 index
// Hexagons are not Trygg's/spdep's squares: the counts and z are not comparable, only the work.

import { getHexagonAreaAvg, getHexagonEdgeLengthAvg, gridDisk, latLngToCell, UNITS } from "h3-js";
import { giStar, toCsr } from "../lib/gistar.ts";
import { StepTimer, parseArgs, readIncidents, writeCsv } from "../lib/steps.ts";

const args = parseArgs(process.argv.slice(2));
const input = args.input;
const out = args.out;
const cellM = Number(args.cell ?? 100);
const bandM = Number(args.band ?? 250);
if (!input || !out) throw new Error("usage: --input F --out F [--cell M --band M]");

let res = 0;
for (let r = 0; r <= 15; r++) {
  if (Math.abs(Math.log(getHexagonAreaAvg(r, UNITS.m2) / (cellM * cellM))) < Math.abs(Math.log(getHexagonAreaAvg(res, UNITS.m2) / (cellM * cellM)))) res = r;
}
const k = Math.max(1, Math.round(bandM / (Math.sqrt(3) * getHexagonEdgeLengthAvg(res, UNITS.m))));

const t = new StepTimer();
let lat = new Float64Array(1 << 16);
let lon = new Float64Array(1 << 16);
let m = 0;
const n = await readIncidents(input, (la, lo) => {
  if (m === lat.length) {
    const grow = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    lat = grow(lat);
    lon = grow(lon);
  }
  lat[m] = la;
  lon[m] = lo;
  m++;
});
t.lap("load");
t.skip("project");

const countOf = new Map<string, number>();
for (let i = 0; i < n; i++) {
  const h = latLngToCell(lat[i], lon[i], res);
  countOf.set(h, (countOf.get(h) ?? 0) + 1);
}
const cells = [...countOf.keys()];
const counts = Float64Array.from(countOf.values());
t.lap("bin");

const index = new Map<string, number>();
for (let i = 0; i < cells.length; i++) index.set(cells[i], i);
const lists: number[][] = new Array(cells.length);
for (let i = 0; i < cells.length; i++) {
  const list: number[] = [];
  for (const h of gridDisk(cells[i], k)) {
    const j = index.get(h);
    if (j !== undefined) list.push(j);
  }
  lists[i] = list;
}
const nb = toCsr(lists);
t.lap("nb");

const g = giStar(counts, nb);
t.lap("gistar");

writeCsv(out, "cell,count,gi_z,p,q,class", cells.length, (i) => `${cells[i]},${counts[i]},${g.z[i]},${g.p[i]},${g.q[i]},${g.cls[i]}`);
t.lap("write");

t.print({
  n,
  cells: cells.length,
  h3_res: res,
  k,
  hex_area_m2: Math.round(getHexagonAreaAvg(res, UNITS.m2)),
  mean_neighbours: Math.round((nb.neighbours.length / cells.length) * 1000) / 1000,
});
