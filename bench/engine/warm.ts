// The analysis engine in process, warm: 10⁴ incidents (a planted cluster in a uniform
// background, the same data as the "10⁴ incidents" test in src/analysis/hotspots.test.ts),
// Gi* on 100 m cells with a 250 m band. The budget for a weekly lägesbild is 20 ms once the
// engine is compiled (the server warms it up after start, src/main.ts).
// Timing belongs here, not in the test suite: a busy machine makes any time limit in a test flaky.
//   node bench/engine/warm.ts [--runs N]      (prints best, median and worst of N warm runs)
import { parseArgs } from "node:util";
import { computeHotspots } from "../../src/analysis/index.ts";

const BUDGET_MS = 20;
const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const runs = Math.max(1, Number(values.runs));

const n = 10_000;
const lat = new Float64Array(n);
const lon = new Float64Array(n);
let s = 99;
const rnd = () => {
  s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
  return s / 4294967296;
};
for (let i = 0; i < n; i++) {
  const hot = i % 5 === 0;
  lat[i] = hot ? 56.38 + rnd() * 0.005 : 56.2 + rnd() * 0.35;
  lon[i] = hot ? 13.99 + rnd() * 0.008 : 13.6 + rnd() * 0.7;
}

const options = { cellSize: 100, band: 250 };
const t0 = performance.now();
computeHotspots({ lat, lon }, options);
const cold = performance.now() - t0;
for (let k = 0; k < 5; k++) computeHotspots({ lat, lon }, options); // warm-up (JIT)
const times: number[] = [];
for (let k = 0; k < runs; k++) {
  const t = performance.now();
  computeHotspots({ lat, lon }, options);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const ms = (x: number) => `${x.toFixed(2)} ms`;
const best = times[0]!;
process.stdout.write(
  `10⁴ incidents, 100 m / 250 m: cold ${ms(cold)}; warm (${runs} runs) best ${ms(best)}, median ${ms(times[Math.floor(runs / 2)]!)}, worst ${ms(times.at(-1)!)}` +
    ` – budget ${BUDGET_MS} ms: ${best <= BUDGET_MS ? "OK" : "OVER"}\n`,
);
process.exitCode = best <= BUDGET_MS ? 0 : 1;
