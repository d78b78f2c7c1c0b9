// Data tables that keep the page from scrolling sideways (WCAG 1.4.10 reflow): a table wider than
// the screen scrolls inside its own region, which keyboard users can focus (and then scroll with
// the arrow keys) and screen readers announce by the table's caption. The page itself never
// scrolls sideways at 320 CSS px; the accessibility sweep checks it on every page.
import { html, type SafeHtml } from "./html.ts";

/** Wrap a `<table>` in a labelled, focusable scroll region; `label` is the table's caption text. */
export function scrollTable(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}
