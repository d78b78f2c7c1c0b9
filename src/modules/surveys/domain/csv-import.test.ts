import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { areaLookup, detectDelimiter, parseCrimeCsv, parseCsv, parseDecimal, parseOfficialCsv } from "./csv-import.ts";

const AREAS = [
  { id: "a1", name: "Osby tätort", slug: "osby-tatort" },
  { id: "a2", name: "Lönsboda", slug: "lonsboda" },
];
const lookup = areaLookup(AREAS, "Osby kommun");
const ITEMS = new Set(["fortkorning", "otrygg_kvall", "problemindex"]);

describe("CSV reading", () => {
  it("reads quoted fields, a BOM, CRLF and blank lines", () => {
    const rows = parseCsv('\ufeffa;b\r\n"x;y";"he said ""hi"""\r\n\r\n1;2\n', ";");
    assert.deepEqual(rows, [
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x;y", 'he said "hi"'] },
      { line: 4, fields: ["1", "2"] },
    ]);
    assert.equal(detectDelimiter("år,område\n"), ",");
    assert.equal(detectDelimiter("år;område\n"), ";");
    assert.equal(parseDecimal("2,5"), 2.5);
    assert.equal(parseDecimal("1 234,5"), 1234.5);
    assert.equal(parseDecimal("två"), null);
  });
});

describe("official results", () => {
  it("reads the documented format with Swedish headers, decimal commas and the whole municipality", () => {
    const csv = [
      "År;Område;Fråga;Index;Andel (%);n;Färg",
      "2021;Lönsboda;fortkorning;5;;120;röd",
      "2022;lonsboda;fortkorning;2,0;;131;Grön",
      "2022;Osby kommun;problemindex;1,76;;;",
      "2022;;otrygg_kvall;;27,5;400;",
    ].join("\r\n");
    const r = parseOfficialCsv(csv, lookup, ITEMS);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.rows.map((x) => [x.year, x.areaId, x.itemKey, x.index, x.share, x.n, x.colour]),
      [
        [2021, "a2", "fortkorning", 5, null, 120, "rod"],
        [2022, "a2", "fortkorning", 2, null, 131, "gron"],
        [2022, null, "problemindex", 1.76, null, null, null],
        [2022, null, "otrygg_kvall", null, 27.5, 400, null],
      ],
    );
  });

  it("lists every offending row: unknown areas and items, bad values, duplicates", () => {
    const csv = [
      "year,area,item,index,share,n",
      "2022,Hökön,fortkorning,2,,10",
      "2022,Lönsboda,bilar,2,,10",
      "2022,Lönsboda,fortkorning,7,,10",
      "22,Lönsboda,otrygg_kvall,,,",
      "2022,Lönsboda,fortkorning,2,,10",
      "2022,Lönsboda,fortkorning,3,,12",
    ].join("\n");
    const r = parseOfficialCsv(csv, lookup, ITEMS);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.key]),
      [
        [2, "surveys.import.error.unknownArea"],
        [3, "surveys.import.error.unknownItem"],
        [4, "surveys.import.error.index"],
        [5, "surveys.import.error.year"],
        [5, "surveys.import.error.noValue"],
        [7, "surveys.import.error.duplicate"],
      ],
    );
    assert.deepEqual(r.errors[0]!.params, { value: "Hökön" });
    assert.deepEqual(r.errors.at(-1)!.params, { other: 6 });
  });

  it("refuses a file without the needed columns or rows", () => {
    const noValue = parseOfficialCsv("år;område;fråga\n2022;Lönsboda;fortkorning\n", lookup, ITEMS);
    assert.ok(!noValue.ok && noValue.errors[0]!.key === "surveys.import.error.missingColumns");
    const empty = parseOfficialCsv("", lookup, ITEMS);
    assert.ok(!empty.ok && empty.errors[0]!.key === "surveys.import.error.empty");
    const headerOnly = parseOfficialCsv("år;område;fråga;index\n", lookup, ITEMS);
    assert.ok(!headerOnly.ok && headerOnly.errors[0]!.key === "surveys.import.error.noRows");
  });
});

describe("reported crime (Brå)", () => {
  it("reads counts per year and category, for the municipality or an area", () => {
    const r = parseCrimeCsv(
      "år;område;brottskategori;antal;per 100 000 inv\n2017;Osby kommun;Våldsbrott;117;\n2017;;Sexualbrott;34;259\n2016;Lönsboda;Skadegörelsebrott;40;\n",
      lookup,
    );
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.rows.map((x) => [x.year, x.areaId, x.category, x.count, x.per100k]),
      [
        [2017, null, "Våldsbrott", 117, null],
        [2017, null, "Sexualbrott", 34, 259],
        [2016, "a2", "Skadegörelsebrott", 40, null],
      ],
    );
  });

  it("rejects negative or missing counts and unknown areas", () => {
    const r = parseCrimeCsv("år;område;kategori;antal\n2017;;Våldsbrott;-3\n2017;Lund;Våldsbrott;5\n2017;;;5\n", lookup);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.key]),
      [
        [2, "surveys.import.error.count"],
        [3, "surveys.import.error.unknownArea"],
        [4, "surveys.import.error.category"],
      ],
    );
  });
});
