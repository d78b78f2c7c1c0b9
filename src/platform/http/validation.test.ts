import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { installMessages } from "../i18n/i18n.ts";
import { validateBilingual } from "./validation.ts";

describe("bilingual validation", () => {
  it("gives each field a Swedish and an English message", () => {
    const schema = z.object({ title: z.string().min(3), email: z.email(), n: z.number().max(5) });
    const r = validateBilingual(schema, { title: "x", email: "nej", n: 9 });
    assert.equal(r.ok, false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.issues.map((i) => [i.field, i]));
    assert.equal(byField.title?.message, "Skriv minst 3 tecken.");
    assert.equal(byField.title?.message_en, "Write at least 3 characters.");
    assert.equal(byField.email?.message, "Ange en giltig e-postadress.");
    assert.equal(byField.n?.message_en, "The value must be at most 5.");
  });
  it("reports missing fields as required", () => {
    const r = validateBilingual(z.object({ a: z.string() }), {});
    assert.ok(!r.ok && r.issues[0]?.message === "Fältet är obligatoriskt." && r.issues[0]?.message_en === "This field is required.");
  });
  it("translates catalog keys used as custom messages", () => {
    installMessages([{ sv: { "test.slug": "Kortnamnet får bara innehålla a–z." }, en: { "test.slug": "The short name may only contain a–z." } }]);
    const r = validateBilingual(z.object({ s: z.string().regex(/^[a-z]+$/, "test.slug") }), { s: "Å" });
    assert.ok(!r.ok);
    if (r.ok) return;
    assert.match(r.issues[0]!.message, /Kortnamnet får bara/);
    assert.match(r.issues[0]!.message_en, /The short name may only/);
  });
});
