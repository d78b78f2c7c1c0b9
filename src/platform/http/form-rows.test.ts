import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { translator } from "../i18n/i18n.ts";
import { maxRowIndex, readRows, rowsProblemMessage, rowsToRender } from "./form-rows.ts";

const findings = { prefix: "findings", max: 50, spare: 2 };

describe("form rows", () => {
  it("reads the filled rows in index order and drops blank ones", () => {
    const r = readRows(
      {
        "findings.2.text": "tredje",
        "findings.0.text": "första",
        "findings.0.source": "est",
        "findings.1.text": "  ",
        "findings.1.ref_url": "",
        title: "inte en rad",
        "findingsx.0.text": "annat prefix",
      },
      findings,
    );
    assert.equal(r.problem, null);
    assert.deepEqual(
      r.rows.map((x) => [x.index, x.values.text]),
      [
        [0, "första"],
        [2, "tredje"],
      ],
    );
    assert.equal(r.rows[0]?.values.source, "est");
  });

  it("refuses an index beyond what the form can send, without allocating by it", () => {
    assert.equal(maxRowIndex(findings), 51);
    const started = process.memoryUsage().heapUsed;
    const r = readRows({ "findings.10000000.text": "abc", "findings.0.text": "ok" }, findings);
    assert.equal(r.problem, "outOfRange");
    assert.deepEqual(
      r.rows.map((x) => x.index),
      [0],
    );
    assert.ok(process.memoryUsage().heapUsed - started < 50 * 1024 * 1024, "no memory proportional to the index");
    assert.equal(readRows({ "findings.52.text": "x" }, findings).problem, "outOfRange");
    assert.equal(readRows({ "findings.51.text": "x" }, findings).problem, null);
    for (const odd of ["findings.-1.text", "findings.1e9.text", "findings.01.text", "findings.1.2.text", "findings..text"])
      assert.equal(readRows({ [odd]: "x" }, findings).problem, "outOfRange", odd);
  });

  it("says when more rows are filled than allowed, and keeps only the allowed number", () => {
    const body: Record<string, string> = {};
    for (let i = 0; i < 4; i++) body[`outcomes.${i}.label`] = `utfall ${i}`;
    const r = readRows(body, { prefix: "outcomes", max: 3, spare: 1 });
    assert.equal(r.problem, "tooMany");
    assert.equal(r.rows.length, 3);
  });

  it("renders one past the highest row plus the spare rows, bounded by the form's maximum", () => {
    assert.equal(rowsToRender({}, findings), 2);
    assert.equal(rowsToRender({ "findings.3.text": "x" }, findings), 6);
    assert.equal(rowsToRender({ "findings.10000000.text": "x" }, findings), 2);
    assert.equal(rowsToRender({ "findings.51.text": "x" }, findings), 52);
    assert.equal(rowsToRender({}, { prefix: "signatories", max: 20, spare: 1, min: 2 }), 2);
  });

  it("explains the problem in Swedish", () => {
    const t = translator("sv");
    assert.match(rowsProblemMessage(t, "outOfRange", "Lägesbild", 50), /Lägesbild.*högst 50/);
    assert.match(rowsProblemMessage(t, "tooMany", "Utfall", 10), /högst 10/);
  });
});
