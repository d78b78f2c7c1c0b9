import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDatabaseUnavailable } from "./unavailable.ts";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("knows the server going away, starting up, out of connections, and sockets that fail", () => {
    for (const e of [
      withCode("terminating connection due to administrator command", "57P01"),
      withCode("terminating connection due to unexpected postmaster exit", "57P02"),
      withCode("the database system is starting up", "57P03"),
      withCode("sorry, too many clients already", "53300"),
      withCode("connection failure", "08006"),
      withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
      new Error("Connection terminated unexpectedly"),
      new Error("timeout exceeded when trying to connect"),
      new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED"), withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")]),
    ]) {
      assert.equal(isDatabaseUnavailable(e), true, e.message);
    }
  });

  it("leaves bugs and bad data as they are (those stay 500 or their own answer)", () => {
    for (const e of [
      withCode('duplicate key value violates unique constraint "x"', "23505"),
      withCode("invalid byte sequence for encoding UTF8: 0x00", "22021"),
      withCode("syntax error at or near", "42601"),
      withCode("0800", "0800"),
      new TypeError("Cannot read properties of undefined"),
      new Error("Connection terminated unexpectedly, and more"),
      new AggregateError([]),
    ]) {
      assert.equal(isDatabaseUnavailable(e), false, e.message);
    }
    assert.equal(isDatabaseUnavailable("ECONNREFUSED"), false);
  });
});
