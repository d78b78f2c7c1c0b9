import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { incidentLayer } from "./incident-layer.ts";

const at = (lat: number, lon: number, category: string, personRelated: boolean, label = category) => ({ lat, lon, category, personRelated, label });
const opts = { cellSize: 250, minCount: 3, cellLabel: (c: string, n: number) => `${c}: ${n}` };

describe("incident layer (the shared map under the privacy rule)", () => {
  it("shows place-type incidents as points and person-related ones only as counted cells", () => {
    const incidents = [
      at(56.3806, 13.9934, "belysning", false, "Trasig lampa <b>x</b>"),
      at(56.3806, 13.9934, "narkotika", true),
      at(56.38061, 13.99341, "narkotika", true),
      at(56.38062, 13.99339, "narkotika", true),
      at(56.398, 14.319, "narkotika", true),
    ];
    const layer = incidentLayer(incidents, opts);
    assert.deepEqual(
      layer.points.map((p) => p.category),
      ["belysning"],
    );
    assert.equal(layer.cells.length, 1);
    assert.equal(layer.cells[0]!.count, 3);
    assert.equal(layer.suppressed, 1, "the lone incident in Lönsboda is in no output");
    const geometries = layer.geojson.features.map((f) => (f.geometry as { type: string }).type);
    assert.deepEqual(geometries, ["Point", "Polygon"]);
    const json = JSON.stringify(layer.geojson);
    assert.ok(!json.includes("14.319"), "no coordinate of a suppressed incident");
    assert.ok(!json.includes("56.38061"), "no exact position of a person-related incident");
    assert.equal((layer.geojson.features[0]!.properties as { label: string }).label, "Trasig lampa <b>x</b>", "labels are data; the island shows them as text");
  });

  it("lets staff see every point when asked", () => {
    const layer = incidentLayer([at(56.38, 13.99, "narkotika", true)], { ...opts, showAllPoints: true });
    assert.equal(layer.points.length, 1);
    assert.equal(layer.cells.length, 0);
  });
});
