import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { categoryFigures, formatChange, sourceTotals, weeklySeries } from "./figures.ts";

const cat = (_s: string, key: string) => ({ key, label: { sv: key.toUpperCase(), en: key }, personRelated: false });

describe("lägesbild figures", () => {
  const rows = [
    { source: "est", category: "klotter", week: 100, count: 5 },
    { source: "est", category: "klotter", week: 99, count: 2 },
    { source: "est", category: "klotter", week: 97, count: 2 },
    { source: "est", category: "klotter", week: 48, count: 3 },
    { source: "est", category: "brand", week: 96, count: 4 },
    { source: "polisen", category: "Stöld", week: 100, count: 1 },
    { source: "est", category: "brand", week: 80, count: 9 },
  ];
  const o = { week: 100, lastYearWeek: 48, previousWeeks: 4 };

  it("compares the week with the mean of the four weeks before and the same week last year", () => {
    const f = categoryFigures(rows, ["est", "polisen"], cat, o);
    const klotter = f.find((x) => x.category.key === "klotter")!;
    assert.deepEqual(klotter.previous, [0, 2, 0, 2]);
    assert.equal(klotter.previousMean, 1);
    assert.equal(klotter.change, 4);
    assert.equal(klotter.changePct, 400);
    assert.equal(klotter.lastYear, 3);
    // Week 80 is in none of the windows: brand comes from week 96 only.
    const brand = f.find((x) => x.category.key === "brand")!;
    assert.deepEqual([brand.week, brand.previousMean, brand.changePct], [0, 1, -100]);
    // Ordered by source, then the week's count.
    assert.deepEqual(
      f.map((x) => `${x.source}:${x.category.key}`),
      ["est:klotter", "est:brand", "polisen:Stöld"],
    );
  });

  it("totals per source include a source with nothing", () => {
    const t = sourceTotals(rows, ["est", "polisen", "walks"], o);
    assert.deepEqual(
      t.map((x) => [x.source, x.week]),
      [
        ["est", 5],
        ["polisen", 1],
        ["walks", 0],
      ],
    );
    assert.equal(t[2]!.changePct, null);
  });

  it("the weekly series covers every week, empty ones too", () => {
    const s = weeklySeries(rows, ["est", "polisen"], 100, 5);
    assert.deepEqual(
      s.map((x) => [x.week, ...x.bySource]),
      [
        [96, 4, 0],
        [97, 2, 0],
        [98, 0, 0],
        [99, 2, 0],
        [100, 5, 1],
      ],
    );
  });

  it("writes changes as people read them", () => {
    assert.equal(formatChange({ change: 3, changePct: 150 }, "sv"), "+3 (+150 %)");
    assert.equal(formatChange({ change: -0.75, changePct: -17.6 }, "sv"), "−0,8 (−18 %)");
    assert.equal(formatChange({ change: 2, changePct: null }, "en"), "+2 (new)");
    assert.equal(formatChange({ change: 0, changePct: 0 }, "sv"), "±0");
  });
});
