import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { municipalityAt, municipalityDisplayName } from "./municipalities.ts";

describe("municipalities", () => {
  it("finds the municipality a point lies in, from the shipped boundaries", () => {
    assert.equal(municipalityAt(56.3806, 13.9934)?.name, "Osby"); // Osby centrum
    assert.equal(municipalityAt(56.398, 14.319)?.name, "Osby"); // Lönsboda
    assert.equal(municipalityAt(56.1589, 13.7664)?.name, "Hässleholm");
    assert.equal(municipalityAt(59.3293, 18.0686)?.name, "Stockholm");
    assert.equal(municipalityDisplayName(municipalityAt(56.1589, 13.7664)!), "Hässleholms kommun");
  });
  it("says nothing for points outside Sweden or not numbers", () => {
    assert.equal(municipalityAt(55.6761, 12.5683), undefined); // Copenhagen
    assert.equal(municipalityAt(56.2, 16.8), undefined); // the Baltic, east of Öland
    assert.equal(municipalityAt(Number.NaN, 14), undefined);
    assert.equal(municipalityAt(91, 14), undefined);
  });
});
