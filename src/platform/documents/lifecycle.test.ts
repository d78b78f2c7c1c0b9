import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defineLifecycle } from "./lifecycle.ts";

// A walk protocol, as the walks module might define it.
const protocol = defineLifecycle({
  states: ["utkast", "skickat", "stangt"],
  transitions: {
    send: { from: ["utkast"], to: "skickat" },
    reopen: { from: ["skickat"], to: "utkast" },
    close: { from: ["skickat"], to: "stangt" },
  },
  allows: { edit: ["utkast"], updateAction: ["skickat"] },
});

describe("defineLifecycle", () => {
  it("starts in the first status", () => {
    assert.equal(protocol.initial, "utkast");
  });

  it("answers which transitions lead where", () => {
    assert.ok(protocol.canTransition("utkast", "skickat"));
    assert.ok(protocol.canTransition("skickat", "utkast"));
    assert.ok(!protocol.canTransition("utkast", "stangt"));
    assert.ok(!protocol.canTransition("stangt", "utkast"));
    assert.equal(protocol.target("utkast", "send"), "skickat");
    assert.equal(protocol.target("stangt", "send"), null);
    assert.deepEqual(protocol.transitionsFrom("skickat"), ["reopen", "close"]);
    assert.deepEqual(protocol.transitionsFrom("stangt"), []);
  });

  it("allows actions and transitions only in their statuses", () => {
    assert.ok(protocol.statusAllows("utkast", "edit"));
    assert.ok(!protocol.statusAllows("skickat", "edit"));
    assert.ok(protocol.statusAllows("skickat", "updateAction"));
    assert.ok(protocol.statusAllows("utkast", "send"));
    assert.ok(!protocol.statusAllows("skickat", "send"));
    assert.deepEqual(protocol.statusesAllowing("close"), ["skickat"]);
    assert.deepEqual(protocol.statusesAllowing("edit"), ["utkast"]);
  });

  it("refuses a definition with an unknown status", () => {
    assert.throws(
      () =>
        defineLifecycle({
          states: ["a", "b"],
          // @ts-expect-error "c" is not a status: the type system catches it too
          transitions: { go: { from: ["a"], to: "c" } },
          allows: {},
        }),
      /okänd status "c"/,
    );
    assert.throws(
      () => defineLifecycle({ states: ["a", "b"], transitions: { go: { from: ["a"], to: "b" } }, allows: { x: ["a", "z" as "a"] } }),
      /okänd status "z"/,
    );
  });

  it("refuses a status no transition reaches, and a name used twice", () => {
    assert.throws(() => defineLifecycle({ states: ["a", "b", "c"], transitions: { go: { from: ["a"], to: "b" } }, allows: {} }), /c/);
    assert.throws(
      () => defineLifecycle({ states: ["a", "b"], transitions: { go: { from: ["a"], to: "b" } }, allows: { go: ["a"] } }),
      /både en övergång och en handling/,
    );
  });
});
