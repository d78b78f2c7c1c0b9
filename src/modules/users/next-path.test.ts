import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeNextPath } from "./next-path.ts";

describe("safeNextPath (no open redirect)", () => {
  it("keeps paths on this site, with query and fragment", () => {
    assert.equal(safeNextPath("/t/osby/arbete"), "/t/osby/arbete");
    assert.equal(safeNextPath("/t/osby/rapporter?status=ny#lista"), "/t/osby/rapporter?status=ny#lista");
    assert.equal(safeNextPath("/t/osby/../osby/arbete"), "/t/osby/arbete");
    assert.equal(safeNextPath("/%0d%0aSet-Cookie:x"), "/%0d%0aSet-Cookie:x");
  });

  it("refuses anything that could leave the site", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "\t/evil",
      "/\n/evil.example",
      "javascript:alert(1)",
      "data:text/html,x",
      "evil.example",
      "",
      " /t/osby",
      "/".padEnd(2001, "a"),
    ]) {
      assert.equal(safeNextPath(bad), null, JSON.stringify(bad));
    }
    assert.equal(safeNextPath(undefined), null);
    assert.equal(safeNextPath(["/t/osby"]), null);
  });

  it("does not send people back to sign in or out", () => {
    assert.equal(safeNextPath("/logga-in?next=/x"), null);
    assert.equal(safeNextPath("/logga-ut"), null);
  });
});
