import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allCatalogs, installMessages, negotiateLocale, translator } from "./i18n.ts";

describe("i18n", () => {
  it("has the same keys in Swedish and English", () => {
    const { sv, en } = allCatalogs();
    assert.deepEqual(Object.keys(sv).sort(), Object.keys(en).sort());
  });
  it("interpolates and picks plural forms", () => {
    installMessages([
      {
        sv: { "test.n.one": "{count} löfte", "test.n.other": "{count} löften", "test.hello": "Hej {name}" },
        en: { "test.n.one": "{count} promise", "test.n.other": "{count} promises", "test.hello": "Hello {name}" },
      },
    ]);
    const sv = translator("sv");
    assert.equal(sv("test.n", { count: 1 }), "1 löfte");
    assert.equal(sv("test.n", { count: 1800 }), "1\u00a0800 löften");
    assert.equal(translator("en")("test.hello", { name: "Åsa" }), "Hello Åsa");
  });
  it("formats numbers in the reader's language", () => {
    installMessages([{ sv: { "test.x": "{n} st" }, en: { "test.x": "{n} pcs" } }]);
    assert.equal(translator("sv")("test.x", { n: 1234.5 }), "1\u00a0234,5 st");
    assert.equal(translator("en")("test.x", { n: 1234.5 }), "1,234.5 pcs");
  });
  it("refuses the same key with different texts in two catalogs", () => {
    assert.throws(
      () =>
        installMessages([
          { sv: { "a.b": "x" }, en: { "a.b": "x" } },
          { sv: { "a.b": "y" }, en: { "a.b": "y" } },
        ]),
      /a\.b/,
    );
  });
  it("negotiates the locale: query, cookie, Accept-Language, then Swedish", () => {
    assert.equal(negotiateLocale("en", "sv", "sv"), "en");
    assert.equal(negotiateLocale(undefined, "en", "sv"), "en");
    assert.equal(negotiateLocale(undefined, undefined, "en-GB,en;q=0.9"), "en");
    assert.equal(negotiateLocale(undefined, undefined, "de-DE"), "sv");
    assert.equal(negotiateLocale("xx", undefined, undefined), "sv");
  });
});
