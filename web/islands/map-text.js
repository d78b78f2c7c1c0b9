// Text for map tooltips and popups. Leaflet puts a string given to bindTooltip/bindPopup/
// setContent into the page as HTML, so text that people typed (activity titles, area names)
// would become markup. Every label therefore goes in as an element whose textContent is the
// text: never parsed, shown exactly as written.

/**
 * An element showing `text` literally.
 * @param {Document} doc
 * @param {unknown} text
 * @returns {HTMLElement}
 */
export function textLabel(doc, text) {
  const el = doc.createElement("span");
  el.textContent = text == null ? "" : String(text);
  return el;
}
