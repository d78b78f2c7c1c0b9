// Point picker island: a map where a tap or click sets a position into the form's latitude and
// longitude fields (#f-lat, #f-lon), a marker that follows those fields and the named place
// chosen in #f-place_id, and a "use my position" button (shown only where the browser can tell
// the position). Without JavaScript, or without a usable map, the form works as it is: choose a
// named place or type the coordinates. The map's data is the JSON in the element named by
// data-pick-source: { boundary, places: [{ id, name, lat, lon }], tileUrl, attribution }.
/* global L */
import { textLabel } from "./map-text.js";

for (const el of document.querySelectorAll("[data-pick-source]")) {
  const source = document.getElementById(el.dataset.pickSource);
  const lat = document.getElementById("f-lat");
  const lon = document.getElementById("f-lon");
  const place = document.getElementById("f-place_id");
  if (!source || !lat || !lon || typeof L === "undefined") continue;
  const data = JSON.parse(source.textContent || "{}");
  const map = L.map(el, { scrollWheelZoom: false, attributionControl: Boolean(data.attribution) });
  if (data.tileUrl) L.tileLayer(data.tileUrl, { attribution: data.attribution || "", maxZoom: 19 }).addTo(map);
  // The layers are made first and added once the map has its view (Leaflet cannot draw a
  // polygon on a map without one).
  const layers = [];
  if (data.boundary) layers.push(L.geoJSON(data.boundary, { style: { color: "#003f63", weight: 2, fillOpacity: 0.03 } }));
  const byId = new Map();
  for (const p of data.places || []) {
    byId.set(p.id, p);
    const m = L.circleMarker([p.lat, p.lon], { radius: 5, color: "#5b2a86", weight: 2, fillOpacity: 0.4 });
    m.bindTooltip(textLabel(document, p.name));
    layers.push(m);
  }
  let marker = null;
  // An empty field is no coordinate (Number("") would be 0).
  const number = (input) => {
    const text = String(input.value).trim().replace(",", ".");
    return text === "" ? Number.NaN : Number(text);
  };
  const show = (la, lo, zoom) => {
    if (!Number.isFinite(la) || !Number.isFinite(lo)) return;
    if (!marker) marker = L.marker([la, lo], { keyboard: false }).addTo(map);
    else marker.setLatLng([la, lo]);
    if (zoom) map.setView([la, lo], Math.max(map.getZoom() || 0, 15));
  };
  const set = (la, lo) => {
    lat.value = la.toFixed(6);
    lon.value = lo.toFixed(6);
    show(la, lo, false);
  };
  map.on("click", (e) => set(e.latlng.lat, e.latlng.lng));
  for (const input of [lat, lon]) input.addEventListener("change", () => show(number(lat), number(lon), true));
  if (place)
    place.addEventListener("change", () => {
      const p = byId.get(place.value);
      if (p && !lat.value && !lon.value) show(p.lat, p.lon, true);
    });
  const group = L.featureGroup(layers);
  if (layers.length) map.fitBounds(group.getBounds(), { padding: [10, 10] });
  else map.setView([62, 16], 4);
  group.addTo(map);
  show(number(lat), number(lon), true);
  const locate = document.querySelector("[data-locate]");
  if (locate && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", () => {
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          set(pos.coords.latitude, pos.coords.longitude);
          map.setView([pos.coords.latitude, pos.coords.longitude], 16);
        },
        () => {
          locate.textContent = locate.dataset.failed || locate.textContent;
        },
        { enableHighAccuracy: true, timeout: 10000 },
      );
    });
  }
}
