import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canReopen, checkMerge, checkStatusChange, open311Status } from "./lifecycle.ts";

describe("report lifecycle", () => {
  it("needs a reason to close without action and another authority for 'not our responsibility'", () => {
    assert.equal(checkStatusChange("mottagen", { to: "avslutad", reason: "  ", authority: "" }).kind, "reasonRequired");
    assert.equal(checkStatusChange("mottagen", { to: "inte_vart_ansvar", reason: "", authority: "" }).kind, "authorityRequired");
    assert.deepEqual(checkStatusChange("under_utredning", { to: "inte_vart_ansvar", reason: "x", authority: " Trafikverket " }), {
      kind: "ok",
      reason: null,
      authority: "Trafikverket",
    });
    assert.deepEqual(checkStatusChange("mottagen", { to: "avslutad", reason: "Nattsläckning är beslutad", authority: "x" }), {
      kind: "ok",
      reason: "Nattsläckning är beslutad",
      authority: null,
    });
  });

  it("changes only open reports, never to the same status, and merges through its own form", () => {
    assert.equal(checkStatusChange("atgardad", { to: "under_utredning", reason: "", authority: "" }).kind, "closed");
    assert.equal(checkStatusChange("mottagen", { to: "mottagen", reason: "", authority: "" }).kind, "unchanged");
    assert.equal(checkStatusChange("mottagen", { to: "dubblett", reason: "", authority: "" }).kind, "notSettable");
    assert.equal(canReopen("avslutad"), true);
    assert.equal(canReopen("mottagen"), false);
  });

  it("merges into another report that is not itself a duplicate", () => {
    const a = { id: "a", status: "mottagen" as const, duplicate_of: null };
    const b = { id: "b", status: "under_utredning" as const, duplicate_of: null };
    assert.equal(checkMerge(a, b).kind, "ok");
    assert.equal(checkMerge(a, a).kind, "self");
    assert.equal(checkMerge(a, undefined).kind, "targetMissing");
    assert.equal(checkMerge(a, { id: "c", status: "dubblett", duplicate_of: "b" }).kind, "targetIsDuplicate");
    assert.equal(checkMerge({ id: "d", status: "dubblett" }, b).kind, "alreadyDuplicate");
  });

  it("maps to Open311's open and closed", () => {
    assert.equal(open311Status("under_utredning"), "open");
    for (const s of ["atgardad", "avslutad", "inte_vart_ansvar", "dubblett"] as const) assert.equal(open311Status(s), "closed");
  });
});
