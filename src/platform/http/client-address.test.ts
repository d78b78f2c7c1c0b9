import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientKey } from "./client-address.ts";

describe("clientKey", () => {
  it("keeps IPv4 and unwraps IPv4-mapped IPv6", () => {
    assert.equal(clientKey("192.0.2.7"), "192.0.2.7");
    assert.equal(clientKey("::ffff:192.0.2.7"), "192.0.2.7");
    assert.equal(clientKey("127.0.0.1"), "127.0.0.1");
  });

  it("counts IPv6 by its /64, however it is written", () => {
    assert.equal(clientKey("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
    assert.equal(clientKey("2001:db8:1:2::99"), "2001:db8:1:2::/64");
    assert.equal(clientKey("2001:0DB8:0001:0002:ffff:0:0:1"), "2001:db8:1:2::/64");
    assert.equal(clientKey("2001:db8::1"), "2001:db8:0:0::/64");
    assert.equal(clientKey("::1"), "0:0:0:0::/64");
    assert.equal(clientKey("fe80::1%eth0"), "fe80:0:0:0::/64");
  });
});
