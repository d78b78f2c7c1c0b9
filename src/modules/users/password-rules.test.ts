import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkNewPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules.ts";

describe("new password rules", () => {
  it("needs at least 10 characters, counted as characters not bytes", () => {
    assert.equal(MIN_PASSWORD_LENGTH, 10);
    assert.deepEqual(checkNewPassword("123456789", "123456789"), ["tooShort"]);
    assert.deepEqual(checkNewPassword("1234567890", "1234567890"), []);
    assert.deepEqual(checkNewPassword("åäöåäöåäöå", "åäöåäöåäöå"), [], "ten Swedish letters are ten characters");
    assert.deepEqual(checkNewPassword("åäöåäöåäö", "åäöåäöåäö"), ["tooShort"], "nine are too few, though 18 bytes");
    assert.deepEqual(checkNewPassword("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂"), []);
  });

  it("caps the length so hashing stays cheap", () => {
    const long = "x".repeat(MAX_PASSWORD_LENGTH + 1);
    assert.deepEqual(checkNewPassword(long, long), ["tooLong"]);
    const max = "x".repeat(MAX_PASSWORD_LENGTH);
    assert.deepEqual(checkNewPassword(max, max), []);
  });

  it("wants the same password twice", () => {
    assert.deepEqual(checkNewPassword("en lång fras här", "en lång fras där"), ["mismatch"]);
    assert.deepEqual(checkNewPassword("kort", "annat"), ["tooShort", "mismatch"]);
  });

  it("refuses the e-mail address as password", () => {
    assert.deepEqual(checkNewPassword("Anna.Andersson@osby.se", "Anna.Andersson@osby.se", "anna.andersson@osby.se"), ["sameAsEmail"]);
    assert.deepEqual(checkNewPassword("anna.andersson@osby.se!", "anna.andersson@osby.se!", "anna.andersson@osby.se"), []);
  });
});
