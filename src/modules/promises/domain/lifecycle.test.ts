import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  activityDateProblem,
  missingSignatories,
  numberPromises,
  ownerKeys,
  partyKey,
  pickCurrent,
  pickLatest,
  signingProblems,
  statusAllows,
} from "./lifecycle.ts";

const parties = [
  { key: "kommunen", name: "Osby kommun" },
  { key: "polisen", name: "Polisen" },
];

describe("lifecycle rules", () => {
  it("allows each action only in its statuses", () => {
    assert.ok(statusAllows("utkast", "edit"));
    assert.ok(!statusAllows("signerat", "edit"));
    assert.ok(!statusAllows("publicerat", "edit"));
    assert.ok(statusAllows("signerat", "publish"));
    assert.ok(!statusAllows("utkast", "publish"));
    assert.ok(statusAllows("publicerat", "newVersion"));
    assert.ok(statusAllows("publicerat", "logActivity"));
    assert.ok(!statusAllows("arkiverat", "logActivity"));
  });

  it("offers tillsammans only when both polisen and kommunen are parties", () => {
    assert.deepEqual(ownerKeys(parties), ["polisen", "kommunen", "tillsammans"]);
    assert.deepEqual(ownerKeys([...parties, { key: "lansforsakringar", name: "Länsförsäkringar" }]), [
      "polisen",
      "kommunen",
      "tillsammans",
      "lansforsakringar",
    ]);
    assert.deepEqual(ownerKeys([{ key: "kommunen", name: "K" }]), ["kommunen"]);
  });

  it("numbers promises in the familiar section order", () => {
    const n = numberPromises(
      [
        { id: "a", owner: "tillsammans", position: 1 },
        { id: "b", owner: "kommunen", position: 2 },
        { id: "c", owner: "polisen", position: 3 },
        { id: "d", owner: "kommunen", position: 0 },
      ],
      parties,
    );
    assert.deepEqual(
      n.map((p) => [p.id, p.number]),
      [
        ["c", 1],
        ["d", 2],
        ["b", 3],
        ["a", 4],
      ],
    );
  });

  it("requires a signatory per party, a date within the period and a place before signing", () => {
    const doc = { parties, signatories: [], signed_on: null, signing_place: null, valid_to: "2021-12-31" };
    assert.deepEqual(
      signingProblems(doc, 0).map((p) => p.code),
      ["noPromises", "missingSignatories", "missingSigningDate", "missingSigningPlace"],
    );
    const one = [{ name: "Niklas Larsson (C)", title: "kommunstyrelsens ordförande", organisation: "Osby kommun", party: "kommunen", signed_on: "2021-05-19" }];
    assert.deepEqual(
      missingSignatories(parties, one).map((p) => p.name),
      ["Polisen"],
    );
    const late = signingProblems({ ...doc, signatories: one, signed_on: "2022-01-01", signing_place: "Osby" }, 3);
    assert.deepEqual(
      late.map((p) => p.code),
      ["missingSignatories", "signingDateAfterPeriod"],
    );
    const both = [...one, { name: "Veronica Gustafsson", title: "kommunpolis", organisation: "Polisen", party: "polisen", signed_on: "2021-05-19" }];
    assert.deepEqual(signingProblems({ ...doc, signatories: both, signed_on: "2021-05-19", signing_place: "Osby" }, 8), []);
  });

  it("keeps activity dates inside the validity period and not in the future", () => {
    assert.equal(activityDateProblem("2021-05-18", "2021-05-19", "2021-12-31", "2022-01-01"), "outsidePeriod");
    assert.equal(activityDateProblem("2021-11-10", "2021-05-19", "2021-12-31", "2021-11-01"), "inFuture");
    assert.equal(activityDateProblem("2021-11-10", "2021-05-19", "2021-12-31", "2021-11-10"), null);
  });

  it("picks the current promise: published and valid today, else none (the latest is given separately)", () => {
    const docs = [
      { id: "2021", status: "uppfoljt" as const, valid_from: "2021-05-19", valid_to: "2021-12-31" },
      { id: "2022", status: "publicerat" as const, valid_from: "2022-01-01", valid_to: "2022-12-31" },
      { id: "2024", status: "publicerat" as const, valid_from: "2024-01-01", valid_to: "2024-12-31" },
      { id: "2025", status: "utkast" as const, valid_from: "2025-01-01", valid_to: "2025-12-31" },
      { id: "old", status: "arkiverat" as const, valid_from: "2026-01-01", valid_to: "2026-12-31" },
    ];
    assert.equal(pickCurrent(docs, "2022-06-01")?.id, "2022");
    assert.equal(pickCurrent(docs, "2023-06-01"), null, "2022 has ended and 2024 has not begun");
    assert.equal(pickCurrent(docs, "2026-12-07"), null, "2024 has ended: it is the latest, not the current one");
    assert.equal(pickLatest(docs)?.id, "2024");
    assert.equal(pickCurrent(docs, "2021-06-01")?.id, "2021");
    assert.equal(pickCurrent([], "2021-06-01"), null);
  });

  it("derives party keys from names", () => {
    assert.equal(partyKey("Länsförsäkringar Göinge-Kristianstad"), "lansforsakringar-goinge-kristianstad");
    assert.equal(partyKey("Polisen"), "polisen-2");
    assert.equal(partyKey("Å"), "part-a");
  });
});
