import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deriveSecret, displayRef, hashSecret, looksLikeSecret, newApiKey, newRef, normaliseRef } from "./codes.ts";

describe("codes", () => {
  it("makes references of 8 Crockford characters that survive being read aloud", () => {
    const refs = new Set(Array.from({ length: 2000 }, () => newRef()));
    assert.ok(refs.size > 1990, "random, not counted");
    for (const r of refs) assert.match(r, /^[0-9A-HJKMNP-TV-Z]{8}$/);
    assert.equal(displayRef("K7M2QX4A"), "K7M2-QX4A");
    assert.equal(normaliseRef("k7m2-qx4a"), "K7M2QX4A");
    assert.equal(normaliseRef(" K7M2 QX4A "), "K7M2QX4A");
    assert.equal(normaliseRef("0SBYI2L3"), "0SBY1213", "I and L read as 1, O as 0");
    assert.equal(normaliseRef("K7M2QX4"), null);
    assert.equal(normaliseRef("K7M2QX4U"), null, "U is not a Crockford digit");
  });

  it("derives link secrets from the server's secret and their purpose, stored only as hashes", () => {
    const a = deriveSecret("server-secret-a".repeat(3), "follow:1");
    assert.ok(looksLikeSecret(a));
    assert.equal(a, deriveSecret("server-secret-a".repeat(3), "follow:1"));
    assert.notEqual(a, deriveSecret("server-secret-a".repeat(3), "follow:2"));
    assert.notEqual(a, deriveSecret("server-secret-b".repeat(3), "follow:1"));
    assert.match(hashSecret(a), /^[0-9a-f]{64}$/);
    assert.equal(looksLikeSecret("kort"), false);
  });

  it("issues API keys with a recognisable prefix and 160 random bits", () => {
    const k = newApiKey();
    assert.match(k.key, /^trygg_[0-9a-hjkmnp-tv-z]{32}$/);
    assert.equal(k.prefix, k.key.slice(0, 12));
    assert.equal(k.hash, hashSecret(k.key));
  });
});
