// Report form island: a map to pick the spot (click or "use my position"), which fills the
// latitude/longitude fields, and a live list of similar open reports nearby that the resident
// can +1 instead of reporting again. Without JavaScript the form works with a named place or an
// area and words; the server checks everything again (boundary, similar reports). Text is only
// ever set with textContent.
/* global L */
for (const el of document.querySelectorAll("[data-pick-map]")) {
  const source = document.getElementById(el.dataset.pickMap);
  const box = el.closest(".pick-map");
  const form = el.closest("form");
  if (!source || !box || !form || typeof L === "undefined") continue;
  const data = JSON.parse(source.textContent || "{}");
  const labels = data.labels || {};
  const latInput = form.querySelector('input[name="lat"]');
  const lonInput = form.querySelector('input[name="lon"]');
  const status = box.querySelector(".pick-status");
  const nearby = box.querySelector(".nearby");
  const csrf = form.querySelector('input[name="_csrf"]');
  box.hidden = false;

  const map = L.map(el, { scrollWheelZoom: false, attributionControl: Boolean(data.attribution) });
  if (data.tileUrl) L.tileLayer(data.tileUrl, { attribution: data.attribution || "", maxZoom: 19 }).addTo(map);
  let bounds = null;
  if (data.boundary) {
    const b = L.geoJSON(data.boundary, { style: { color: "#003f63", weight: 3, fillOpacity: 0.05 } }).addTo(map);
    bounds = b.getBounds();
  }
  if (bounds) map.fitBounds(bounds, { padding: [10, 10] });
  else map.setView([62, 16], 4);
  let marker = null;

  const category = () => {
    const checked = form.querySelector('input[name="category"]:checked');
    return checked ? checked.value : "";
  };

  function say(text) {
    if (status) status.textContent = text;
  }

  async function showNearby(lat, lon) {
    if (!nearby) return;
    nearby.replaceChildren();
    const kategori = category();
    if (!kategori || !data.nearbyUrl) return;
    try {
      const url = `${data.nearbyUrl}?${new URLSearchParams({ lat: String(lat), lon: String(lon), kategori })}`;
      const res = await fetch(url, { headers: { accept: "application/json" } });
      if (!res.ok) return;
      const body = await res.json();
      if (!body.reports || body.reports.length === 0) return;
      const h = document.createElement("h3");
      h.textContent = labels.nearbyTitle || "";
      const p = document.createElement("p");
      p.textContent = labels.nearbyIntro || "";
      const ul = document.createElement("ul");
      for (const r of body.reports) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = r.url;
        a.textContent = `${r.category} – ${r.status} (${r.distance} m)`;
        const d = document.createElement("p");
        d.textContent = `${r.description} · ${labels.supports || ""}: ${r.supports}`;
        const f = document.createElement("form");
        f.method = "post";
        f.action = `${r.url}/instammer`;
        if (csrf) {
          const c = document.createElement("input");
          c.type = "hidden";
          c.name = "_csrf";
          c.value = csrf.value;
          f.append(c);
        }
        const button = document.createElement("button");
        button.type = "submit";
        button.className = "button";
        button.textContent = labels.support || "+1";
        f.append(button);
        li.append(a, d, f);
        ul.append(li);
      }
      nearby.append(h, p, ul);
    } catch {
      // The server suggests similar reports again when the form is sent.
    }
  }

  function pick(lat, lon) {
    const la = Number(lat.toFixed(6));
    const lo = Number(lon.toFixed(6));
    if (latInput) latInput.value = String(la);
    if (lonInput) lonInput.value = String(lo);
    if (marker) marker.setLatLng([la, lo]);
    else marker = L.marker([la, lo], { keyboard: false }).addTo(map);
    say(`${labels.pick || ""} ${la.toFixed(5)}, ${lo.toFixed(5)}`);
    void showNearby(la, lo);
  }

  map.on("click", (e) => pick(e.latlng.lat, e.latlng.lng));
  const lat0 = latInput ? Number.parseFloat((latInput.value || "").replace(",", ".")) : Number.NaN;
  const lon0 = lonInput ? Number.parseFloat((lonInput.value || "").replace(",", ".")) : Number.NaN;
  if (Number.isFinite(lat0) && Number.isFinite(lon0)) {
    marker = L.marker([lat0, lon0], { keyboard: false }).addTo(map);
    map.setView([lat0, lon0], 16);
  }
  for (const radio of form.querySelectorAll('input[name="category"]'))
    radio.addEventListener("change", () => {
      if (marker) {
        const p = marker.getLatLng();
        void showNearby(p.lat, p.lng);
      }
    });

  if ("geolocation" in navigator) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary";
    button.textContent = labels.locate || "";
    button.addEventListener("click", () => {
      say(labels.locating || "");
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          pick(pos.coords.latitude, pos.coords.longitude);
          map.setView([pos.coords.latitude, pos.coords.longitude], 16);
        },
        () => say(labels.locateFailed || ""),
        { enableHighAccuracy: true, timeout: 15000 },
      );
    });
    el.after(button);
  }
}
