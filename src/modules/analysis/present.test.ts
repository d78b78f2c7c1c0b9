import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EMERGING_PATTERN_LABELS_SV, EMERGING_PATTERNS, computeHotspots, latLonToSweref } from "../../analysis/index.ts";
import { translator } from "../../platform/i18n/i18n.ts";
import sv from "./messages/sv.json" with { type: "json" };
import { installModuleMessages } from "../index.ts";
import { can } from "./policy.ts";
import { makeDescriber } from "./places.ts";
import { groupCells } from "./groups.ts";
import { cellRing, classKey, classLabel, hotspotCsv, hotspotGroups, hotspotRows } from "./present.ts";
import { classCounts, compactHotspots, mergeSkipped } from "./results.ts";

installModuleMessages();
const canReadAnalyses = (a: Parameters<typeof can>[0], t: string) => can(a, "analysis.read", { tenant_id: t });
const canRunAnalyses = (a: Parameters<typeof can>[0], t: string) => can(a, "analysis.run", { tenant_id: t });

describe("analysis presentation", () => {
  it("uses exactly the engine's Swedish pattern labels", () => {
    for (const p of EMERGING_PATTERNS) assert.equal((sv as Record<string, string>)[`analysis.pattern.${p}`], EMERGING_PATTERN_LABELS_SV[p]);
  });

  it("back-projects cell corners to WGS84 so that they project onto the grid again (< 1 mm)", () => {
    const cell = 100;
    const ix = 4403;
    const iy = 62360;
    const ring = cellRing(ix, iy, cell);
    assert.equal(ring.length, 5);
    assert.deepEqual(ring[0], ring[4]);
    const expected = [
      [ix * cell, iy * cell],
      [(ix + 1) * cell, iy * cell],
      [(ix + 1) * cell, (iy + 1) * cell],
      [ix * cell, (iy + 1) * cell],
    ];
    for (let k = 0; k < 4; k++) {
      const [lon, lat] = ring[k] as [number, number];
      const p = latLonToSweref(lat, lon);
      assert.ok(Math.abs(p.e - expected[k]![0]!) < 0.01 && Math.abs(p.n - expected[k]![1]!) < 0.01, `corner ${k}`);
    }
  });

  it("stores only hot and cold cells, strongest first when cut, and counts every class", () => {
    const n = 3000;
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const hot = i < 600;
      lat[i] = hot ? 56.3806 + (i % 7) * 0.0002 : 56.3 + ((i * 7919) % 1000) / 5000;
      lon[i] = hot ? 13.9934 + (i % 11) * 0.0002 : 13.92 + ((i * 104729) % 1000) / 2500;
    }
    const r = computeHotspots({ lat, lon }, { cellSize: 100, band: 250 });
    const counts = classCounts(r.classes);
    assert.equal(counts.cells, r.ix.length);
    assert.equal(counts.hot99 + counts.hot95 + counts.hot90 + counts.ns + counts.cold90 + counts.cold95 + counts.cold99, counts.cells);
    const all = compactHotspots(r);
    assert.equal(all.truncated, false);
    assert.equal(all.cells.ix.length, counts.cells - counts.ns);
    assert.ok(all.cells.cls.every((c) => c !== 0));
    const cut = compactHotspots(r, 3);
    assert.equal(cut.truncated, true);
    assert.equal(cut.cells.ix.length, 3);
    const strongest = Math.max(...all.cells.z.map(Math.abs));
    assert.ok(cut.cells.z.some((z) => Math.abs(z) === strongest));
    const rows = hotspotRows(all, 100);
    assert.equal(classKey(rows[0]!.cls === "ns" ? 0 : 3), "hot99");
    const ctx = { t: translator("sv"), locale: "sv" as const, classifyBy: "q" as const, describe: makeDescriber({ places: [], areas: [] }) };
    const csv = hotspotCsv(rows, 100, ctx);
    assert.equal(csv.split("\r\n")[0], "cell,ix,iy,e,n,lat,lon,count,gi_z,p,q,class,class_label,place,area");
    assert.equal(csv.trim().split("\r\n").length, rows.length + 1);
    // The Swedish Excel dialect: byte order mark, semicolons, decimal commas (numbers stay numbers).
    const excel = hotspotCsv(rows, 100, ctx, "excel");
    assert.ok(excel.startsWith("\uFEFFcell;ix;iy;e;n;lat;lon;count;gi_z;p;q;class;class_label;place;area\r\n"));
    const first = excel.split("\r\n")[1]!.split(";");
    assert.equal(first[5], String(rows[0]!.lat).replace(".", ","));
    assert.equal(first[8], String(rows[0]!.z).replace(".", ","));
  });

  it("groups touching cells of one side into places, hot before cold, the strongest first", () => {
    const cell = (ix: number, iy: number, cls: "hot99" | "hot90" | "cold95", z: number, count = 5) =>
      ({ id: `${ix}_${iy}`, ix, iy, lat: 56.38 + iy * 0.001, lon: 13.99 + ix * 0.001, count, z, p: 0.001, q: 0.01, cls }) as const;
    const rows = [cell(1, 1, "hot90", 2), cell(2, 2, "hot99", 5), cell(5, 5, "hot99", 9), cell(3, 2, "cold95", -3, 0), cell(9, 9, "cold95", -4, 1)];
    assert.deepEqual(
      groupCells(rows, (r) => (r.cls.startsWith("hot") ? "hot" : "cold")).map((g) => g.map((r) => r.id)),
      [["1_1", "2_2"], ["5_5"], ["3_2"], ["9_9"]],
      "corners touch; a cold cell never joins a hot place",
    );
    const named: string[] = [];
    const groups = hotspotGroups([...rows], (lat, lon) => {
      named.push(`${lat.toFixed(4)},${lon.toFixed(4)}`);
      return { lat, lon, area: null, near: null };
    });
    assert.deepEqual(
      groups.map((g) => [g.side, g.cls, g.cells.length, g.events]),
      [
        ["hot", "hot99", 1, 5],
        ["hot", "hot99", 2, 10],
        ["cold", "cold95", 1, 1],
        ["cold", "cold95", 1, 0],
      ],
    );
    assert.equal(named.length, 4, "one description per place");
    const t = translator("sv");
    assert.equal(classLabel(t, "q", "hot99"), "Signifikant koncentration (99 % säkerhet, efter korrektion för många test)");
    assert.equal(classLabel(t, "p", "cold90"), "Få händelser (90 % säkerhet, utan korrektion för många test)");
  });

  it("merges skipped rows of the reader and the engine into line numbers", () => {
    const line = [2, 3, 5, 8, 13];
    assert.deepEqual(
      mergeSkipped({ count: 2, first: [4, 9] }, { count: 2, first: [1, 3] }, (i) => line[i]!),
      { count: 4, first: [3, 4, 8, 9] },
    );
  });

  it("lets samordnare, polis and admin run analyses, läsare only read, others nothing", () => {
    const actor = (role: string) => ({
      userId: "u",
      name: "n",
      email: "e",
      isSystemAdmin: false,
      roles: new Map([["t", [role as never]]]),
      organisations: new Map(),
    });
    for (const role of ["admin", "samordnare", "polis"]) assert.ok(canRunAnalyses(actor(role), "t") && canReadAnalyses(actor(role), "t"), role);
    assert.ok(canReadAnalyses(actor("lasare"), "t") && !canRunAnalyses(actor("lasare"), "t"));
    for (const role of ["rapportor", "atgardsagare"]) assert.ok(!canReadAnalyses(actor(role), "t"), role);
    assert.ok(!canReadAnalyses(actor("samordnare"), "other"));
    assert.ok(!canReadAnalyses(null, "t"));
  });
});
