// The map island (web/islands/map.js) gives Leaflet every piece of feature text as a text
// element, never as an HTML string (Leaflet parses strings as HTML). Unit level: the helper
// produces text only, and no call in the islands hands Leaflet a string.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

const ISLANDS = new URL("../../../web/islands/", import.meta.url);

/** A stand-in for document: records what was set on the created element; HTML is refused. */
function fakeDocument() {
  const made: Array<{ tag: string; text: string | null }> = [];
  return {
    made,
    createElement(tag: string) {
      const el = { tag, text: null as string | null };
      made.push(el);
      return Object.defineProperties(el, {
        textContent: {
          set(v: string) {
            el.text = v;
          },
          get() {
            return el.text;
          },
        },
        innerHTML: {
          set() {
            throw new Error("innerHTML used");
          },
        },
      });
    },
  };
}

describe("map island text", () => {
  it("puts tooltip text in as textContent, exactly as written", async () => {
    const { textLabel } = await import(new URL("map-text.js", ISLANDS).href);
    const doc = fakeDocument();
    const title = `<img src=x onerror="window.__x=1">Trafik`;
    const el = textLabel(doc, title);
    assert.equal(el.textContent, title);
    assert.deepEqual(doc.made, [{ tag: "span", text: title }]);
    assert.equal(textLabel(doc, null).textContent, "");
    assert.equal(textLabel(doc, 12).textContent, "12");
  });

  it("never hands Leaflet a string for a tooltip or popup, nor writes HTML itself", () => {
    for (const name of readdirSync(ISLANDS).filter((n) => n.endsWith(".js"))) {
      const src = readFileSync(new URL(name, ISLANDS), "utf8");
      for (const m of src.matchAll(/\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*([^,)]*)/g)) {
        assert.match(m[2]!, /^textLabel\(/, `${name}: ${m[1]}(${m[2]}…) must get textLabel(document, text)`);
      }
      assert.doesNotMatch(src, /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write/, `${name} writes HTML`);
    }
  });
});
