import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { certainFindings, identityNumberKind, luhnValid, markFindings, screenFields, screenText } from "./screen.ts";

const kinds = (text: string, opts = {}) => screenText(text, opts).map((f) => `${f.kind}:${f.text}`);

describe("personal-data screening", () => {
  it("checks the Luhn digit and the date of identity numbers", () => {
    assert.ok(luhnValid("8112189876"));
    assert.ok(!luhnValid("8112189875"));
    assert.equal(identityNumberKind("8112189876"), "personnummer");
    assert.equal(identityNumberKind("198112189876"), "personnummer");
    assert.equal(identityNumberKind("7010632540"), "samordningsnummer"); // day 63 = 3 + 60
    assert.equal(identityNumberKind("8113189876"), null); // month 13 (and the Luhn digit no longer fits)
    assert.equal(identityNumberKind("0001011238"), "personnummer");
    assert.equal(identityNumberKind("1234"), null);
  });

  it("finds personnummer with and without century and separator, and samordningsnummer", () => {
    for (const written of ["811218-9876", "8112189876", "19811218-9876", "198112189876", "811218+9876", "811218 9876", "19811218 - 9876"]) {
      assert.deepEqual(
        screenText(`Han heter inget men har nummer ${written} enligt lappen.`).map((f) => f.kind),
        ["personnummer"],
        written,
      );
    }
    assert.deepEqual(kinds("Samordningsnummer 701063-2540."), ["samordningsnummer:701063-2540"]);
  });

  it("does not take other numbers for identity numbers", () => {
    assert.deepEqual(kinds("Mellan 2021-11-10 och 2022-05-19 hölls 12345 kontroller på väg 1234."), []);
    assert.deepEqual(kinds("Fakturanummer 8112189875 och order 123456789012."), []);
    assert.deepEqual(kinds("Koordinat 6251234.5 / 431234.8"), []);
  });

  it("finds Swedish phone numbers in common forms", () => {
    for (const written of [
      "070-123 45 67",
      "0701234567",
      "+46 70 123 45 67",
      "+46701234567",
      "0046 70 123 45 67",
      "08-123 456 78",
      "0479-123 45",
      "070 123 45 67",
    ]) {
      assert.deepEqual(
        screenText(`Ring ${written} om det händer igen.`).map((f) => f.kind),
        ["telefon"],
        written,
      );
    }
    assert.deepEqual(kinds("Det hände kl 22.30 och pågick till 23.15, ca 15 personer."), []);
  });

  it("finds e-mail addresses", () => {
    assert.deepEqual(kinds("Skriv till anna.svensson@example.se eller Kalle_99@post.example.com."), [
      "epost:anna.svensson@example.se",
      "epost:Kalle_99@post.example.com",
    ]);
  });

  it("guesses person names: first name and surname, a first name alone, a surname in a sentence", () => {
    assert.deepEqual(kinds("Det var Anna Svensson som klottrade."), ["namn:Anna Svensson"]);
    assert.deepEqual(kinds("Grannen Per-Olof Lindqvist spelar hög musik."), ["namn:Per-Olof Lindqvist"]);
    assert.deepEqual(kinds("Jag såg att Mohammed och Kalle bråkade."), ["namn:Mohammed", "namn:Kalle"]);
    assert.deepEqual(kinds("Det är hos Karlsson på hörnet."), ["namn:Karlsson"]);
    assert.deepEqual(kinds("Det är grannen Lindqvist igen."), ["namn:Lindqvist"]);
    assert.deepEqual(kinds("Det är vid Lindqvists kiosk i Killeberg."), []);
    for (const f of screenText("Det var Anna Svensson.")) assert.equal(f.certain, false);
  });

  it("does not take ordinary words, sentence starts or place names for names", () => {
    assert.deepEqual(kinds("Belysningen är trasig 5 meter per stolpe, bo gärna inte här."), []);
    assert.deepEqual(kinds("Björn och sten på vägen. Per timme passerar 40 bilar."), []);
    assert.deepEqual(kinds("Mörkt vid stationen i Hässleholm och på torget i Killeberg."), []);
    assert.deepEqual(kinds("Otryggt vid Lönsboda centrum.", { ignoreWords: ["Lönsboda"] }), []);
    assert.deepEqual(kinds("Skadegörelse i Osby och Östra Göinge."), []);
  });

  it("lets the writer confirm that a guessed name is not a person, but never an identity number", () => {
    const text = "Sten Sture-statyn vid Anna Lindhs plats är klottrad, ring 070-123 45 67.";
    const all = screenText(text);
    assert.ok(all.some((f) => f.kind === "namn"));
    const confirmed = screenText(text, { confirmedNotNames: all.filter((f) => f.kind === "namn").map((f) => f.text) });
    assert.deepEqual(
      confirmed.map((f) => f.kind),
      ["telefon"],
    );
    assert.deepEqual(
      certainFindings(all).map((f) => f.kind),
      ["telefon"],
    );
  });

  it("screens several fields and marks the findings in the text", () => {
    const r = screenFields({ title: "Trasig lampa", description: "Ring mig på 0701234567", empty: "" });
    assert.deepEqual(Object.keys(r), ["description"]);
    const parts = markFindings("Ring mig på 0701234567 i kväll", r.description!);
    assert.deepEqual(
      parts.map((p) => [p.text, p.finding?.kind ?? null]),
      [
        ["Ring mig på ", null],
        ["0701234567", "telefon"],
        [" i kväll", null],
      ],
    );
  });

  it("handles long and hostile input without trouble", () => {
    const long = `${"a1 ".repeat(50_000)}811218-9876`;
    assert.equal(screenText(long).at(-1)?.kind, "personnummer");
    assert.deepEqual(screenText(""), []);
    assert.deepEqual(kinds("<script>alert('Anna Svensson')</script>"), ["namn:Anna Svensson"]);
  });
});
