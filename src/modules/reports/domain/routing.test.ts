import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type RoutingRule, routeReport } from "./routing.ts";

const rules: RoutingRule[] = [
  { id: "default", category: null, area_id: null, organisation_id: "kommunen" },
  { id: "trafik", category: "trafik", area_id: null, organisation_id: "gatukontoret" },
  { id: "lonsboda", category: null, area_id: "lonsboda", organisation_id: "lonsboda-team" },
  { id: "narkotika-lonsboda", category: "narkotika", area_id: "lonsboda", organisation_id: "polisen" },
];

describe("routeReport", () => {
  it("takes the most specific rule: category and area, then category, then area, then the default", () => {
    assert.equal(routeReport(rules, { category: "narkotika", area_id: "lonsboda" })?.id, "narkotika-lonsboda");
    assert.equal(routeReport(rules, { category: "trafik", area_id: "lonsboda" })?.id, "trafik");
    assert.equal(routeReport(rules, { category: "klotter", area_id: "lonsboda" })?.id, "lonsboda");
    assert.equal(routeReport(rules, { category: "klotter", area_id: null })?.id, "default");
    assert.equal(routeReport(rules, { category: "narkotika", area_id: "osby" })?.id, "default");
  });

  it("routes nowhere without a matching rule", () => {
    assert.equal(routeReport(rules.slice(1), { category: "klotter", area_id: "osby" }), null);
    assert.equal(routeReport([], { category: "klotter", area_id: null }), null);
  });
});
