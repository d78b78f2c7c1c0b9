// End-to-end tests of `trygg analysis …`: spawns `node src/cli/main.ts analysis …` (the real
// entry point) on temporary files and checks files, stdout, stderr and exit codes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";
import { computeHotspots } from "../hotspots.ts";
import { FIXTURE_DIR, readFixture, splitCsvLine } from "../testing.ts";

const MAIN = fileURLToPath(new URL("../../cli/main.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "trygg-cli-analysis-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function trygg(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, "analysis", ...args], { encoding: "utf8", env: { ...process.env, TZ: "Europe/Stockholm" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
function readCsv(file: string): Array<Record<string, string>> {
  const lines = readFileSync(file, "utf8").trim().split("\n");
  const head = splitCsvLine(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(splitCsvLine(l).map((v, i) => [head[i], v])));
}

const incidents: string[] = [];
let seed = 3;
const rnd = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};
for (let i = 0; i < 3000; i++) {
  const hot = i % 3 === 0;
  const lat = (hot ? 56.381 + rnd() * 0.003 : 56.3 + rnd() * 0.15).toFixed(6);
  const lon = (hot ? 13.99 + rnd() * 0.004 : 13.9 + rnd() * 0.25).toFixed(6);
  incidents.push(`${lat},${lon},2025-0${1 + (i % 6)}-1${i % 10}T12:00:00Z,klotter`);
}
const INCIDENTS = write("incidents.csv", `lat,lon,ts,category\n${incidents.join("\n")}\n`);

describe("trygg analysis (CLI)", () => {
  it("--help prints Swedish usage", () => {
    const r = trygg("--help");
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Användning: trygg analysis/);
    assert.match(r.stdout, /hotspots/);
  });

  it("hotspots: one row per non-empty cell, z in full precision, JSON timings on stdout", () => {
    const out = join(dir, "hot.csv");
    const r = trygg("hotspots", "--input", INCIDENTS, "--cell", "100", "--band", "250", "--out", out);
    assert.equal(r.code, 0, r.stderr);
    const timing = JSON.parse(r.stdout.trim());
    for (const k of ["load", "project", "bin", "nb", "gistar", "write", "total_ms", "n", "cells", "skipped"]) assert.ok(k in timing, k);
    assert.equal(timing.n, 3000);
    const rows = readCsv(out);
    assert.equal(rows.length, timing.cells);
    const lat = Float64Array.from(incidents, (l) => Number(l.split(",")[0]));
    const lon = Float64Array.from(incidents, (l) => Number(l.split(",")[1]));
    const ref = computeHotspots({ lat, lon }, { cellSize: 100, band: 250 });
    assert.equal(rows.length, ref.ix.length);
    rows.forEach((row, i) => {
      assert.equal(row.cell, `${ref.ix[i]}_${ref.iy[i]}`);
      assert.equal(row.gi_z, String(ref.z[i]));
      assert.equal(Number(row.count), ref.count[i]);
      assert.ok(["hot99", "hot95", "hot90", "ns", "cold90", "cold95", "cold99"].includes(row.class));
    });
    assert.ok(rows.some((row) => row.class === "hot99"));
  });

  it("hotspots: columns in any order, bad rows skipped and reported with line numbers", () => {
    const f = write("messy.csv", "id,lon,extra,lat\n1,14.1,a,56.2\n2,14.1,b,abc\n3,56.2,c,14.1\n4,14.1001,d,56.2001\n5,14.1002,e,56.2\n");
    const out = join(dir, "messy-out.csv");
    const r = trygg("hotspots", "--input", f, "--cell", "10", "--band", "10", "--out", out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /hoppade över 1 rad med ogiltiga tal \(rad 3\)/);
    assert.match(r.stderr, /hoppade över 1 rad med koordinater utanför .* \(rad 4\)/);
    assert.equal(JSON.parse(r.stdout).skipped.rows, 2);
  });

  it("clear Swedish errors and non-zero exit codes", () => {
    const out = join(dir, "x.csv");
    const cases: Array<[string[], RegExp, number]> = [
      [["hotspots", "--input", INCIDENTS, "--cell", "100", "--band", "50", "--out", out], /avståndsbandet \(50 m\) är mindre än cellstorleken \(100 m\)/, 1],
      [["hotspots", "--input", INCIDENTS, "--cell", "0", "--band", "50", "--out", out], /--cell måste vara större än 0/, 2],
      [["hotspots", "--input", INCIDENTS, "--cell", "abc", "--band", "50", "--out", out], /--cell måste vara ett tal/, 2],
      [["hotspots", "--input", write("nolat.csv", "y,lon\n1,2\n"), "--cell", "100", "--band", "250", "--out", out], /kolumnen "lat" saknas/, 1],
      [["hotspots", "--input", write("empty.csv", ""), "--cell", "100", "--band", "250", "--out", out], /indatafilen är tom/, 1],
      [["hotspots", "--input", write("head.csv", "lat,lon\n"), "--cell", "100", "--band", "250", "--out", out], /inga datarader/, 1],
      [["hotspots", "--input", write("allbad.csv", "lat,lon\nx,y\n"), "--cell", "100", "--band", "250", "--out", out], /inga giltiga rader/, 1],
      [["hotspots", "--input", join(dir, "nope.csv"), "--cell", "100", "--band", "250", "--out", out], /indatafilen finns inte/, 1],
      [["hotspots", "--input", INCIDENTS, "--cell", "100", "--band", "250"], /--out saknas/, 2],
      [["hotspots", "--input", INCIDENTS, "--cell", "100", "--band", "250", "--out", out, "--bogus"], /okänd flagga --bogus/, 2],
      [["frobnicate"], /okänt delkommando/, 2],
    ];
    for (const [args, msg, code] of cases) {
      const r = trygg(...args);
      assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      // The error is the last line, one line, "trygg: …" (warnings about skipped rows may precede it).
      const last = r.stderr.trim().split("\n").at(-1) ?? "";
      assert.match(last, /^trygg: /);
      assert.match(last, msg);
    }
  });

  it("project: lat,lon → n,e within 1 mm of Lantmäteriet's control points, and back with --inverse", () => {
    const control = readFileSync(new URL("../../../test/fixtures/shared/sweref99tm-testpoints.csv", import.meta.url), "utf8")
      .trim()
      .split("\n");
    const head = splitCsvLine(control[0]);
    const pts = control
      .slice(1)
      .map((l) => splitCsvLine(l))
      .map((c) => ({
        lat: c[head.indexOf("lat_deg")],
        lon: c[head.indexOf("lon_deg")],
        n: Number(c[head.indexOf("northing_m")]),
        e: Number(c[head.indexOf("easting_m")]),
      }));
    const f = write("ll.csv", `namn,lat,lon\n${pts.map((p, i) => `"punkt ${i + 1}",${p.lat},${p.lon}`).join("\n")}\n`);
    const out = join(dir, "ne.csv");
    assert.equal(trygg("project", "--input", f, "--out", out).code, 0);
    const rows = readCsv(out);
    assert.equal(rows.length, 15);
    rows.forEach((r, i) => {
      assert.equal(r.namn, `punkt ${i + 1}`);
      assert.ok(Math.abs(Number(r.n) - pts[i].n) <= 0.001 && Math.abs(Number(r.e) - pts[i].e) <= 0.001);
    });
    const f2 = write("ne-in.csv", `n,e\n${pts.map((p) => `${p.n},${p.e}`).join("\n")}\n`);
    const out2 = join(dir, "ll-out.csv");
    assert.equal(trygg("project", "--input", f2, "--out", out2, "--inverse").code, 0);
    readCsv(out2).forEach((r, i) => {
      assert.ok(Math.abs(Number(r.lat) - Number(pts[i].lat)) < 1e-8 && Math.abs(Number(r.lon) - Number(pts[i].lon)) < 2e-8);
    });
  });

  it("gistar on pre-aggregated cells equals spdep (and --gi gives Gi)", () => {
    const input = join(FIXTURE_DIR, "gistar-irregular-75-ties-isolated.csv");
    const expected = readFixture("gistar-irregular-75-ties-isolated.csv");
    for (const [flag, col] of [
      [[], "gistar_z"],
      [["--gi"], "gi_z"],
    ] as const) {
      const out = join(dir, `gistar-${col}.csv`);
      const r = trygg("gistar", "--input", input, "--band", "75", "--out", out, ...flag);
      assert.equal(r.code, 0, r.stderr);
      const rows = readCsv(out);
      assert.equal(rows.length, expected.length);
      rows.forEach((row, i) => {
        const want = Number(expected[i][col]);
        const got = Number(row.gi_z);
        if (Number.isNaN(want)) assert.ok(Number.isNaN(got));
        else assert.ok(Math.abs(got - want) <= 1e-9, `${i}: ${got} vs ${want}`);
      });
    }
  });

  it("kde writes every grid node, both ends included", () => {
    const f = write("pts.csv", "x,y,weight\n100,100,2\n150,120,1\n");
    const out = join(dir, "kde.csv");
    const r = trygg("kde", "--input", f, "--kernel", "quartic", "--radius", "50", "--grid", "0,0,200,200,10", "--out", out);
    assert.equal(r.code, 0, r.stderr);
    const rows = readCsv(out);
    assert.equal(rows.length, 21 * 21);
    assert.equal(rows[rows.length - 1].x, "200");
    const at = rows.find((row) => row.x === "100" && row.y === "100");
    assert.ok(at && Number(at.density) > 0);
    assert.match(trygg("kde", "--input", f, "--kernel", "gaussian", "--grid", "0,0,1,1,1", "--out", out).stderr, /--sigma/);
  });

  it("emerging: one row per cell with a pattern, and the cube on request", () => {
    const out = join(dir, "emerging.csv");
    const cube = join(dir, "cube.csv");
    const r = trygg("emerging", "--input", INCIDENTS, "--cell", "200", "--band", "400", "--out", out, "--cube", cube);
    assert.equal(r.code, 0, r.stderr);
    const rows = readCsv(out);
    assert.ok(rows.length > 10);
    assert.ok(rows.every((row) => row.pattern.length > 0 && Number(row.weeks) > 0));
    assert.ok(existsSync(cube));
    assert.equal(readCsv(cube).length, rows.length * Number(rows[0].weeks));
  });
});
