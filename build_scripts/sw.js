// The site's service worker: after one visit, the site works offline. Written as site/sw.js by
// build_scripts/offline.py, which fills in MANIFEST: the build's name and its files with their
// sha256, in two lists (the site; the simulator's engine, kept once the simulator was used), and
// the name of the engine's cache.
//
// Hand-written rather than Workbox: Workbox is a dependency to pin, bundle and self-host (its
// CDN loader would be a third-party request) for what fits here in under 100 lines: precache a
// known list, answer from it, swap caches on a new build.
//
// - Pages and other files whose name does not change: the network first (a page is always the
//   latest build when online), the cache when offline; a page not kept falls back to 404.html.
// - Files whose name is their content's hash (build_scripts/headers.py): the cache first,
//   they never change. A page thus never mixes two builds.
// - A new build installs a new cache beside the old one (every file checked against its sha256,
//   hashed files the old cache holds copied rather than downloaded again); it takes over when no
//   page of the old build is open (no skipWaiting: an open page may still ask for its files),
//   and deletes the old caches then.
// - The engine (Pyodide, the checker, the worker: all hashed) has one cache whatever the build,
//   which the simulator's worker fills with the files it has just downloaded and checked
//   (docs/simulateur/worker.mjs): keeping the engine downloads only what it lacks. A new build
//   adds its own engine files there; the ones no build uses any more go when it takes over.
const MANIFEST = null; // filled in by build_scripts/offline.py
const PREFIX = "cqp-";
const CACHE = PREFIX + MANIFEST.build;
const ENGINE = MANIFEST.engineCache;
// Kept in the build's cache once the simulator has been used: a new build then keeps the engine too.
const ENGINE_KEPT = new URL("__cqp-engine-kept", self.registration.scope).href;
// Hashed names, as build_scripts/headers.py tells them (the same pattern, from the manifest).
const HASHED = new RegExp(MANIFEST.hashed);

const absolute = (url) => new URL(url, self.registration.scope).href;
const hashed = (href) => HASHED.test(new URL(href).pathname);
// A page (…/ or ….html): a host may rewrite it (analytics, e-mail addresses hidden from robots),
// so its bytes may differ from the build's. It is kept as the host serves it; every other file
// is checked against its sha256.
const isPage = (href) => /(\/|\.html)$/.test(new URL(href).pathname);

async function keep(cache, [url, integrity]) {
  const href = absolute(url);
  if (await cache.match(href)) return;
  let response = hashed(href) ? await caches.match(href) : undefined;
  if (!response) {
    // no-cache: revalidated, so that the HTTP cache cannot hand an earlier build's page. Only a
    // response that passed its check is kept; one that failed it (a wrong answer the HTTP cache
    // may hold for a year) is asked for again from the server itself.
    const check = isPage(href) ? undefined : integrity;
    try {
      response = await checked(href, check, hashed(href) ? "default" : "no-cache");
    } catch (err) {
      response = await checked(href, check, "reload");
    }
  }
  await cache.put(href, response);
}

async function checked(href, integrity, mode) {
  const response = await fetch(href, { integrity, cache: mode });
  if (!response.ok) throw new Error(`${href}: HTTP ${response.status}`);
  return response;
}

const keepAll = (cache, files) => Promise.all(files.map((file) => keep(cache, file)));

// The site's files: a page or a plain file that cannot be kept (a host's error, a file it
// refuses) is left out rather than failing the install, so that every other page still works
// offline (a page not kept falls back to 404.html); the hashed files, which pages need to work
// at all, must all be kept.
async function keepSite(cache) {
  const needed = MANIFEST.site.filter(([url]) => hashed(absolute(url)));
  const optional = MANIFEST.site.filter(([url]) => !hashed(absolute(url)));
  await Promise.all([keepAll(cache, needed), Promise.allSettled(optional.map((file) => keep(cache, file)))]);
}

async function keepEngine() {
  await keepAll(await caches.open(ENGINE), MANIFEST.engine);
  await (await caches.open(CACHE)).put(ENGINE_KEPT, new Response("1"));
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await keepSite(cache);
    if (await caches.match(ENGINE_KEPT)) await keepEngine();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE && name !== ENGINE) await caches.delete(name);
    }
    if (await caches.has(ENGINE)) {
      const engine = await caches.open(ENGINE);
      const used = new Set(MANIFEST.engine.map(([url]) => absolute(url)));
      for (const request of await engine.keys()) {
        if (!used.has(request.url)) await engine.delete(request);
      }
    }
    await self.clients.claim();
  })());
});

// The simulator page asks, once Python is ready, to keep the engine: {type: "keep-engine"}.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "keep-engine") return;
  const port = event.ports[0];
  event.waitUntil(keepEngine().then(
    () => port && port.postMessage({ ok: true, build: MANIFEST.build }),
    (err) => port && port.postMessage({ ok: false, error: String(err && err.message) }),
  ));
});

// Kept without its query. The kept response itself, when the request has none: the browser keeps
// the code WebAssembly compiles from it beside its Cache Storage entry, and only for that very
// response. The worker's script has its query, which it reads from its URL: a new response's URL
// is the request's.
const fromCache = async (request) => {
  const hit = await caches.match(request, { ignoreSearch: true });
  return hit && (new URL(request.url).search ? new Response(hit.body, hit) : hit);
};

async function answer(request) {
  if (hashed(request.url)) {
    const hit = await fromCache(request);
    if (hit) return hit;
  }
  try {
    // A page is revalidated even when the HTTP cache holds it fresh: it names its build's files.
    return await fetch(request.mode === "navigate" ? new Request(request, { cache: "no-cache" }) : request);
  } catch (err) {
    const hit = await fromCache(request)
      || (request.mode === "navigate" && await caches.match(absolute("404.html")));
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(answer(request));
});
