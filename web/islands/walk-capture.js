// Capture island of a walk (the page …/arbete/vandringar/{id}/falt): keeps working without a
// network. Each observation gets its id here (a UUID) and is kept in IndexedDB with its photo;
// when the network is there it is sent with PUT …/observations/{id} — the server stores an id
// once, so a send repeated after a lost answer changes nothing — and then its photo. A service
// worker (…/vandringar/sw.js) keeps this page available offline. Without JavaScript the same form
// is posted to the server as it is.
/* global L */
import { textLabel } from "./map-text.js";

const form = document.querySelector("[data-walk-capture]");
if (form) start(form);

function start(form) {
  const cfg = JSON.parse(document.getElementById(form.dataset.walkCapture).textContent || "{}");
  const T = cfg.text;
  const csrf = form.querySelector('input[name="_csrf"]')?.value ?? "";
  const queueSection = document.querySelector("[data-queue]");
  const queueList = document.querySelector("[data-queue-list]");
  const network = document.querySelector("[data-network-status]");
  const positionStatus = form.querySelector(".position-status");
  const latInput = form.querySelector('input[name="lat"]');
  const lonInput = form.querySelector('input[name="lon"]');
  const stopSelect = form.querySelector('select[name="stop_id"]');
  const idInput = form.querySelector('input[name="id"]');
  let editing = null;
  let syncing = false;

  // Registered (or checked for a newer version) only online: offline there is nothing to fetch.
  if ("serviceWorker" in navigator && navigator.onLine) navigator.serviceWorker.register(cfg.swUrl, { scope: cfg.swScope }).catch(() => {});

  // ---- IndexedDB: one store of queued observations, keyed by their id.
  const dbReady = new Promise((resolve, reject) => {
    const open = indexedDB.open("trygg-walks", 1);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore("queue", { keyPath: "id" });
      store.createIndex("walkId", "walkId");
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  function tx(mode, fn) {
    return dbReady.then(
      (db) =>
        new Promise((resolve, reject) => {
          const t = db.transaction("queue", mode);
          const result = fn(t.objectStore("queue"));
          t.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
          t.onerror = () => reject(t.error);
        }),
    );
  }
  const putItem = (item) => tx("readwrite", (s) => s.put(item));
  const deleteItem = (id) => tx("readwrite", (s) => s.delete(id));
  const allItems = () =>
    tx("readonly", (s) => s.index("walkId").getAll(cfg.walkId)).then((items) => (items || []).sort((a, b) => a.createdAt.localeCompare(b.createdAt)));

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  // ---- The map: a tap sets the position; "use my position" asks the phone.
  let map = null;
  let marker = null;
  if (typeof L !== "undefined" && document.getElementById("capture-map")) {
    map = L.map("capture-map", { scrollWheelZoom: false, attributionControl: Boolean(cfg.attribution) });
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
    else map.setView([cfg.centre.lat, cfg.centre.lon], 16);
    map.on("click", (e) => setPosition(e.latlng.lat, e.latlng.lng, T.chosen));
  }
  function setMarker(lat, lon) {
    if (!map) return;
    if (marker) marker.setLatLng([lat, lon]);
    else marker = L.marker([lat, lon], { keyboard: false }).addTo(map);
  }
  function setPosition(lat, lon, message) {
    latInput.value = lat.toFixed(6);
    lonInput.value = lon.toFixed(6);
    setMarker(lat, lon);
    if (positionStatus && message) positionStatus.textContent = message;
  }
  if (navigator.geolocation && positionStatus) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = T.useMyPosition;
    button.addEventListener("click", () => {
      positionStatus.textContent = T.locating;
      navigator.geolocation.getCurrentPosition(
        (p) => setPosition(p.coords.latitude, p.coords.longitude, T.located),
        () => {
          positionStatus.textContent = T.failedPosition;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 },
      );
    });
    positionStatus.before(button);
  }
  stopSelect?.addEventListener("change", () => {
    const stop = (cfg.stops || []).find((s) => s.id === stopSelect.value);
    if (stop && !latInput.value && !lonInput.value) setPosition(stop.lat, stop.lon, T.chosen);
  });

  // ---- The form: kept on the phone first, then sent.
  const num = (v) => {
    const s = String(v ?? "")
      .trim()
      .replace(",", ".");
    if (s === "") return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : String(v);
  };
  const yesNo = (v) => (v === "ja" ? true : v === "nej" ? false : null);
  const text = (fd, name) => String(fd.get(name) ?? "");

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fd = new FormData(form);
    const previous = editing ? await tx("readonly", (s) => s.get(editing)) : null;
    const id = editing || uuid();
    const body = {
      stop_id: text(fd, "stop_id") || null,
      lat: num(fd.get("lat")),
      lon: num(fd.get("lon")),
      category: text(fd, "category") || null,
      unsafe: yesNo(text(fd, "unsafe")),
      unsafe_for: text(fd, "unsafe_for"),
      description: text(fd, "description"),
      proposed_measure: text(fd, "proposed_measure"),
      urgency: text(fd, "urgency") || null,
      follows_action_id: text(fd, "follows_action_id") || null,
      resolved: yesNo(text(fd, "resolved")),
      observed_at: previous?.body.observed_at || new Date().toISOString(),
      confirmed_not_names: [...new Set([...(previous?.body.confirmed_not_names || []), ...fd.getAll("confirmed_not_names").map(String)])],
    };
    const file = fd.get("photo");
    const photo = file && typeof file === "object" && file.size > 0 ? file : (previous?.photo ?? null);
    await putItem({
      id,
      walkId: cfg.walkId,
      body,
      photo,
      photoName: photo?.name || "foto.jpg",
      state: "pending",
      error: null,
      createdAt: previous?.createdAt || new Date().toISOString(),
    });
    editing = null;
    form.reset();
    if (idInput) idInput.value = uuid();
    if (marker) {
      marker.remove();
      marker = null;
    }
    const draft = body.lat === null || body.category === null;
    if (positionStatus) positionStatus.textContent = draft ? T.savedDraft : T.saved;
    await render();
    syncAll();
  });

  function describe(item) {
    const b = item.body;
    const missing = [];
    if (b.lat === null && !b.stop_id) missing.push(T.missingPosition);
    if (b.category === null) missing.push(T.missingCategory);
    return { title: b.category ? cfg.categories[b.category] || b.category : T.noCategory, missing };
  }

  async function render() {
    const items = await allItems();
    queueSection.hidden = items.length === 0;
    queueList.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement("li");
        li.dataset.queueItem = item.id;
        li.dataset.state = item.state;
        const d = describe(item);
        const title = document.createElement("strong");
        title.textContent = d.title;
        li.append(title, " ");
        const state = document.createElement("span");
        state.className = `badge ${item.state === "done" ? "badge--ok" : item.state === "error" || item.state === "photoError" ? "badge--danger" : "badge--warn"}`;
        state.textContent =
          item.state === "done"
            ? T.sent
            : item.state === "photo"
              ? T.photoPending
              : item.state === "error" || item.state === "photoError"
                ? T.failed
                : navigator.onLine
                  ? T.sending
                  : T.pending;
        li.append(state);
        if (item.body.description) li.append(document.createElement("br"), item.body.description);
        if (d.missing.length) {
          const warn = document.createElement("p");
          warn.className = "walk-draft-warning";
          warn.textContent = `${T.draft}: ${d.missing.join(", ")}`;
          li.append(warn);
        }
        if (item.error) {
          const err = document.createElement("p");
          err.className = "error-message";
          err.textContent = item.error;
          li.append(err);
        }
        if (item.state === "error" || item.state === "pending") {
          const edit = document.createElement("button");
          edit.type = "button";
          edit.className = "link-button";
          edit.textContent = T.edit;
          edit.addEventListener("click", () => loadForEdit(item));
          li.append(" ", edit);
        }
        if (item.state === "error" || item.state === "photoError") {
          const retry = document.createElement("button");
          retry.type = "button";
          retry.className = "link-button";
          retry.textContent = T.retry;
          retry.addEventListener("click", async () => {
            item.state = item.state === "photoError" ? "photo" : "pending";
            item.error = null;
            await putItem(item);
            await render();
            syncAll();
          });
          li.append(" ", retry);
        }
        return li;
      }),
    );
  }

  function loadForEdit(item) {
    const b = item.body;
    editing = item.id;
    const set = (name, value) => {
      const el = form.elements.namedItem(name);
      if (!el) return;
      if (el instanceof RadioNodeList) {
        for (const r of el) r.checked = r.value === value;
      } else el.value = value ?? "";
    };
    set("stop_id", b.stop_id);
    set("lat", b.lat === null ? "" : String(b.lat));
    set("lon", b.lon === null ? "" : String(b.lon));
    set("category", b.category);
    set("unsafe", b.unsafe === true ? "ja" : b.unsafe === false ? "nej" : "");
    set("unsafe_for", b.unsafe_for);
    set("description", b.description);
    set("proposed_measure", b.proposed_measure);
    set("urgency", b.urgency);
    set("follows_action_id", b.follows_action_id);
    set("resolved", b.resolved === true ? "ja" : b.resolved === false ? "nej" : "");
    if (typeof b.lat === "number" && typeof b.lon === "number") setMarker(b.lat, b.lon);
    if (positionStatus) positionStatus.textContent = T.editing;
    form.querySelector("select, input:not([type=hidden]), textarea")?.focus();
  }

  /** The error message of an API answer, and the likely names the writer may confirm. */
  async function errorOf(res) {
    const body = await res.json().catch(() => null);
    const e = body?.error;
    if (!e) return { message: `HTTP ${res.status}`, names: [] };
    const lang = document.documentElement.lang === "en" ? "message_en" : "message";
    const fields = (e.fields || []).map((f) => f[lang] || f.message);
    const names = e.code === "possible_names" ? [...fields.join(" ").matchAll(/”([^”]+)”/g)].map((m) => m[1]) : [];
    return { message: [e[lang] || e.message, ...fields].join(" "), names };
  }

  async function syncAll() {
    if (syncing || !navigator.onLine) return;
    syncing = true;
    try {
      for (const item of await allItems()) {
        if (item.state === "pending") {
          const res = await fetch(`${cfg.putUrl}${item.id}`, {
            method: "PUT",
            credentials: "same-origin",
            headers: { "content-type": "application/json", accept: "application/json" },
            body: JSON.stringify(item.body),
          });
          if (res.ok) {
            item.state = item.photo ? "photo" : "done";
            item.error = null;
          } else if (res.status === 401 || res.status >= 500 || res.status === 429) {
            item.error = (await errorOf(res)).message;
            await putItem(item);
            break;
          } else {
            const e = await errorOf(res);
            item.state = "error";
            item.error = e.message;
            if (e.names.length) item.body.confirmed_not_names = [...new Set([...(item.body.confirmed_not_names || []), ...e.names])];
          }
          await putItem(item);
        }
        if (item.state === "photo") {
          const fd = new FormData();
          fd.append("photo", item.photo, item.photoName);
          const res = await fetch(`${cfg.putUrl}${item.id}/photo`, {
            method: "POST",
            credentials: "same-origin",
            headers: { "x-csrf-token": csrf, accept: "application/json" },
            body: fd,
          });
          if (res.ok) {
            item.state = "done";
            item.photo = null;
            item.error = null;
          } else if (res.status === 401 || res.status >= 500 || res.status === 429) {
            item.error = (await errorOf(res)).message;
            await putItem(item);
            break;
          } else {
            item.state = "photoError";
            item.error = (await errorOf(res)).message;
          }
          await putItem(item);
        }
      }
    } catch {
      // The network went away in the middle: what was not confirmed stays queued.
    } finally {
      syncing = false;
      await render();
    }
  }

  function showNetwork() {
    if (!network) return;
    network.textContent = navigator.onLine ? T.online : T.offline;
    network.classList.toggle("walk-network--offline", !navigator.onLine);
  }
  window.addEventListener("online", () => {
    showNetwork();
    syncAll();
  });
  window.addEventListener("offline", showNetwork);
  showNetwork();
  setInterval(syncAll, 20000);

  // What was sent before this page was loaded is on the server list below: forget it here.
  allItems()
    .then((items) => Promise.all(items.filter((i) => i.state === "done").map((i) => deleteItem(i.id))))
    .then(render)
    .then(syncAll);
}
