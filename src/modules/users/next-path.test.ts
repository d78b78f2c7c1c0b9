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

  it("refuses paths that become protocol-relative (//host, /\\host) after normalisation or decoding", () => {
    for (const bad of [
      "/.//evil.example/x",
      "/./\\evil.example",
      "/..//evil.example/x",
      "/../..//evil.example",
      "/a/..//evil.example",
      "/%2F/evil.example",
      "/%2f%2fevil.example",
      "/%5C%5Cevil.example",
      "/%5c/evil.example",
      "/%252F/evil.example",
      "/%2E//evil.example",
      "/%2e%2e//evil.example",
      "/.%2F/evil.example",
      "/\t/evil.example",
      "/%09/evil.example",
      "/%0a/evil.example",
      "/\r\n/evil.example",
      "/.\t//evil.example",
      "/\u00a0/evil.example",
      "/\u3000//evil.example",
      "/%",
      "/%E0%A4%A",
      `/${"a/".repeat(1200)}`,
      `/.${"/".repeat(3000)}evil.example`,
    ]) {
      const got = safeNextPath(bad);
      assert.equal(got, null, `${JSON.stringify(bad)} → ${JSON.stringify(got)}`);
    }
  });

  it("never returns anything starting with // or /\\ for any dot/slash/backslash/encoding mix", () => {
    const pieces = ["/", ".", "..", "\\", "%2F", "%2f", "%5C", "%2E", "\t", "%09", "evil.example", "x"];
    const seen: string[] = [];
    const build = (prefix: string, depth: number): void => {
      if (depth === 0) {
        seen.push(prefix);
        return;
      }
      for (const p of pieces) build(prefix + p, depth - 1);
    };
    build("/", 4);
    for (const candidate of seen) {
      const got = safeNextPath(candidate);
      if (got === null) continue;
      assert.ok(got.startsWith("/") && !/^\/[/\\]/.test(got), `${JSON.stringify(candidate)} → ${JSON.stringify(got)}`);
      assert.equal(new URL(got, "http://trygg.invalid").origin, "http://trygg.invalid", JSON.stringify(candidate));
      const decoded = decodeURIComponent(decodeURIComponent(got)).replace(/[\t\n\r]/g, "");
      assert.ok(!/^\/[/\\]/.test(decoded), `${JSON.stringify(candidate)} → ${JSON.stringify(got)} (avkodad ${JSON.stringify(decoded)})`);
    }
  });

  it("does not send people back to sign in or out", () => {
    assert.equal(safeNextPath("/logga-in?next=/x"), null);
    assert.equal(safeNextPath("/logga-ut"), null);
  });
});
