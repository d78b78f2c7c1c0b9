import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { answerRows, chosenOf, paperCodes, readPaper, readWebPage, withoutHidden } from "./answers.ts";
import { DefinitionContent, findItem } from "./definition.ts";
import { generateCodes, hashCode, normaliseCode } from "./codes.ts";
import { surveyTemplate } from "./template.ts";

const c = DefinitionContent.parse(surveyTemplate());
const item = (k: string) => findItem(c, k)!;
const AREAS = [
  { id: "a1", name: "Osby tätort" },
  { id: "a2", name: "Lönsboda" },
];

describe("reading answers", () => {
  it("reads a web page: radio buttons, check boxes, numbers and skipped items", () => {
    const items = [item("omrade"), item("fortkorning"), item("avstatt_vad"), item("ar_i_omradet"), item("fritext"), item("kon")];
    const r = readWebPage(
      items,
      {
        "q.omrade": "a2",
        "q.fortkorning": "mycket_stort",
        "q.avstatt_vad": ["promenad", "annat"],
        "q.ar_i_omradet": "12",
        "q.fritext": "  Mörkt vid stationen ",
      },
      AREAS,
    );
    assert.deepEqual(r.errors, {});
    assert.deepEqual(
      r.answers.map((a) => [a.itemKey, a.options, a.num, a.text]),
      [
        ["omrade", ["a2"], null, null],
        ["fortkorning", ["mycket_stort"], null, null],
        ["avstatt_vad", ["promenad", "annat"], null, null],
        ["ar_i_omradet", [], 12, null],
        ["fritext", [], null, "Mörkt vid stationen"],
        ["kon", [], null, null],
      ],
    );
  });

  it("refuses options that do not exist, two answers to a single choice and numbers out of range", () => {
    const r = readWebPage(
      [item("fortkorning"), item("kon"), item("ar_i_omradet"), item("omrade")],
      { "q.fortkorning": "<script>", "q.kon": ["man", "kvinna"], "q.ar_i_omradet": "140", "q.omrade": "a9" },
      AREAS,
    );
    assert.deepEqual(Object.keys(r.errors).sort(), ["ar_i_omradet", "fortkorning", "kon", "omrade"]);
    assert.deepEqual(r.errors.ar_i_omradet, { key: "errorNumber", params: { min: 0, max: 99 } });
  });

  it("reads paper codes: 1…n in printed order, 9 for 'vet ej', several for multiple choice", () => {
    assert.deepEqual(
      paperCodes(item("fortkorning"), AREAS).map((x) => `${x.code}=${x.option}`),
      ["1=inget", "2=litet", "3=ganska_stort", "4=mycket_stort", "9=vet_ej"],
    );
    const r = readPaper(
      [item("omrade"), item("fortkorning"), item("avstatt"), item("avstatt_vad"), item("ar_i_omradet")],
      { "p.omrade": "2", "p.fortkorning": "9", "p.avstatt": "1", "p.avstatt_vad": "1, 3", "p.ar_i_omradet": "4,5" },
      AREAS,
    );
    assert.deepEqual(r.errors, {});
    assert.deepEqual(
      r.answers.map((a) => [a.itemKey, a.options, a.num]),
      [
        ["omrade", ["a2"], null],
        ["fortkorning", ["vet_ej"], null],
        ["avstatt", ["ja"], null],
        ["avstatt_vad", ["promenad", "noje"], null],
        ["ar_i_omradet", [], 4.5],
      ],
    );
    const bad = readPaper(
      [item("fortkorning"), item("avstatt_vad"), item("avstatt")],
      { "p.fortkorning": "5", "p.avstatt_vad": "1 1", "p.avstatt": "1 2" },
      AREAS,
    );
    assert.deepEqual(Object.keys(bad.errors).sort(), ["avstatt", "avstatt_vad", "fortkorning"]);
  });

  it("drops answers whose condition no longer holds and makes the rows to store", () => {
    const answers = [
      { itemKey: "avstatt", options: ["nej"], num: null, text: null },
      { itemKey: "avstatt_vad", options: ["promenad"], num: null, text: null },
    ];
    const kept = withoutHidden(c.items, answers, chosenOf(answers));
    assert.deepEqual(
      kept.map((a) => a.itemKey),
      ["avstatt"],
    );
    assert.deepEqual(answerRows(item("avstatt_vad"), answers[1]!), [
      { item_key: "avstatt_vad", option_key: null, value_num: 1, value_text: null },
      { item_key: "avstatt_vad", option_key: "promenad", value_num: null, value_text: null },
    ]);
    assert.deepEqual(answerRows(item("kon"), { itemKey: "kon", options: [], num: null, text: null }), []);
  });
});

describe("one-time codes", () => {
  it("are distinct, forgiving to type, and hashed per survey", () => {
    const codes = generateCodes(200);
    assert.equal(new Set(codes).size, 200);
    for (const code of codes) assert.match(code, /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const canon = normaliseCode(` ${codes[0]!.toLowerCase().replace("-", " ")} `);
    assert.equal(canon, codes[0]!.replace("-", ""));
    assert.equal(normaliseCode("ABCD-EFG0"), null, "0 is not in the alphabet");
    assert.notEqual(hashCode("s1", canon!), hashCode("s2", canon!));
    assert.equal(hashCode("s1", canon!), hashCode("s1", canon!));
  });
});
