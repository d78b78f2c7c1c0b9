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

  it("wraps the legend inside the picture when the sources do not fit on one line (a phone shows the whole chart)", () => {
    const series = ["Rapporter från invånare", "Partnerrapporter", "Polisens händelser", "Observationer från trygghetsvandringar"];
    for (const weeks of [1, 8]) {
      const svg = stackedWeekChart({
        id: "w",
        title: "t",
        description: "d",
        series,
        weeks: Array.from({ length: weeks }, (_, i) => ({ label: `v${i + 1}`, values: [1, 2, 3, 4] })),
      }).value;
      const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)![1]);
      const items = [
        ...svg.matchAll(
          /<g transform="translate\(([\d.]+),([\d.]+)\)"><rect width="12" height="12"[^>]*><\/rect><text x="18" y="11" font-size="13">([^<]+)<\/text>/g,
        ),
      ];
      assert.equal(items.length, series.length);
      for (const [, x, , text] of items) assert.ok(Number(x) + 18 + text!.length * 13 * 0.6 <= width, `${text} inside ${width} (${weeks} weeks)`);
      assert.ok(new Set(items.map((m) => m[2])).size > 1, "more than one legend row");
    }
  });
});
