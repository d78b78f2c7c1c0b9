import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actionChangeProblem, hasPublicProtocol, isPublicStatus, walkLifecycle } from "./lifecycle.ts";
import { draftProblems } from "./observation.ts";

describe("walk lifecycle", () => {
  it("goes from plan to invitation, walk, protocol and closing meeting", () => {
    assert.equal(walkLifecycle.initial, "utkast");
    assert.equal(walkLifecycle.target("utkast", "publish"), "inbjudan");
    assert.equal(walkLifecycle.target("inbjudan", "hold"), "genomford");
    assert.equal(walkLifecycle.target("genomford", "publishProtocol"), "protokoll");
    assert.equal(walkLifecycle.target("protokoll", "close"), "avslutad");
    assert.equal(walkLifecycle.target("genomford", "cancel"), null, "a walk that was held cannot be cancelled");
  });

  it("captures only around the walk and lets owners act only on a published protocol", () => {
    assert.deepEqual(walkLifecycle.statusesAllowing("capture"), ["inbjudan", "genomford"]);
    assert.ok(!walkLifecycle.statusAllows("genomford", "ownerUpdate"));
    assert.ok(walkLifecycle.statusAllows("avslutad", "ownerUpdate"));
    assert.ok(!walkLifecycle.statusAllows("protokoll", "edit"), "the plan is fixed once the walk was held");
  });

  it("shows drafts to nobody and the protocol only once published", () => {
    assert.ok(!isPublicStatus("utkast"));
    assert.ok(isPublicStatus("installd"));
    assert.ok(!hasPublicProtocol("genomford"));
    assert.ok(hasPublicProtocol("avslutad"));
  });
});

describe("action and observation rules", () => {
  it("refuses to close an action without a feedback text", () => {
    assert.equal(actionChangeProblem("atgardad", ""), "feedbackRequired");
    assert.equal(actionChangeProblem("avslagen", "  ok "), "feedbackRequired");
    assert.equal(actionChangeProblem("avslagen", "Marken ägs av Trafikverket, som har fått ärendet."), null);
    assert.equal(actionChangeProblem("planerad", ""), null);
  });

  it("keeps an observation without position or category as a draft", () => {
    assert.deepEqual(draftProblems({ lat: null, lon: null, category: null }), ["position", "category"]);
    assert.deepEqual(draftProblems({ lat: 56.4, lon: 14.3, category: null }), ["category"]);
    assert.deepEqual(draftProblems({ lat: 56.4, lon: 14.3, category: "belysning" }), []);
  });
});
