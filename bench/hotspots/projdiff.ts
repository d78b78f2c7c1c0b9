// How far Trygg's SWEREF 99 TM projection is from PROJ's, and how many incidents that moves into
// another cell — the one way the pipeline check (run.ts) can see different cell sets.
//
//   node bench/hotspots/projdiff.ts [--size 1e6] [--cells 100,25]
//
// Reference: proj4js `+proj=utm +zone=33 +ellps=GRS80` (the same extended transverse Mercator
// series as PROJ, which sf and PostGIS use; on the incident that differs at 1e6/25 m both give
// N = 6 253 224.999998946). Compared: Trygg's bulk projector (createSwerefProjector, what the CLI
// loader uses) and its term-by-term Krüger series (latLonToSweref).

import proj4 from "proj4";
import { createSwerefProjector, latLonToSweref } from "../../src/analysis/index.ts";
import { datasetPath, ensureDataset, parseSize, sizeLabel } from "./generate.ts";
import { parseArgs, readIncidents } from "./lib/steps.ts";

const args = parseArgs(process.argv.slice(2));
const size = parseSize(args.size ?? "1e6");
const cellSizes = (args.cells ?? "100,25").split(",").map(Number);
ensureDataset(size);
const lat: number[] = [];
const lon: number[] = [];
await readIncidents(datasetPath(size), (la, lo) => {
  lat.push(la);
  lon.push(lo);
});
const n = lat.length;
const la = Float64Array.from(lat);
const lo = Float64Array.from(lon);
const fastN = new Float64Array(n);
const fastE = new Float64Array(n);
createSwerefProjector().project(la, lo, fastN, fastE, 0, n);
const ref = proj4("EPSG:4326", "+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs");

const worst = { fastN: 0, fastE: 0, seriesN: 0, seriesE: 0 };
const flips: Record<number, { fast: number; series: number; examples: string[] }> = {};
for (const c of cellSizes) flips[c] = { fast: 0, series: 0, examples: [] };
for (let i = 0; i < n; i++) {
  const [e, nn] = ref.forward([lo[i], la[i]]);
  const s = latLonToSweref(la[i], lo[i]);
  worst.fastN = Math.max(worst.fastN, Math.abs(fastN[i] - nn));
  worst.fastE = Math.max(worst.fastE, Math.abs(fastE[i] - e));
  worst.seriesN = Math.max(worst.seriesN, Math.abs(s.n - nn));
  worst.seriesE = Math.max(worst.seriesE, Math.abs(s.e - e));
  for (const c of cellSizes) {
    const cellRef = `${Math.floor(e / c)}_${Math.floor(nn / c)}`;
    const cellFast = `${Math.floor(fastE[i] / c)}_${Math.floor(fastN[i] / c)}`;
    if (cellFast !== cellRef) {
      flips[c].fast++;
      if (flips[c].examples.length < 5)
        flips[c].examples.push(
          `${la[i]},${lo[i]}: PROJ N=${nn.toFixed(9)} E=${e.toFixed(9)} → ${cellRef}; Trygg N=${fastN[i].toFixed(9)} E=${fastE[i].toFixed(9)} → ${cellFast}`,
        );
    }
    if (`${Math.floor(s.e / c)}_${Math.floor(s.n / c)}` !== cellRef) flips[c].series++;
  }
}
const um = (m: number) => `${(m * 1e6).toFixed(2)} µm`;
process.stdout.write(`${n} incidents (${sizeLabel(size)})\n`);
process.stdout.write(
  `max |ΔN|, |ΔE| vs PROJ: bulk projector ${um(worst.fastN)}, ${um(worst.fastE)}; Krüger series ${um(worst.seriesN)}, ${um(worst.seriesE)}\n`,
);
for (const c of cellSizes) {
  process.stdout.write(`${c} m cells: incidents in another cell than PROJ's: bulk projector ${flips[c].fast}, Krüger series ${flips[c].series}\n`);
  for (const ex of flips[c].examples) process.stdout.write(`  ${ex}\n`);
}
