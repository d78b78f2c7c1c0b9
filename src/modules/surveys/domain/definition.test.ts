import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DefinitionContent, dirOf, localise, shownItems, shownPages, translatableTexts, translationCoverage, withTranslation } from "./definition.ts";
import { surveyTemplate } from "./template.ts";
import { UI_KEYS, uiText } from "./ui-texts.ts";

const template = DefinitionContent.parse(surveyTemplate());

function issues(content: unknown): string[] {
  const r = DefinitionContent.safeParse(content);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("survey definitions", () => {
  it("accepts the template: the police's local themes with Swedish and English texts", () => {
    assert.deepEqual(issues(surveyTemplate()), []);
    const themes = new Set(template.items.map((i) => i.theme));
    for (const t of ["problem", "otrygghet", "avstatt", "oro", "utsatthet", "polisen"]) assert.ok(themes.has(t as never), t);
    for (const { path, text } of translatableTexts(template)) assert.ok(text.sv && text.en, `${path} saknar svensk eller engelsk text`);
    const types = new Set(template.items.map((i) => i.type));
    for (const t of ["scale", "multi", "yesno", "text", "number", "area", "choice"]) assert.ok(types.has(t as never), t);
  });

  it("refuses broken structure with the path of each problem", () => {
    const base = surveyTemplate();
    const dupKey = { ...base, items: [...base.items, { ...base.items[4]! }] };
    assert.ok(issues(dupKey).some((m) => m.endsWith("surveys.error.duplicateItemKey")));
    const laterCondition = {
      ...base,
      items: base.items.map((i) => (i.key === "avstatt_vad" ? { ...i, page: 3 } : i)),
    };
    assert.ok(issues(laterCondition).some((m) => m.includes("condition: surveys.error.conditionLaterPage")));
    const badMeasure = { ...base, items: base.items.map((i) => (i.key === "fortkorning" ? { ...i, measure: { kind: "problem", options: ["vet_ej"] } } : i)) };
    assert.ok(
      issues(badMeasure).some((m) => m.includes("measure: surveys.error.measureOptions")),
      "vet ej cannot be a measured option",
    );
    const oneOption = { ...base, items: base.items.map((i) => (i.key === "kon" ? { ...i, options: i.options.slice(0, 1) } : i)) };
    assert.ok(issues(oneOption).some((m) => m.includes("options: surveys.error.tooFewOptions")));
    const noSv = { ...base, intro: { sv: "", en: "x" } };
    assert.ok(issues(noSv).some((m) => m.includes("intro.sv: surveys.error.svTextRequired")));
    const numberWithoutBounds = { ...base, items: base.items.map((i) => (i.key === "ar_i_omradet" ? { ...i, max: undefined } : i)) };
    assert.ok(issues(numberWithoutBounds).some((m) => m.includes("surveys.error.numberBounds")));
  });

  it("shows an item only when its condition on an earlier page is met, and skips empty pages", () => {
    const none = new Map<string, string[]>();
    assert.ok(!shownItems(template, 4, none).some((i) => i.key === "avstatt_vad"));
    const yes = new Map([["avstatt", ["ja"]]]);
    assert.ok(shownItems(template, 4, yes).some((i) => i.key === "avstatt_vad"));
    const onlyConditional = { ...template, items: template.items.map((i) => (i.page === 4 && i.key !== "avstatt_vad" ? { ...i, page: 5 } : i)) };
    assert.ok(!shownPages(onlyConditional, none).includes(4));
    assert.ok(shownPages(onlyConditional, yes).includes(4));
  });

  it("falls back to Swedish visibly when a translation is missing, never to a key", () => {
    assert.deepEqual(localise({ sv: "Nästa", ar: "التالي" }, "ar"), { text: "التالي", lang: "ar", fallback: false });
    assert.deepEqual(localise({ sv: "Nästa" }, "so"), { text: "Nästa", lang: "sv", fallback: true });
    assert.deepEqual(localise({ sv: "Nästa" }, "sv"), { text: "Nästa", lang: "sv", fallback: false });
    const catalog = (lang: "sv" | "en", key: string) => `${lang}:${key}`;
    assert.deepEqual(uiText(template, "fa", "next", catalog), { text: "sv:surveys.answer.next", lang: "sv", fallback: true });
    const translated = { ...template, ui: { next: { fa: "بعدی" } } };
    assert.deepEqual(uiText(translated, "fa", "next", catalog), { text: "بعدی", lang: "fa", fallback: false });
    assert.deepEqual(uiText(translated, "en", "next", catalog), { text: "en:surveys.answer.next", lang: "en", fallback: false });
    assert.equal(dirOf("ar"), "rtl");
    assert.equal(dirOf("fa"), "rtl");
    assert.equal(dirOf("so"), "ltr");
  });

  it("stores translations by path and counts how complete a language is", () => {
    const before = translationCoverage(template, "ar", UI_KEYS);
    assert.equal(before.done, 0);
    const next = withTranslation(template, "items.fortkorning.text", "ar", "سيارات تسير بسرعة زائدة");
    assert.equal(next.items.find((i) => i.key === "fortkorning")!.text.ar, "سيارات تسير بسرعة زائدة");
    const opt = withTranslation(next, "items.fortkorning.options.vet_ej", "ar", "لا أعرف");
    assert.equal(opt.items.find((i) => i.key === "fortkorning")!.options.find((o) => o.key === "vet_ej")!.text.ar, "لا أعرف");
    assert.equal(translationCoverage(opt, "ar", UI_KEYS).done, 2);
    const removed = withTranslation(opt, "items.fortkorning.text", "ar", "  ");
    assert.equal(removed.items.find((i) => i.key === "fortkorning")!.text.ar, undefined);
    assert.equal(translationCoverage(template, "en", UI_KEYS).done, translationCoverage(template, "en", UI_KEYS).total, "the template ships English");
  });
});
