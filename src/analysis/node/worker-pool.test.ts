import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { computeEmergingHotspots } from "../emerging.ts";
import { AnalysisError } from "../errors.ts";
import { computeHotspots } from "../hotspots.ts";
import { daysFromCivil } from "../iso-week.ts";
import { closeAnalysisPool, computeEmergingHotspotsInWorker, computeHotspotsInWorker } from "./worker-pool.ts";

function incidents(n: number) {
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const day = new Float64Array(n);
  let s = 5;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  for (let i = 0; i < n; i++) {
    const hot = i % 4 === 0;
    lat[i] = hot ? 56.38 + rnd() * 0.004 : 56.3 + rnd() * 0.15;
    lon[i] = hot ? 13.99 + rnd() * 0.006 : 13.9 + rnd() * 0.25;
    day[i] = daysFromCivil(2025, 1, 6) + Math.floor(rnd() * 70);
  }
  return { lat, lon, day };
}

describe("worker-thread API", () => {
  after(() => closeAnalysisPool());

  it("computeHotspotsInWorker gives the same result as computeHotspots", async () => {
    const { lat, lon } = incidents(20_000);
    const here = computeHotspots({ lat, lon }, { cellSize: 100, band: 250 });
    const there = await computeHotspotsInWorker({ lat, lon }, { cellSize: 100, band: 250 });
    assert.deepEqual(Array.from(there.ix), Array.from(here.ix));
    assert.deepEqual(Array.from(there.z), Array.from(here.z));
    assert.deepEqual(Array.from(there.classes), Array.from(here.classes));
    assert.equal(lat.length, 20_000, "input copied, not transferred, by default");
  });

  it("runs concurrently and keeps the event loop free", async () => {
    const { lat, lon } = incidents(200_000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const results = await Promise.all([
      computeHotspotsInWorker({ lat, lon }, { cellSize: 50, band: 125 }),
      computeHotspotsInWorker({ lat: lat.slice(), lon: lon.slice() }, { cellSize: 25, band: 75 }, { transfer: true }),
    ]);
    clearInterval(timer);
    assert.ok(results[0].ix.length > 0 && results[1].ix.length > results[0].ix.length);
    assert.ok(ticks > 0, "timers ran while the workers computed");
  });

  it("emerging hot spots in a worker equal the in-process result", async () => {
    const { lat, lon, day } = incidents(5000);
    const here = computeEmergingHotspots({ lat, lon, day }, { cellSize: 200, band: 400 });
    const there = await computeEmergingHotspotsInWorker({ lat, lon, day }, { cellSize: 200, band: 400 });
    assert.deepEqual(Array.from(there.pattern), Array.from(here.pattern));
    assert.deepEqual(Array.from(there.z), Array.from(here.z));
  });

  it("analysis errors keep their type and Swedish message", async () => {
    await assert.rejects(
      computeHotspotsInWorker({ lat: Float64Array.of(56), lon: Float64Array.of(14) }, { cellSize: 100, band: 50 }),
      (e: Error) => e instanceof AnalysisError && /avståndsbandet/.test(e.message),
    );
  });
});
