import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { groupedBarChart, stackedWeekChart } from "./charts.ts";

describe("server-rendered SVG charts", () => {
  it("has a title and a description tied to the image, and escapes every label", () => {
    const svg = groupedBarChart({
      id: "c1",
      title: "Händelser <per> kategori",
      description: "Klotter 5 & nedskräpning 3",
      series: ["Veckan", "Snitt"],
      bars: [
        { label: `<script>alert("x")</script> Åsa`, values: [5, 2.5] },
        { label: "Nedskräpning", values: [3, 0] },
      ],
    }).value;
    assert.match(svg, /<svg id="c1" role="img" aria-labelledby="c1-title c1-desc"/);
    assert.match(svg, /<title id="c1-title">Händelser &lt;per&gt; kategori<\/title>/);
    assert.match(svg, /<desc id="c1-desc">Klotter 5 &amp; nedskräpning 3<\/desc>/);
    assert.ok(!svg.includes("<script>"));
    assert.match(svg, />2,5</, "decimal comma");
    // Bars scale to the largest value (5 → the full 360 px plot, axis max 5).
    assert.match(svg, /<rect x="250" y="30" width="360"/);
  });

  it("stacks weeks by source and labels each week's total", () => {
    const svg = stackedWeekChart({
      id: "w",
      title: "t",
      description: "d",
      series: ["A", "B"],
      weeks: [
        { label: "W01", values: [3, 1] },
        { label: "W02", values: [0, 0] },
      ],
    }).value;
    assert.equal((svg.match(/<rect x="48"/g) ?? []).length, 2, "two stacked bars in the first week");
    assert.match(svg, />4<\/text><text [^>]*>W01</);
    assert.match(svg, />0<\/text><text [^>]*>W02</);
  });
});
