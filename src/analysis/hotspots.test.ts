import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HOTSPOT_CLASS_LABELS, hotspotClassCode } from "./classes.ts";
import { AnalysisError } from "./errors.ts";
import { computeHotspots } from "./hotspots.ts";
import { latLonToSweref, swerefToLatLon } from "./projection.ts";
import { column, maxAbsDiff, readFixture } from "./testing.ts";

/** Points at the centroids of a fixture's cells, `value` points per cell (or one weighted point). */
function pointsFromFixture(name: string, weighted: boolean) {
  const rows = readFixture(name);
  const north: number[] = [];
  const east: number[] = [];
  const weight: number[] = [];
  for (const r of rows) {
    const v = Number(r.value);
    const k = weighted ? 1 : v;
    for (let j = 0; j < k; j++) {
      north.push(Number(r.y));
      east.push(Number(r.x));
      weight.push(v);
    }
  }
  return { rows, north: Float64Array.from(north), east: Float64Array.from(east), weight: Float64Array.from(weight) };
}

describe("hot spot pipeline", () => {
  it("boundary mode (zeros count) reproduces spdep on the full regular grid", async () => {
    const { rows, north, east } = pointsFromFixture("gistar-regular-250.csv", false);
    const xs = column(rows, "x");
    const ys = column(rows, "y");
    const minX = Math.min(...xs) - 50;
    const maxX = Math.max(...xs) + 50;
    const minY = Math.min(...ys) - 50;
    const maxY = Math.max(...ys) + 50;
    const boundary = [Float64Array.of(minX, minY, maxX, minY, maxX, maxY, minX, maxY)];
    const res = computeHotspots({ north, east }, { cellSize: 100, band: 250, boundary });
    assert.equal(res.ix.length, rows.length);
    // Fixture rows are ordered ix fastest then iy, i.e. row-major like the engine.
    assert.deepEqual(
      Array.from(res.ix),
      rows.map((r) => Number(r.ix)),
    );
    assert.ok(maxAbsDiff(res.z, column(rows, "gistar_z")) <= 1e-9);
    assert.ok(maxAbsDiff(res.p, column(rows, "p_gistar")) <= 1e-12);
    assert.equal(res.outside, 0);
    // The cells inside the boundary given by the caller (kept between calls) give the same answer.
    const { cellsInsideRings } = await import("./polygon.ts");
    const again = computeHotspots({ north, east }, { cellSize: 100, band: 250, boundaryCells: cellsInsideRings(boundary, 100) });
    assert.ok(maxAbsDiff(again.z, res.z) === 0);
  });

  it("weighted input sums weights per cell and reproduces spdep (non-integer values)", () => {
    const { rows, north, east, weight } = pointsFromFixture("gistar-weighted-150.csv", true);
    const res = computeHotspots({ north, east, weight }, { cellSize: 100, band: 150 });
    assert.ok(res.sum);
    assert.ok(maxAbsDiff(res.z, column(rows, "gistar_z")) <= 1e-9);
    const gi = computeHotspots({ north, east, weight }, { cellSize: 100, band: 150, statistic: "gi" });
    assert.ok(maxAbsDiff(gi.z, column(rows, "gi_z")) <= 1e-9);
  });

  it("non-empty cells from lat/lon input: same cells and z as from the projected points", () => {
    const { rows, north, east } = pointsFromFixture("gistar-irregular-62.5.csv", false);
    const lat = new Float64Array(north.length);
    const lon = new Float64Array(north.length);
    for (let i = 0; i < north.length; i++) {
      const q = swerefToLatLon(north[i], east[i]);
      lat[i] = q.lat;
      lon[i] = q.lon;
    }
    const res = computeHotspots({ lat, lon }, { cellSize: 25, band: 62.5 });
    assert.equal(res.ix.length, rows.length);
    assert.ok(maxAbsDiff(res.z, column(rows, "gistar_z")) <= 1e-9);
    assert.equal(res.points, north.length);
    assert.equal(res.skipped.count, 0);
  });

  it("classes: ArcGIS thresholds on p (default) or on FDR q", () => {
    assert.equal(HOTSPOT_CLASS_LABELS[hotspotClassCode(3, 0.005) + 3], "hot99");
    assert.equal(HOTSPOT_CLASS_LABELS[hotspotClassCode(2, 0.049) + 3], "hot95");
    assert.equal(HOTSPOT_CLASS_LABELS[hotspotClassCode(1.7, 0.09) + 3], "hot90");
    assert.equal(HOTSPOT_CLASS_LABELS[hotspotClassCode(1.6, 0.1) + 3], "ns");
    assert.equal(HOTSPOT_CLASS_LABELS[hotspotClassCode(-2.7, 0.007) + 3], "cold99");
    assert.equal(HOTSPOT_CLASS_LABELS[hotspotClassCode(Number.NaN, Number.NaN) + 3], "ns");
    const { north, east } = pointsFromFixture("gistar-regular-500-ties.csv", false);
    const byP = computeHotspots({ north, east }, { cellSize: 100, band: 500 });
    const byQ = computeHotspots({ north, east }, { cellSize: 100, band: 500, classifyBy: "q" });
    for (let i = 0; i < byP.z.length; i++) {
      assert.equal(byP.classes[i], hotspotClassCode(byP.z[i], byP.p[i]));
      assert.equal(byQ.classes[i], hotspotClassCode(byQ.z[i], byQ.q[i]));
      assert.ok(Math.abs(byQ.classes[i]) <= Math.abs(byP.classes[i]));
    }
  });

  it("invalid points are skipped and reported with their positions", () => {
    const p = latLonToSweref(56.2, 14.1);
    const lat = Float64Array.of(56.2, Number.NaN, 56.2005, 14.1, 56.201, 56.2, 91);
    const lon = Float64Array.of(14.1, 14.1, 14.1, 56.2, 14.1012, 14.1, 14.1);
    const res = computeHotspots({ lat, lon }, { cellSize: 50, band: 100 });
    assert.deepEqual(res.skipped, { count: 3, first: [1, 3, 6] });
    assert.equal(res.points, 4);
    assert.ok(p.n > 0);
  });

  it("clear Swedish errors for unusable options and inputs", () => {
    const lat = Float64Array.of(56.2, 56.201, 56.202);
    const lon = Float64Array.of(14.1, 14.1, 14.1);
    const run =
      (o: { cellSize: number; band: number }, la = lat, lo = lon) =>
      () =>
        computeHotspots({ lat: la, lon: lo }, o);
    assert.throws(run({ cellSize: 100, band: 50 }), (e: Error) => e instanceof AnalysisError && /mindre än cellstorleken/.test(e.message));
    assert.throws(run({ cellSize: 0, band: 50 }), AnalysisError);
    assert.throws(run({ cellSize: -5, band: 50 }), AnalysisError);
    assert.throws(run({ cellSize: Number.NaN, band: 50 }), AnalysisError);
    assert.throws(run({ cellSize: 100, band: 250 }, new Float64Array(0), new Float64Array(0)), /inga giltiga punkter/);
    assert.throws(run({ cellSize: 100, band: 250 }, Float64Array.of(56.2), Float64Array.of(14.1)), /för få celler/);
  });

  it("10⁴ incidents: the planted cluster is hot99, nothing away from it is hot, and a warm run gives the same answer", () => {
    // (How fast this is — 20 ms budget — is measured by bench/engine/warm.ts, not asserted here.)
    const n = 10_000;
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    let s = 99;
    const rnd = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    // Every fifth incident in a ~550 × 500 m box, the rest spread over ~40 × 45 km.
    const box = { lat0: 56.38, lat1: 56.385, lon0: 13.99, lon1: 13.998 };
    for (let i = 0; i < n; i++) {
      const hot = i % 5 === 0;
      lat[i] = hot ? box.lat0 + rnd() * (box.lat1 - box.lat0) : 56.2 + rnd() * 0.35;
      lon[i] = hot ? box.lon0 + rnd() * (box.lon1 - box.lon0) : 13.6 + rnd() * 0.7;
    }
    const options = { cellSize: 100, band: 250 };
    const first = computeHotspots({ lat, lon }, options);
    assert.equal(first.points, n);
    const sw = latLonToSweref(box.lat0, box.lon0);
    const ne = latLonToSweref(box.lat1, box.lon1);
    const inBox = (north: number, east: number, margin: number) =>
      north >= sw.n - margin && north <= ne.n + margin && east >= sw.e - margin && east <= ne.e + margin;
    let clusterCells = 0;
    for (let k = 0; k < first.ix.length; k++) {
      const north = (first.iy[k] + 0.5) * options.cellSize;
      const east = (first.ix[k] + 0.5) * options.cellSize;
      const label = HOTSPOT_CLASS_LABELS[first.classes[k] + 3];
      if (inBox(north, east, 0)) {
        clusterCells++;
        assert.equal(label, "hot99", `cell ${first.ix[k]},${first.iy[k]} inside the cluster`);
      } else if (label !== "ns") {
        assert.ok(inBox(north, east, options.band), `${label} cell ${first.ix[k]},${first.iy[k]} away from the cluster`);
      }
    }
    assert.ok(clusterCells >= 20, `${clusterCells} cells inside the cluster`);
    // The engine's hot paths are compiled after a few runs; the answer must not change.
    for (let k = 0; k < 3; k++) {
      const again = computeHotspots({ lat, lon }, options);
      assert.deepEqual(Array.from(again.z), Array.from(first.z));
      assert.deepEqual(Array.from(again.classes), Array.from(first.classes));
    }
  });
});

