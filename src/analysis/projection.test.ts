import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { createSwerefProjector } from "./fast-projection.ts";
import { ACCEPTED_AREA, latLonToSweref, projectFromSweref, projectToSweref, swerefToLatLon } from "./projection.ts";
import { splitCsvLine } from "./testing.ts";

// Lantmäteriet's published control points for SWEREF 99 TM (the real data set).
const CONTROL = new URL("../../test/fixtures/shared/sweref99tm-testpoints.csv", import.meta.url);
const lines = readFileSync(CONTROL, "utf8").trim().split("\n");
const head = splitCsvLine(lines[0]);
const points = lines.slice(1).map((l) => {
  const c = splitCsvLine(l);
  const get = (k: string) => Number(c[head.indexOf(k)]);
  return { lat: get("lat_deg"), lon: get("lon_deg"), n: get("northing_m"), e: get("easting_m") };
});

/** Metres per degree, for turning angular errors into ground distances. */
const M_PER_DEG = 111_320;

describe("SWEREF 99 TM projection (Krüger series)", () => {
  it("has all 15 control points", () => assert.equal(points.length, 15));

  it("forward: every control point within 1 mm (scalar and vectorised)", () => {
    const lat = Float64Array.from(points, (p) => p.lat);
    const lon = Float64Array.from(points, (p) => p.lon);
    const n = new Float64Array(15);
    const e = new Float64Array(15);
    projectToSweref(lat, lon, n, e);
    for (const [i, p] of points.entries()) {
      const q = latLonToSweref(p.lat, p.lon);
      assert.ok(Math.abs(q.n - p.n) <= 0.001 && Math.abs(q.e - p.e) <= 0.001, `point ${i + 1}: ${q.n},${q.e}`);
      assert.ok(Math.abs(n[i] - p.n) <= 0.001 && Math.abs(e[i] - p.e) <= 0.001, `vectorised point ${i + 1}`);
    }
  });

  it("inverse: every control point within 1 mm on the ground (scalar and vectorised)", () => {
    const n = Float64Array.from(points, (p) => p.n);
    const e = Float64Array.from(points, (p) => p.e);
    const lat = new Float64Array(15);
    const lon = new Float64Array(15);
    projectFromSweref(n, e, lat, lon);
    for (const [i, p] of points.entries()) {
      const q = swerefToLatLon(p.n, p.e);
      const dn = (q.lat - p.lat) * M_PER_DEG;
      const de = (q.lon - p.lon) * M_PER_DEG * Math.cos((p.lat * Math.PI) / 180);
      assert.ok(Math.hypot(dn, de) <= 0.001, `point ${i + 1}: ${Math.hypot(dn, de)} m`);
      assert.equal(lat[i], q.lat);
      assert.equal(lon[i], q.lon);
    }
  });

  it("round trip lat/lon → N/E → lat/lon is below 10 µm over Sweden (series truncation)", () => {
    let worst = 0;
    for (let k = 0; k < 2000; k++) {
      const lat = 55 + (14 * k) / 2000;
      const lon = 10.5 + ((k * 7919) % 2000) * (13.5 / 2000);
      const p = latLonToSweref(lat, lon);
      const q = swerefToLatLon(p.n, p.e);
      const d = Math.hypot((q.lat - lat) * M_PER_DEG, (q.lon - lon) * M_PER_DEG * Math.cos((lat * Math.PI) / 180));
      worst = Math.max(worst, d);
    }
    assert.ok(worst < 1e-5, `worst round trip ${worst} m`);
  });

  it("the Clenshaw (vectorised) form agrees with the term-by-term form to 10 nm", () => {
    const m = 20000;
    const lat = new Float64Array(m);
    const lon = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      lat[k] = ACCEPTED_AREA.minLat + ((k * 0.6180339887) % 1) * (ACCEPTED_AREA.maxLat - ACCEPTED_AREA.minLat);
      lon[k] = ACCEPTED_AREA.minLon + ((k * 0.7548776662) % 1) * (ACCEPTED_AREA.maxLon - ACCEPTED_AREA.minLon);
    }
    const n = new Float64Array(m);
    const e = new Float64Array(m);
    projectToSweref(lat, lon, n, e);
    let worst = 0;
    for (let k = 0; k < m; k++) {
      const q = latLonToSweref(lat[k], lon[k]);
      worst = Math.max(worst, Math.abs(q.n - n[k]), Math.abs(q.e - e[k]));
    }
    assert.ok(worst < 1e-8, `worst ${worst} m`);
  });

  it("the fast tile projector agrees with the exact series to 0.2 µm over the whole accepted area", () => {
    const proj = createSwerefProjector();
    const m = 100_000;
    const lat = new Float64Array(m);
    const lon = new Float64Array(m);
    let seed = 12345;
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let k = 0; k < m; k++) {
      lat[k] = ACCEPTED_AREA.minLat + rnd() * (ACCEPTED_AREA.maxLat - ACCEPTED_AREA.minLat);
      lon[k] = ACCEPTED_AREA.minLon + rnd() * (ACCEPTED_AREA.maxLon - ACCEPTED_AREA.minLon);
    }
    // Edges and corners of the area are inside too.
    lat[0] = ACCEPTED_AREA.maxLat;
    lon[0] = ACCEPTED_AREA.maxLon;
    lat[1] = ACCEPTED_AREA.minLat;
    lon[1] = ACCEPTED_AREA.minLon;
    const n = new Float64Array(m);
    const e = new Float64Array(m);
    proj.project(lat, lon, n, e, 0, m);
    let worst = 0;
    for (let k = 0; k < m; k++) {
      const q = latLonToSweref(lat[k], lon[k]);
      worst = Math.max(worst, Math.abs(q.n - n[k]), Math.abs(q.e - e[k]));
    }
    assert.ok(worst < 2e-7, `worst ${worst} m`);
    // And on the control points.
    for (const p of points) {
      const out = new Float64Array(2);
      proj.project(Float64Array.of(p.lat), Float64Array.of(p.lon), out.subarray(0, 1), out.subarray(1, 2), 0, 1);
      assert.ok(Math.abs(out[0] - p.n) <= 0.001 && Math.abs(out[1] - p.e) <= 0.001);
    }
  });

  it("the fast projector gives NaN outside the accepted area and for NaN input", () => {
    const proj = createSwerefProjector();
    const lat = Float64Array.of(14.2, 51.99, 56, Number.NaN, 72.0001, 56);
    const lon = Float64Array.of(56.1, 14, 4.9, 14, 14, 30.0001);
    const n = new Float64Array(6);
    const e = new Float64Array(6);
    proj.project(lat, lon, n, e, 0, 6);
    for (let k = 0; k < 6; k++) assert.ok(Number.isNaN(n[k]) && Number.isNaN(e[k]), `index ${k}`);
  });
});
