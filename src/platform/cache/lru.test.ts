import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ByteLru } from "./lru.ts";
import { matchesEtag, stockholmDate } from "./public-cache.ts";

const v = (bytes: number, tag = "") => ({ bytes, tag });

describe("ByteLru", () => {
  it("is bounded by bytes, evicting the least recently used first", () => {
    const lru = new ByteLru<ReturnType<typeof v>>(100);
    lru.set("a", v(40));
    lru.set("b", v(40));
    assert.ok(lru.get("a")); // a is now the most recently used
    lru.set("c", v(40)); // 120 > 100: b goes
    assert.equal(lru.get("b"), undefined);
    assert.ok(lru.get("a"));
    assert.ok(lru.get("c"));
    assert.equal(lru.bytes, 80);
    assert.equal(lru.size, 2);
  });

  it("keeps nothing larger than its whole budget, and replaces a key's value", () => {
    const lru = new ByteLru<ReturnType<typeof v>>(100);
    lru.set("a", v(30, "first"));
    lru.set("big", v(101));
    assert.equal(lru.get("big"), undefined);
    lru.set("a", v(50, "second"));
    assert.equal(lru.get("a")?.tag, "second");
    assert.equal(lru.bytes, 50);
  });

  it("drops every key with a prefix", () => {
    const lru = new ByteLru<ReturnType<typeof v>>(1000);
    lru.set("t1\u00001", v(10));
    lru.set("t1\u00002", v(10));
    lru.set("t2\u00001", v(10));
    lru.deletePrefix("t1\u0000");
    assert.equal(lru.size, 1);
    assert.equal(lru.bytes, 10);
  });

  it("with a budget of 0 keeps nothing", () => {
    const lru = new ByteLru<ReturnType<typeof v>>(0);
    lru.set("a", v(1));
    assert.equal(lru.size, 0);
  });
});

describe("matchesEtag", () => {
  it("compares weakly, in lists and with *", () => {
    assert.ok(matchesEtag('"abc"', '"abc"'));
    assert.ok(matchesEtag('W/"abc"', '"abc"'));
    assert.ok(matchesEtag('"x", "abc"', '"abc"'));
    assert.ok(matchesEtag("*", '"abc"'));
    assert.ok(!matchesEtag('"abd"', '"abc"'));
    assert.ok(!matchesEtag(undefined, '"abc"'));
  });
});

describe("stockholmDate", () => {
  it("is the calendar date in Stockholm, not in UTC", () => {
    assert.equal(stockholmDate(new Date("2026-06-30T22:30:00Z")), "2026-07-01");
    assert.equal(stockholmDate(new Date("2026-01-31T22:59:00Z")), "2026-01-31");
  });
});
