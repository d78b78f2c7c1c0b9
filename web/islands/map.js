// Map island: draws the boundary, areas, named places (small labelled dots) and any extra GeoJSON
// layers described by the JSON in the element named by data-map-source. Works offline (no tiles
// unless a tile URL is set); the page always carries a table with the same information, so the
// map is an enhancement. With `fit: "layers"` the view fits the data layers (the cells), not the
// whole boundary.
// Feature text (names, titles) is always given to Leaflet as a text element (map-text.js),
// never as an HTML string.
/* global L */
import { textLabel } from "./map-text.js";

for (const el of document.querySelectorAll("[data-map-source]")) {
  const source = document.getElementById(el.dataset.mapSource);
  if (!source || typeof L === "undefined") continue;
  const data = JSON.parse(source.textContent || "{}");
  const map = L.map(el, { scrollWheelZoom: false, attributionControl: Boolean(data.attribution) });
  if (data.tileUrl) L.tileLayer(data.tileUrl, { attribution: data.attribution || "", maxZoom: 18 }).addTo(map);
  const layers = [];
  if (data.boundary) layers.push(L.geoJSON(data.boundary, { style: { color: "#003f63", weight: 3, fillOpacity: 0.05 } }));
  for (const area of data.areas || []) {
    if (!area.geometry) continue;
    layers.push(
      L.geoJSON(area.geometry, { style: { color: "#7a4b00", weight: 2, dashArray: "6 4", fillOpacity: 0.08 } }).bindTooltip(textLabel(document, area.name)),
    );
  }
  for (const place of data.places || []) {
    layers.push(
      L.circleMarker([place.lat, place.lon], { radius: 3, color: "#1b1b1b", weight: 1, fillColor: "#ffffff", fillOpacity: 1, interactive: false }).bindTooltip(
        textLabel(document, place.name),
        { permanent: true, direction: "right", offset: [4, 0], className: "map-place-label" },
      ),
    );
  }
  const dataStart = layers.length;
  for (const layer of data.layers || []) {
    layers.push(
      L.geoJSON(layer.geojson, {
        style: (f) => f?.properties?.style || layer.style || { color: "#a4161a" },
        pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 7, color: "#a4161a", weight: 2, fillOpacity: 0.6 }),
        onEachFeature: (f, l) => f.properties?.label && l.bindTooltip(textLabel(document, f.properties.label)),
      }),
    );
  }
  const group = L.featureGroup(layers).addTo(map);
  if (data.fit === "layers" && layers.length > dataStart)
    map.fitBounds(L.featureGroup(layers.slice(dataStart)).getBounds(), { padding: [10, 10], maxZoom: 15 });
  else if (layers.length) map.fitBounds(group.getBounds(), { padding: [10, 10] });
  else map.setView([62, 16], 4);
  // The map container is not keyboard-operable in a useful way beyond Leaflet's own controls;
  // the table after the map carries the same information.
}
