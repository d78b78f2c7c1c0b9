// Peer: turf (@turf/turf 7) — what a Node developer reaches for first.
//
//   node --max-old-space-size=20000 bench/hotspots/peers/turf.ts --input F --cell M --band M --out F
//
//   load    node:readline + split(",") → turf.point([lon, lat], {category}) → featureCollection
//   project — (turf works on longitude/latitude; there is no SWEREF 99 TM step)
//   bin     turf.squareGrid(bbox(points), cell km) + turf.collect(grid, points) → count per cell,
//           keep the non-empty cells
//   nb      turf has no neighbour query for grids: for every non-empty cell look at the cells in
//           the surrounding block (by the grid's column/row order) and keep those whose centroid
//           is within `band` by turf.distance — the library's metric, the grid's layout
//   gistar  the plain Gi* of lib/gistar.ts (same formula as spdep localG, include.self, B weights)
//   write   CSV cell,count,gi_z,p,q,class with cell = "<column>_<row>" of the turf grid
//
// Caveat printed with the result: turf 7's squareGrid converts the side to *great-circle degrees*
// and uses it on both axes, so at Osby's latitude a "100 m" cell is 100 m north–south but only
// ≈55 m east–west: the grid is not Trygg's/spdep's grid, and the counts are not comparable.

import * as turf from "@turf/turf";
import { giStar, toCsr } from "../lib/gistar.ts";
import { StepTimer, parseArgs, readIncidents, writeCsv } from "../lib/steps.ts";

const args = parseArgs(process.argv.slice(2));
const input = args.input;
const out = args.out;
const cellM = Number(args.cell ?? 100);
const bandM = Number(args.band ?? 250);
if (!input || !out) throw new Error("usage: --input F --out F [--cell M --band M]");

const t = new StepTimer();
const features: ReturnType<typeof turf.point>[] = [];
const n = await readIncidents(input, (lat, lon, _ts, category) => {
  features.push(turf.point([lon, lat], { category }));
});
const points = turf.featureCollection(features);
t.lap("load");
t.skip("project");

const box = turf.bbox(points);
const grid = turf.squareGrid(box, cellM / 1000, { units: "kilometers" });
turf.collect(grid, points, "category", "categories");
// squareGrid emits column by column, row by row inside a column: recover (column, row).
const first = grid.features[0].geometry.coordinates[0];
const x0 = first[0][0];
const y0 = first[0][1];
const cw = first[2][0] - first[0][0];
const ch = first[2][1] - first[0][1];
const cols: number[] = [];
const rows: number[] = [];
const counts: number[] = [];
const centroids: [number, number][] = [];
for (const f of grid.features) {
  const c = (f.properties as { categories: string[] }).categories.length;
  if (c === 0) continue;
  const ring = f.geometry.coordinates[0];
  cols.push(Math.round((ring[0][0] - x0) / cw));
  rows.push(Math.round((ring[0][1] - y0) / ch));
  counts.push(c);
  centroids.push([ring[0][0] + cw / 2, ring[0][1] + ch / 2]);
}
const gridCells = grid.features.length;
t.lap("bin");

const index = new Map<number, number>();
const STRIDE = 1 << 20;
for (let i = 0; i < counts.length; i++) index.set(cols[i] * STRIDE + rows[i], i);
// cell size in metres at the grid's centre, to bound the block that can hold neighbours
const midLat = (box[1] + box[3]) / 2;
const cwM = turf.distance([x0, midLat], [x0 + cw, midLat], { units: "meters" });
const chM = turf.distance([x0, midLat], [x0, midLat + ch], { units: "meters" });
const kx = Math.ceil(bandM / cwM) + 1;
const ky = Math.ceil(bandM / chM) + 1;
const lists: number[][] = [];
for (let i = 0; i < counts.length; i++) {
  const list: number[] = [];
  for (let dx = -kx; dx <= kx; dx++) {
    for (let dy = -ky; dy <= ky; dy++) {
      const j = index.get((cols[i] + dx) * STRIDE + rows[i] + dy);
      if (j === undefined) continue;
      if (j === i || turf.distance(centroids[i], centroids[j], { units: "meters" }) <= bandM) list.push(j);
    }
  }
  lists.push(list);
}
const nb = toCsr(lists);
t.lap("nb");

const g = giStar(Float64Array.from(counts), nb);
t.lap("gistar");

writeCsv(out, "cell,count,gi_z,p,q,class", counts.length, (i) => `${cols[i]}_${rows[i]},${counts[i]},${g.z[i]},${g.p[i]},${g.q[i]},${g.cls[i]}`);
t.lap("write");

t.print({
  n,
  cells: counts.length,
  grid_cells: gridCells,
  cell_m: [Math.round(cwM * 10) / 10, Math.round(chM * 10) / 10],
  mean_neighbours: Math.round((nb.neighbours.length / counts.length) * 1000) / 1000,
});
