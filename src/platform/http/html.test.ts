import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { content } from "../i18n/content.ts";
import { html, jsonForScript, mixed, raw, sv } from "./html.ts";

describe("html", () => {
  it("escapes every interpolated value", () => {
    const name = `<script>alert("å")</script> & 'x'`;
    assert.equal(
      html`<p title="${name}">${name}</p>`.value,
      `<p title="&lt;script&gt;alert(&quot;å&quot;)&lt;/script&gt; &amp; &#39;x&#39;">&lt;script&gt;alert(&quot;å&quot;)&lt;/script&gt; &amp; &#39;x&#39;</p>`,
    );
  });
  it("keeps SafeHtml, joins arrays, drops null/false", () => {
    assert.equal(
      html`<ul>${["a", "<b>"].map((x) => html`<li>${x}</li>`)}</ul>${null}${false}${raw("<hr>")}`.value,
      "<ul><li>a</li><li>&lt;b&gt;</li></ul><hr>",
    );
  });
  it("makes JSON safe inside a script element", () => {
    assert.equal(jsonForScript({ a: "</script><b>&" }).value, '{"a":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}');
  });
  it("marks Swedish content on pages in another language", () => {
    assert.equal(sv({ locale: "en" }, "Lönsboda <centrum>").value, '<span lang="sv">Lönsboda &lt;centrum&gt;</span>');
    assert.equal(sv({ locale: "sv" }, "Lönsboda <centrum>").value, "Lönsboda &lt;centrum&gt;");
    assert.equal(sv({ locale: "en" }, "").value, "");
    assert.equal(sv({ locale: "en" }, null).value, "");
  });
  it("marks the content inside a translated sentence", () => {
    const s = `at least 2 ${content("riktade <trafikkontroller>")} per month`;
    assert.equal(mixed({ locale: "en" }, s).value, 'at least 2 <span lang="sv">riktade &lt;trafikkontroller&gt;</span> per month');
    assert.equal(mixed({ locale: "sv" }, s).value, "at least 2 riktade &lt;trafikkontroller&gt; per month");
  });
});
