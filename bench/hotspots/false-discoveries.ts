// How many cells does pure noise make "significant"? Seeded uniform incidents (no pattern at all,
// so every significant cell is a false discovery) over a 6 × 6 km square around Osby, for several
// numbers of incidents and cell sizes (band = 2.5 cells), classified by raw p (ArcGIS's default)
// and by Benjamini–Hochberg q (Trygg's default). The incidents per cell with incidents is what the
// analysis module's sparse rule (src/modules/analysis/assessment.ts) looks at; this script is where
// its threshold comes from. Prints a Markdown table; takes a few seconds.
//
//   node bench/hotspots/false-discoveries.ts [--seeds 8]
import { computeHotspots, latLonToSweref, swerefToLatLon } from "../../src/analysis/index.ts";
import { MIN_EVENTS_PER_CELL } from "../../src/modules/analysis/assessment.ts";
import { seeded } from "../../src/modules/analysis/testing.ts";

const seedsArg = process.argv.indexOf("--seeds");
const SEEDS = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 8;
const SIDE = 6000;
const centre = latLonToSweref(56.3806, 13.9934);

function uniform(n: number, seed: number): { lat: Float64Array; lon: Float64Array } {
  const rnd = seeded(seed);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = swerefToLatLon(centre.n - SIDE / 2 + rnd() * SIDE, centre.e - SIDE / 2 + rnd() * SIDE);
    lat[i] = p.lat;
    lon[i] = p.lon;
  }
  return { lat, lon };
}

const rows: string[] = [];
for (const cell of [25, 50, 100, 200]) {
  for (const n of [300, 1000, 3000, 10_000]) {
    let cells = 0;
    let perCell = 0;
    let byP = 0;
    let byQ = 0;
    let runsWithQ = 0;
    for (let s = 1; s <= SEEDS; s++) {
      const pts = uniform(n, s * 7919);
      const p = computeHotspots(pts, { cellSize: cell, band: cell * 2.5, classifyBy: "p" });
      const q = computeHotspots(pts, { cellSize: cell, band: cell * 2.5, classifyBy: "q" });
      let sigP = 0;
      let sigQ = 0;
      for (let i = 0; i < p.classes.length; i++) {
        if (p.classes[i] !== 0) sigP++;
        if (q.classes[i] !== 0) sigQ++;
      }
      cells += p.ix.length / SEEDS;
      perCell += n / p.ix.length / SEEDS;
      byP += sigP / p.ix.length / SEEDS;
      byQ += sigQ / q.ix.length / SEEDS;
      if (sigQ > 0) runsWithQ++;
    }
    const sparse = perCell < MIN_EVENTS_PER_CELL ? "yes" : "";
    rows.push(
      `| ${n} | ${cell} m | ${Math.round(cells)} | ${perCell.toFixed(2)} | ${(100 * byP).toFixed(1)} % | ${(100 * byQ).toFixed(2)} % | ${runsWithQ}/${SEEDS} | ${sparse} |`,
    );
  }
}
process.stdout.write(
  `Uniform noise over ${SIDE / 1000} × ${SIDE / 1000} km, ${SEEDS} seeds each; every significant cell is a false discovery.\n\n` +
    "| incidents | cell | cells with incidents | incidents per such cell | significant by p | significant by q | runs with any by q | too sparse (< " +
    `${MIN_EVENTS_PER_CELL}) |\n|---:|---:|---:|---:|---:|---:|---:|:---:|\n${rows.join("\n")}\n`,
);
