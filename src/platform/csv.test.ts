import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csvCell, csvDialectOf, csvFilename, csvRow, guardFormula, writeCsv } from "./csv.ts";

const INJECTIONS = [
  '-1+HYPERLINK("http://x")',
  "=cmd|' /C calc'!A0",
  "@SUM(1)",
  "+1",
  "-1",
  "=1+1",
  "\t=1",
  "\tx",
  "\rx",
  '   =HYPERLINK("http://x")',
  " \t-2",
  "\n=1",
  "\u00a0@x",
  "＝1+1",
  "＋1",
  "－1",
  "＠SUM(1)",
];

describe("guardFormula (OWASP CSV injection)", () => {
  it("puts an apostrophe before text a spreadsheet would read as a formula", () => {
    for (const s of INJECTIONS) assert.equal(guardFormula(s), `'${s}`, JSON.stringify(s));
  });

  it("leaves ordinary text alone", () => {
    for (const s of ["Trafikkontroll", "2024-03-05", "Åsa & Örjan", "a=b", "1-2", "e-post@osby.se", "", " ", "'redan"])
      assert.equal(guardFormula(s), s, JSON.stringify(s));
  });
});

describe("csvCell and writeCsv, RFC 4180", () => {
  it("guards text in cells, numbers stay numeric (a real negative number included)", () => {
    assert.equal(csvCell('-1+HYPERLINK("http://x")'), `"'-1+HYPERLINK(""http://x"")"`);
    assert.equal(csvCell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
    assert.equal(csvCell("@SUM(1)"), "'@SUM(1)");
    assert.equal(csvCell("+1"), "'+1");
    assert.equal(csvCell("\t=1"), "'\t=1");
    assert.equal(csvCell("\r=1"), `"'\r=1"`);
    assert.equal(csvCell(-1.5), "-1.5", "a number typed as a number is a value");
    assert.equal(csvCell(-12), "-12");
    assert.equal(csvCell(0.000001), "0.000001");
    assert.equal(csvCell(-0), "0");
    assert.equal(csvCell("-12"), "'-12", "the same characters as text are guarded");
    assert.equal(csvCell(null), "");
    assert.equal(csvCell(undefined), "");
    assert.equal(csvCell(Number.NaN), "NaN");
    assert.equal(csvCell(true), "true");
  });

  it("quotes commas, quotes, CR and LF; CRLF line ends; no byte order mark", () => {
    assert.equal(csvCell('a,"b"'), '"a,""b"""');
    assert.equal(csvCell("rad 1\nrad 2"), '"rad 1\nrad 2"');
    assert.equal(csvCell("a;b"), "a;b");
    assert.equal(csvRow(["x", 1.5, null, "y"]), "x,1.5,,y\r\n");
    const file = writeCsv(
      ["a", "b"],
      [
        ["Lönsboda", -3.25],
        ['-1+HYPERLINK("http://x")', 2],
      ],
    );
    assert.equal(file, `a,b\r\nLönsboda,-3.25\r\n"'-1+HYPERLINK(""http://x"")",2\r\n`);
    assert.ok(!file.startsWith("\uFEFF"));
  });
});

describe("the Swedish Excel dialect", () => {
  it("has a byte order mark, semicolons, decimal commas and CRLF, with the same guard", () => {
    const file = writeCsv(
      ["plats", "värde", "text"],
      [
        ["Lönsboda", -3.25, '-1+HYPERLINK("http://x")'],
        ["Osby, centrum", 1234.5, "@SUM(1)"],
        ["a;b", 2, "=cmd|' /C calc'!A0"],
      ],
      "excel",
    );
    assert.equal(
      file,
      `\uFEFFplats;värde;text\r\nLönsboda;-3,25;"'-1+HYPERLINK(""http://x"")"\r\nOsby, centrum;1234,5;'@SUM(1)\r\n"a;b";2;'=cmd|' /C calc'!A0\r\n`,
    );
    assert.equal(csvCell(-0.5, "excel"), "-0,5");
    assert.equal(csvCell("1.5", "excel"), "1.5", "text stays as typed");
    assert.equal(csvCell("\tx", "excel"), "'\tx");
  });

  it("is chosen by ?format=excel and named …-excel.csv", () => {
    assert.equal(csvDialectOf("excel"), "excel");
    assert.equal(csvDialectOf(undefined), "rfc4180");
    assert.equal(csvDialectOf("rfc4180"), "rfc4180");
    assert.equal(csvDialectOf(["excel"]), "rfc4180");
    assert.equal(csvFilename("medborgarloften-osby.csv", "excel"), "medborgarloften-osby-excel.csv");
    assert.equal(csvFilename("medborgarloften-osby.csv", "rfc4180"), "medborgarloften-osby.csv");
  });
});