describe("byte writer", () => {
  it("writes the same text as String() for integers, halves and doubles", async () => {
    const { ByteWriter } = await import("./byte-writer.ts");
    const values = [
      0,
      7,
      10,
      99,
      100,
      -1,
      -2147483648,
      2147483647,
      2147483648,
      9007199254740991,
      -9007199254740991,
      0.5,
      -0.5,
      12.5,
      -1234567.5,
      1e21,
      1.5e300,
      -0,
      Number.NaN,
      0.1,
      -3.25159,
      1e-7,
      123456789012.25,
      6221850,
    ];
    const parts: Uint8Array[] = [];
    const w = new ByteWriter((b) => parts.push(b.slice()), 16);
    for (const v of values) {
      w.num(v);
      w.byte(44);
    }
    for (const v of values) {
      w.numCached(v);
      w.byte(44);
      w.numCached(v); // hit
      w.byte(44);
    }
    w.ascii("åäö");
    w.end();
    const text = Buffer.concat(parts).toString("utf8");
    const str = (v: number) => (Object.is(v, -0) ? "0" : String(v));
    assert.equal(text, `${values.map(str).join(",")},${values.map((v) => `${str(v)},${str(v)}`).join(",")},åäö`);
  });
});

describe("hot spot CSV output", () => {
  it("byte writer and string formatter give the same text (weighted, NaN z for isolated cells)", async () => {
    const { ByteWriter } = await import("./byte-writer.ts");
    const { formatHotspotRows, hotspotCsvHeader, writeHotspotRows } = await import("./csv-format.ts");
    const { rows, north, east, weight } = pointsFromFixture("gistar-irregular-75-ties-isolated.csv", true);
    const res = computeHotspots({ north, east, weight }, { cellSize: 25, band: 75, statistic: "gi" });
    assert.ok(res.z.some((z) => Number.isNaN(z)));
    const parts: Uint8Array[] = [];
    const w = new ByteWriter((b) => parts.push(b.slice()), 64);
    writeHotspotRows(w, res, 0, res.ix.length);
    w.end();
    assert.equal(Buffer.concat(parts).toString("latin1"), formatHotspotRows(res, 0, res.ix.length));
    assert.equal(hotspotCsvHeader(res), "cell,e,n,count,sum,neighbours,gi_z,p,q,class\n");
    assert.equal(res.ix.length, rows.length);
  });
});
