import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { getisOrdGrid, getisOrdPoints } from "./getis-ord.ts";
import { twoSidedPValues } from "./normal.ts";
import { column, maxAbsDiff, readFixture } from "./testing.ts";

const cases = readFixture("cases.csv");

describe("Getis–Ord Gi and Gi* agree with R spdep localG to 1e-9", () => {
  for (const c of cases) {
    const band = Number(c.band);
    const rows = readFixture(`gistar-${c.case}.csv`);
    const values = column(rows, "value");
    for (const statistic of ["gistar", "gi"] as const) {
      it(`${c.case} (${statistic}, band ${band})`, () => {
        const res =
          c.kind === "grid"
            ? getisOrdGrid(
                Int32Array.from(rows, (r) => Number(r.ix)),
                Int32Array.from(rows, (r) => Number(r.iy)),
                values,
                Number(c.cell),
                band,
                statistic,
              )
            : getisOrdPoints(column(rows, "x"), column(rows, "y"), values, band, statistic);
        const expectedZ = column(rows, statistic === "gistar" ? "gistar_z" : "gi_z");
        const nb = column(rows, "nb");
        const w = Float64Array.from(res.weights, (v) => (statistic === "gistar" ? v - 1 : v));
        assert.equal(maxAbsDiff(w, nb), 0, "neighbour counts differ from dnearneigh");
        const d = maxAbsDiff(res.z, expectedZ);
        assert.ok(d <= 1e-9, `max |Δz| = ${d}`);
        const p = twoSidedPValues(res.z);
        const dp = maxAbsDiff(p, column(rows, statistic === "gistar" ? "p_gistar" : "p_gi"));
        assert.ok(dp <= 1e-12, `max |Δp| = ${dp}`);
      });
    }
  }
});
