import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DefinitionContent } from "./definition.ts";
import { type Cell, type CountCell, computeResults, type ResultOptions, TOTAL, UNKNOWN } from "./results.ts";
import { surveyTemplate } from "./template.ts";

const content = DefinitionContent.parse(surveyTemplate());
const AREAS = [
  { id: "a1", name: "Osby tätort", slug: "osby-tatort" },
  { id: "a2", name: "Lönsboda", slug: "lonsboda" },
  { id: "a3", name: "Osby landsbygd", slug: "osby-landsbygd" },
];
const OPTS: ResultOptions = {
  minCell: 5,
  index: { enabled: false, factor: 6, offset: 0 },
  bands: [
    { from: 0, colour: "gron" },
    { from: 2.5, colour: "gul" },
    { from: 4, colour: "rod" },
  ],
  population: null,
};

function cell(area: string | null, item: string, option: string | null, n: number, extra: Partial<CountCell> = {}): CountCell {
  return { area_id: area, age_group: null, sex: null, item_key: item, option_key: option, n, sum_num: null, sumsq_num: null, ...extra };
}

function shown(c: Cell | undefined) {
  assert.ok(c && c.suppressed === null, "the cell should be shown");
  return c;
}

describe("computeResults", () => {
  it("gives the distribution and the problem share without 'vet ej', per area and in total", () => {
    const cells = [
      // Lönsboda, speeding: 10 no problem, 20 small, 40 fairly big, 20 very big, 10 don't know
      cell("a2", "fortkorning", "inget", 10),
      cell("a2", "fortkorning", "litet", 20),
      cell("a2", "fortkorning", "ganska_stort", 40),
      cell("a2", "fortkorning", "mycket_stort", 20),
      cell("a2", "fortkorning", "vet_ej", 10),
      cell("a1", "fortkorning", "inget", 30),
      cell("a1", "fortkorning", "ganska_stort", 10),
      cell("a3", "fortkorning", "litet", 20),
    ];
    const strata = [
      { area_id: "a1", age_group: null, sex: null, responses: 40, complete: 38 },
      { area_id: "a2", age_group: null, sex: null, responses: 100, complete: 90 },
      { area_id: "a3", age_group: null, sex: null, responses: 20, complete: 20 },
    ];
    const view = computeResults(content, cells, strata, AREAS, OPTS);
    assert.deepEqual(
      view.columns.map((c) => [c.key, c.responses]),
      [
        ["a1", 40],
        ["a2", 100],
        ["a3", 20],
        [TOTAL, 160],
      ],
    );
    const item = view.items.find((i) => i.item.key === "fortkorning")!;
    const l = shown(item.cells.a2);
    assert.equal(l.answered, 100);
    assert.equal(l.dontKnow, 10);
    assert.deepEqual(
      l.distribution.map((d) => [d.key, d.count]),
      [
        ["inget", 10],
        ["litet", 20],
        ["ganska_stort", 40],
        ["mycket_stort", 20],
        ["vet_ej", 10],
      ],
    );
    // 60 of the 90 who had an opinion see a problem: 2/3, Wilson 95 % 0.5643–0.7554
    assert.equal(l.share!.k, 60);
    assert.equal(l.share!.base, 90);
    assert.ok(Math.abs(l.share!.p - 2 / 3) < 1e-12);
    assert.ok(Math.abs(l.share!.lo - 0.564223) < 1e-5, String(l.share!.lo));
    assert.ok(Math.abs(l.share!.hi - 0.755465) < 1e-5, String(l.share!.hi));
    const total = shown(item.cells[TOTAL]);
    assert.equal(total.answered, 160);
    assert.equal(total.share!.k, 70);
    assert.equal(total.share!.base, 150);
    // The area question itself is the columns, not an item of the results.
    assert.ok(!view.items.some((i) => i.item.key === "omrade"));
  });

  it("suppresses a cell below the minimum, and the smallest other area so it cannot be worked out", () => {
    const cells = [cell("a1", "avstatt", "ja", 30), cell("a1", "avstatt", "nej", 30), cell("a2", "avstatt", "ja", 3), cell("a3", "avstatt", "nej", 9)];
    const view = computeResults(content, cells, [], AREAS, OPTS);
    const item = view.items.find((i) => i.item.key === "avstatt")!;
    assert.deepEqual(item.cells.a2, { suppressed: "primary", answered: 3 });
    assert.deepEqual(item.cells.a3, { suppressed: "secondary", answered: 9 });
    shown(item.cells.a1);
    shown(item.cells[TOTAL]);
  });

  it("does not add a secondary suppression when the hidden cell is empty or two are hidden", () => {
    const empty = computeResults(content, [cell("a1", "avstatt", "ja", 30), cell("a3", "avstatt", "nej", 9)], [], AREAS, OPTS);
    const e = empty.items.find((i) => i.item.key === "avstatt")!;
    assert.equal(e.cells.a2?.suppressed, "primary");
    assert.equal(e.cells.a3?.suppressed, null);
    const two = computeResults(content, [cell("a1", "avstatt", "ja", 30), cell("a2", "avstatt", "ja", 2), cell("a3", "avstatt", "nej", 4)], [], AREAS, OPTS);
    const t = two.items.find((i) => i.item.key === "avstatt")!;
    assert.equal(t.cells.a1?.suppressed, null);
  });

  it("counts 'area not stated' as a column of its own, subject to the same rules", () => {
    const cells = [cell("a1", "avstatt", "ja", 10), cell("a2", "avstatt", "ja", 10), cell("a3", "avstatt", "ja", 10), cell(null, "avstatt", "nej", 2)];
    const view = computeResults(content, cells, [{ area_id: null, age_group: null, sex: null, responses: 2, complete: 2 }], AREAS, OPTS);
    assert.ok(view.columns.some((c) => c.key === UNKNOWN));
    const item = view.items.find((i) => i.item.key === "avstatt")!;
    assert.equal(item.cells[UNKNOWN]?.suppressed, "primary");
    assert.equal(["a1", "a2", "a3"].filter((a) => item.cells[a]?.suppressed === "secondary").length, 1);
  });

  it("suppresses the share when too few had an opinion, even if the distribution is shown", () => {
    const cells = [cell("a1", "fortkorning", "vet_ej", 6), cell("a1", "fortkorning", "inget", 2)];
    const view = computeResults(content, cells, [], AREAS, OPTS);
    const c = shown(view.items.find((i) => i.item.key === "fortkorning")!.cells.a1);
    assert.equal(c.share?.suppressed, true);
  });

  it("counts multiple choice per option over the item's respondents, never combinations", () => {
    const cells = [
      cell("a1", "avstatt_vad", null, 20, { sum_num: 30 }),
      cell("a1", "avstatt_vad", "promenad", 15),
      cell("a1", "avstatt_vad", "kollektivtrafik", 10),
      cell("a1", "avstatt_vad", "annat", 5),
    ];
    const view = computeResults(content, cells, [], AREAS, OPTS);
    const c = shown(view.items.find((i) => i.item.key === "avstatt_vad")!.cells.a1);
    assert.equal(c.answered, 20);
    const promenad = c.perOption!.find((o) => o.key === "promenad")!;
    assert.equal(promenad.k, 15);
    assert.equal(promenad.iv.p, 0.75);
    assert.equal(c.perOption!.find((o) => o.key === "noje")!.k, 0);
    assert.equal(
      c.perOption!.reduce((s, o) => s + o.k, 0),
      30,
      "30 choices by 20 people: shares add up to more than 100 %",
    );
  });

  it("gives the mean of a number item", () => {
    const view = computeResults(content, [cell("a1", "ar_i_omradet", null, 5, { sum_num: 50, sumsq_num: 600 })], [], AREAS, OPTS);
    const c = shown(view.items.find((i) => i.item.key === "ar_i_omradet")!.cells.a1);
    assert.equal(c.mean!.mean, 10);
    assert.equal(c.mean!.sd, Math.sqrt((600 - 500) / 4));
  });

  it("adds the tenant's index and colour, and a weighted share when population figures are given", () => {
    const cells = [
      { ...cell("a1", "otrygg_kvall", "mycket_otrygg", 10), age_group: "16_24", sex: "kvinna" },
      { ...cell("a1", "otrygg_kvall", "mycket_trygg", 10), age_group: "16_24", sex: "kvinna" },
      { ...cell("a1", "otrygg_kvall", "mycket_trygg", 20), age_group: "65_74", sex: "man" },
    ];
    const strata = [
      { area_id: "a1", age_group: "16_24", sex: "kvinna", responses: 20, complete: 20 },
      { area_id: "a1", age_group: "65_74", sex: "man", responses: 20, complete: 20 },
    ];
    const population = [
      { area_id: "a1", age_group: "16_24", sex: "kvinna", count: 300 },
      { area_id: "a1", age_group: "65_74", sex: "man", count: 100 },
    ];
    const view = computeResults(content, cells, strata, AREAS, { ...OPTS, index: { enabled: true, factor: 6, offset: 0 }, population });
    const c = shown(view.items.find((i) => i.item.key === "otrygg_kvall")!.cells.a1);
    assert.equal(c.share!.p, 0.25); // unweighted: 10 of 40
    assert.deepEqual(c.index, { value: 1.5, colour: "gron" });
    // weights: young women 0.75/0.5 = 1.5, older men 0.25/0.5 = 0.5 → (1.5·10) / (1.5·20 + 0.5·20) = 0.375
    assert.ok(Math.abs(c.weighted!.p - 0.375) < 1e-12);
    assert.deepEqual(view.weights, { population: 400, excluded: 0, emptyStrata: 0 });
  });
});
