import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseW3Date, renderErrors, toJson, toXml, w3Date } from "./open311-format.ts";

describe("Open311 documents", () => {
  it("writes list roots with one element per item, as the spec's examples", () => {
    const xml = toXml("services", [
      { service_code: "belysning", service_name: "Mörk plats & <belysning>", metadata: true, type: "realtime", keywords: "", group: "miljo" },
    ]);
    assert.equal(
      xml,
      `<?xml version="1.0" encoding="utf-8"?>
<services>
  <service>
    <service_code>belysning</service_code>
    <service_name>Mörk plats &amp; &lt;belysning&gt;</service_name>
    <metadata>true</metadata>
    <type>realtime</type>
    <keywords/>
    <group>miljo</group>
  </service>
</services>
`,
    );
  });

  it("nests lists (attributes → attribute → values → value) and writes null as an empty element", () => {
    const doc = { service_code: "x", attributes: [{ code: "tider", datatype_description: null, values: [{ key: "dag", name: "Dag" }] }] };
    const xml = toXml("service_definition", doc);
    assert.match(xml, /<attributes>\n {4}<attribute>\n {6}<code>tider<\/code>\n {6}<datatype_description\/>\n {6}<values>\n {8}<value>\n {10}<key>dag<\/key>/);
    assert.equal(toJson(doc), '{"service_code":"x","attributes":[{"code":"tider","datatype_description":null,"values":[{"key":"dag","name":"Dag"}]}]}');
  });

  it("writes the spec's error format in both formats", () => {
    const xml = renderErrors("xml", [{ code: 403, description: "api_key saknas" }]);
    assert.equal(xml.type, "text/xml; charset=utf-8");
    assert.equal(
      xml.body,
      `<?xml version="1.0" encoding="utf-8"?>\n<errors>\n  <error>\n    <code>403</code>\n    <description>api_key saknas</description>\n  </error>\n</errors>\n`,
    );
    const json = renderErrors("json", [{ code: 403, description: "api_key saknas" }]);
    assert.equal(json.type, "application/json; charset=utf-8");
    assert.deepEqual(JSON.parse(json.body), [{ code: 403, description: "api_key saknas" }]);
  });

  it("removes characters XML cannot carry", () => {
    assert.equal(toXml("description", "a\u0000b\u0007c"), `<?xml version="1.0" encoding="utf-8"?>\n<description>abc</description>\n`);
  });

  it("reads and writes W3C date-times with a zone", () => {
    assert.equal(w3Date(new Date("2026-05-02T12:03:04.567Z")), "2026-05-02T12:03:04Z");
    assert.equal(parseW3Date("2010-01-01T00:00:00Z")?.toISOString(), "2010-01-01T00:00:00.000Z");
    assert.equal(parseW3Date("2010-01-01T02:00:00+02:00")?.toISOString(), "2010-01-01T00:00:00.000Z");
    assert.equal(parseW3Date("2010-01-01"), null);
    assert.equal(parseW3Date("2010-01-01T00:00:00"), null, "a zone is required");
    assert.equal(parseW3Date("2010-13-45T00:00:00Z"), null);
  });
});
