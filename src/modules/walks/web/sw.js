// Service worker of the walk capture pages (served at /t/{slug}/arbete/vandringar/sw.js, so its
// scope covers the capture pages below it). It keeps the capture page and the scripts and styles
// it needs available without a network; the observations themselves are kept and sent by the
// page (web/islands/walk-capture.js, IndexedDB), never by this worker, so nothing is sent twice.
//
// Capture pages (…/falt): network first, the last copy when offline. Static files: cache first,
// refreshed from the network. Everything else (the API, other pages) is not touched.
const CACHE = "trygg-walks-v2";
const STATIC = [
  "/static/styles.css",
  "/static/vendor/leaflet/leaflet.js",
  "/static/vendor/leaflet/leaflet.css",
  "/static/islands/walk-capture.js",
  "/static/islands/map-text.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(STATIC))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("trygg-walks-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isCapturePage(url) {
  return /\/arbete\/vandringar\/[0-9a-f-]{36}\/falt$/i.test(url.pathname);
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request.url.split("?")[0], response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(request.url.split("?")[0]);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request.url.split("?")[0]);
  const refresh = fetch(request)
    .then((response) => {
      if (response.ok && response.type === "basic") cache.put(request.url.split("?")[0], response.clone());
      return response;
    })
    .catch(() => null);
  if (cached) return cached;
  const response = await refresh;
  if (response) return response;
  return Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && isCapturePage(url)) event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith("/static/")) event.respondWith(cacheFirst(request));
});
