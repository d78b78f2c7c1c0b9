// The plan form's map: in "stop" mode a tap fills the next empty stop row (latitude, longitude
// and a name to change); in "route" mode taps draw the route line, kept as GeoJSON in the hidden
// route field. Without JavaScript the stop rows are typed and no line is drawn (the stops are
// the route).
/* global L */
import { textLabel } from "./map-text.js";

const box = document.querySelector("[data-walk-plan]");
if (box && typeof L !== "undefined") {
  const cfg = JSON.parse(document.getElementById(box.dataset.walkPlan)?.textContent || "{}");
  const T = cfg.text || {};
  const status = box.querySelector(".position-status");
  const routeInput = document.getElementById(cfg.routeInput);
  const map = L.map(box.querySelector(".map"), { scrollWheelZoom: false, attributionControl: Boolean(cfg.attribution) });
  if (cfg.tileUrl) L.tileLayer(cfg.tileUrl, { attribution: cfg.attribution || "", maxZoom: 19 }).addTo(map);
  map.setView([cfg.centre.lat, cfg.centre.lon], 15);
  const input = (i, k) => document.getElementById(`f-stops.${i}.${k}`);
  const stopMarkers = L.layerGroup().addTo(map);
  const drawStops = () => {
    stopMarkers.clearLayers();
    const points = [];
    for (let i = 0; i < cfg.stopRows; i++) {
      const la = Number(input(i, "lat")?.value.replace(",", "."));
      const lo = Number(input(i, "lon")?.value.replace(",", "."));
      if (!input(i, "lat")?.value || !Number.isFinite(la) || !Number.isFinite(lo)) continue;
      points.push([la, lo]);
      L.circleMarker([la, lo], { radius: 7, color: "#003f63", weight: 2, fillOpacity: 0.6 })
        .bindTooltip(textLabel(document, `${i + 1}. ${input(i, "name")?.value || ""}`))
        .addTo(stopMarkers);
    }
    return points;
  };
  let route = [];
  try {
    route = routeInput?.value ? JSON.parse(routeInput.value).coordinates.map(([lo, la]) => [la, lo]) : [];
  } catch {
    route = [];
  }
  const line = L.polyline(route, { color: "#a4161a", weight: 4 }).addTo(map);
  const saveRoute = () => {
    line.setLatLngs(route);
    if (routeInput)
      routeInput.value =
        route.length >= 2 ? JSON.stringify({ type: "LineString", coordinates: route.map(([la, lo]) => [Number(lo.toFixed(6)), Number(la.toFixed(6))]) }) : "";
    if (status) status.textContent = T.routePoints.replace("{count}", String(route.length));
  };
  const points = drawStops();
  const all = [...points, ...route];
  if (all.length) map.fitBounds(L.latLngBounds(all), { padding: [20, 20], maxZoom: 17 });

  let mode = "stop";
  const bar = document.createElement("div");
  bar.className = "walk-map-modes";
  const button = (label, onClick) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "secondary";
    b.textContent = label;
    b.addEventListener("click", onClick);
    bar.append(b);
    return b;
  };
  const stopButton = button(T.modeStop, () => setMode("stop"));
  const routeButton = button(T.modeRoute, () => setMode("route"));
  button(T.undo, () => {
    route.pop();
    saveRoute();
  });
  button(T.clear, () => {
    route = [];
    saveRoute();
  });
  const setMode = (m) => {
    mode = m;
    stopButton.setAttribute("aria-pressed", String(m === "stop"));
    routeButton.setAttribute("aria-pressed", String(m === "route"));
  };
  setMode("stop");
  box.prepend(bar);

  map.on("click", (e) => {
    const { lat, lng } = e.latlng;
    if (mode === "route") {
      route.push([lat, lng]);
      saveRoute();
      return;
    }
    for (let i = 0; i < cfg.stopRows; i++) {
      const la = input(i, "lat");
      const lo = input(i, "lon");
      if (!la || !lo || la.value || lo.value) continue;
      la.value = lat.toFixed(6);
      lo.value = lng.toFixed(6);
      const name = input(i, "name");
      if (name && !name.value) name.focus();
      drawStops();
      if (status) status.textContent = T.stopAdded.replace("{number}", String(i + 1));
      return;
    }
    if (status) status.textContent = T.noRowLeft;
  });
  for (let i = 0; i < cfg.stopRows; i++) for (const k of ["lat", "lon", "name"]) input(i, k)?.addEventListener("change", drawStops);
}
