import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allCatalogs, formatDate, formatNumber, installMessages, negotiateLocale, translator } from "./i18n.ts";

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
  it("keeps one formatter per locale and option set (the same output as a new one)", () => {
    assert.equal(formatNumber(1.2345, "sv"), "1");
    assert.equal(formatNumber(1.2345, "sv", 2), "1,23");
    assert.equal(formatNumber(1.2345, "en", 2), "1.23");
    assert.equal(formatNumber(1.2345, "sv"), "1");
    const at = new Date("2024-06-01T20:15:00Z");
    assert.equal(formatDate(at, "sv"), "1 juni 2024");
    assert.equal(formatDate(at, "sv", true), "1 juni 2024 kl. 22:15");
    assert.equal(formatDate(at, "en"), "1 June 2024");
    assert.equal(formatDate("2024-12-31", "sv"), "31 december 2024");
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
