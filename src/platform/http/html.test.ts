import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { html, jsonForScript, raw } from "./html.ts";

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
});
