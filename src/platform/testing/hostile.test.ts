// The hostile-input sweep's own detectors: a sweep whose checks cannot fire proves nothing.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { nulCharacterAt } from "../http/pipeline.ts";
import { csvCells, formsOf, hostileString, isFormulaCell, leaksIn, matchesPattern, plausible } from "./hostile.ts";

describe("hostile-input detectors", () => {
  it("finds stack traces, source paths and database errors in a body, and nothing in a normal page", () => {
    assert.ok(leaksIn("TypeError: x is not a function\n    at handler (/work/main/src/app.ts:12:3)").length >= 2);
    assert.ok(leaksIn('error: invalid input syntax for type uuid: "x"').length === 1);
    assert.ok(leaksIn("see node_modules/fastify/lib/route.js").length === 1);
    assert.deepEqual(leaksIn("<p>Något gick fel hos oss. Försök igen senare.</p>"), []);
  });

  it("reads CSV cells in both dialects and tells formulas from numbers", () => {
    assert.deepEqual(csvCells('a,"b,""c"""\r\n=1+1,-5\r\n'), ["a", 'b,"c"', "=1+1", "-5"]);
    assert.deepEqual(csvCells("\uFEFFx;y\r\n'=1;2,5\r\n"), ["x", "y", "'=1", "2,5"]);
    for (const f of ["=1+1", "+SUM(A1)", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]) assert.ok(isFormulaCell(f), f);
    for (const ok of ["-5", "+3.5", "-1,5", "'=1", "text", "", "1e10"]) assert.ok(!isFormulaCell(ok), ok);
  });

  it("finds the POST forms of a page with their fields, choices and CSRF token", () => {
    const page = `<form method="get" action="/s"><input name="q"></form>
<form method="post" action="/t/x/arbete/platser" enctype="multipart/form-data">
  <input type="hidden" name="_csrf" value="tok&amp;en">
  <input id="f-name" name="name" type="text" value="">
  <input name="day" type="date">
  <select name="kind"><option value="">Välj</option><option value="park">Park</option></select>
  <textarea name="description">Hej &lt;b&gt;</textarea>
  <button type="submit">Spara</button>
</form>`;
    const forms = formsOf(page, "/t/x/arbete/platser");
    assert.equal(forms.length, 1);
    const f = forms[0]!;
    assert.equal(f.action, "/t/x/arbete/platser");
    assert.equal(f.enctype, "multipart/form-data");
    assert.deepEqual(
      f.fields.map((x) => [x.name, x.kind, x.value]),
      [
        ["_csrf", "hidden", "tok&en"],
        ["name", "text", ""],
        ["day", "text", ""],
        ["kind", "select", "park"],
        ["description", "textarea", "Hej <b>"],
      ],
    );
    assert.equal(plausible(f.fields[2]!), "2024-05-01");
  });

  it("finds a NUL character anywhere in input, and only then", () => {
    assert.equal(nulCharacterAt({ a: "x", b: [{ c: "y\u0000" }] }), "b.0.c");
    assert.equal(nulCharacterAt({ "k\u0000": "x" }), "?");
    assert.equal(nulCharacterAt({ a: "å\u202e", b: [1, null, true] }), null);
  });

  it("matches concrete paths to route patterns", () => {
    assert.ok(matchesPattern("/t/:tenant/admin/logg", "/t/osby/admin/logg?x=1"));
    assert.ok(!matchesPattern("/t/:tenant/admin/logg", "/t/osby/admin/logg.csv"));
  });

  it("generates hostile strings reproducibly from a seed", () => {
    const a = fc.sample(hostileString(), { seed: 42, numRuns: 20 });
    const b = fc.sample(hostileString(), { seed: 42, numRuns: 20 });
    assert.deepEqual(a, b);
  });
});
