import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeLinkTarget, siteLocalPath, webAddress } from "./urls.ts";

describe("siteLocalPath", () => {
  it("keeps and normalises paths on this site", () => {
    assert.equal(siteLocalPath("/t/osby"), "/t/osby");
    assert.equal(siteLocalPath("/t/osby/./a/../b?x=1#y"), "/t/osby/b?x=1#y");
    assert.equal(siteLocalPath("/"), "/");
    assert.equal(siteLocalPath("/t/l%C3%B6nsboda"), "/t/l%C3%B6nsboda");
    assert.equal(siteLocalPath("/t/lönsboda"), "/t/l%C3%B6nsboda");
    assert.equal(siteLocalPath("/a?next=//evil.example"), "/a?next=//evil.example", "a query may hold anything");
  });

  it("refuses every form that a browser or a decoding server would read as another site", () => {
    for (const bad of [
      "//evil.example",
      "/.//evil.example",
      "/..//evil.example",
      "/././/evil.example",
      "/\\evil.example",
      "/\\\\evil.example",
      "/%2F/evil.example",
      "/%2F%2Fevil.example",
      "/%5C%5Cevil.example",
      "/%5C/evil.example",
      "/%252F%252Fevil.example",
      "/.%2F/evil.example",
      "/%2E%2E//evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/%09/evil.example",
      "/%0D%0A/evil.example",
      "/\u00a0/evil.example",
      "/\u200b/evil.example",
      "/\ufeff/evil.example",
      "/%00/x",
      "/%",
      "/%zz",
      "https://evil.example",
      "evil.example",
      "",
      `/${"x".repeat(2000)}`,
    ]) {
      assert.equal(siteLocalPath(bad), null, JSON.stringify(bad));
    }
    assert.equal(siteLocalPath(null), null);
    assert.equal(siteLocalPath(42), null);
  });
});

describe("webAddress and safeLinkTarget", () => {
  it("accepts absolute http(s) addresses with a host", () => {
    assert.equal(webAddress("https://polisen.se/aktuellt/"), "https://polisen.se/aktuellt/");
    assert.equal(webAddress("  http://www.osby.se  "), "http://www.osby.se");
    assert.equal(webAddress("HTTPS://EXAMPLE.SE/x"), "HTTPS://EXAMPLE.SE/x");
  });

  it("refuses other schemes, scheme-relative and host-less forms", () => {
    for (const bad of [
      "//evil.example",
      "https:evil.example",
      "http:/evil.example",
      "https:\\\\evil.example",
      "javascript:alert(1)",
      "JavaScript://%0aalert(1)",
      "data:text/html,x",
      "ftp://evil.example/",
      "https://",
      "https://exa mple.se",
      "https://example.se/\tx",
      "",
    ]) {
      assert.equal(webAddress(bad), null, JSON.stringify(bad));
      assert.equal(safeLinkTarget(bad), null, JSON.stringify(bad));
    }
  });

  it("links either kind, paths normalised", () => {
    assert.equal(safeLinkTarget("/t/osby/./x"), "/t/osby/x");
    assert.equal(safeLinkTarget("https://osby.se"), "https://osby.se");
    assert.equal(safeLinkTarget("/.//evil.example"), null);
    assert.equal(safeLinkTarget(undefined), null);
  });
});
