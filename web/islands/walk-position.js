// Position picker: a map in a form where a tap sets the latitude and longitude fields named in
// the island's data (latInput, lonInput), with a button for the phone's own position. Without
// JavaScript the fields are typed; the map is only an aid. The walk's stops and route are drawn.
/* global L */
import { textLabel } from "./map-text.js";

for (const box of document.querySelectorAll("[data-position-picker]")) {
  const cfg = JSON.parse(document.getElementById(box.dataset.positionPicker)?.textContent || "{}");
  const el = box.querySelector(".map");
  const status = box.querySelector(".position-status");
  const lat = document.getElementById(cfg.latInput);
  const lon = document.getElementById(cfg.lonInput);
  if (!el || !lat || !lon || typeof L === "undefined") continue;
  const T = cfg.text || {};
  const map = L.map(el, { scrollWheelZoom: false, attributionControl: Boolean(cfg.attribution) });
  if (cfg.tileUrl) L.tileLayer(cfg.tileUrl, { attribution: cfg.attribution || "", maxZoom: 19 }).addTo(map);
  const layers = (cfg.layers || []).map((l) =>
    L.geoJSON(l.geojson, {
      style: (f) => f?.properties?.style || { color: "#003f63" },
      pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 6, color: "#003f63", weight: 2, fillOpacity: 0.5 }),
      onEachFeature: (f, layer) => f.properties?.label && layer.bindTooltip(textLabel(document, f.properties.label)),
    }),
  );
  const group = L.featureGroup(layers).addTo(map);
  if (layers.length && group.getBounds().isValid()) map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 17 });
  else map.setView([cfg.centre.lat, cfg.centre.lon], 15);
  let marker = null;
  const place = (la, lo) => {
    if (marker) marker.setLatLng([la, lo]);
    else marker = L.marker([la, lo], { keyboard: false }).addTo(map);
  };
  const set = (la, lo, message) => {
    lat.value = la.toFixed(6);
    lon.value = lo.toFixed(6);
    place(la, lo);
    if (status && message) status.textContent = message;
  };
  if (cfg.marker) place(cfg.marker.lat, cfg.marker.lon);
  map.on("click", (e) => set(e.latlng.lat, e.latlng.lng, T.chosen));
  const typed = () => {
    const la = Number(lat.value.replace(",", "."));
    const lo = Number(lon.value.replace(",", "."));
    if (lat.value && lon.value && Number.isFinite(la) && Number.isFinite(lo)) place(la, lo);
  };
  lat.addEventListener("change", typed);
  lon.addEventListener("change", typed);
  typed();
  if (navigator.geolocation && status) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = T.useMyPosition;
    button.addEventListener("click", () => {
      status.textContent = T.locating;
      navigator.geolocation.getCurrentPosition(
        (p) => set(p.coords.latitude, p.coords.longitude, T.located),
        () => {
          status.textContent = T.failed;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 },
      );
    });
    status.before(button);
  }
}
