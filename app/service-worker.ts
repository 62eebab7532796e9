/**
 * The service worker: after one visit the dashboard reloads and works with the network cut.
 *
 * `npm run build` turns this file into public/sw.js (scripts/build-service-worker.ts) and puts before
 * it PRECACHE, every file the page can load (Next's chunks, onnxruntime's WebAssembly, the model and
 * its card, the bundled tape, the page itself and the pages Next rendered at build), and VERSION, new
 * with every build.
 *
 * Everything is stored at install, not as the page asks for it: the page's workers fetch the runtime,
 * the model and the tape, and a worker created before this service worker took over the page (the
 * whole first visit) never passes its requests through it.
 */
declare const self: ServiceWorkerGlobalScope;
declare const PRECACHE: readonly string[];
declare const VERSION: string;

const PREFIX = 'riskdial-';
const CACHE = `${PREFIX}${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // 'no-cache' revalidates with the server: a new version never stores an older copy from the HTTP
      // cache, and an unchanged file costs a 304. addAll stores all or nothing, so a failed install
      // leaves the previous version in charge and is retried on the next visit.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'no-cache' })));
      // A new build's files replace the old at once: the server no longer has the old chunks anyway.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      // The page of the first visit is taken over too, so that workers it starts from now on are served offline.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // The page talks to its own origin only; anything else, or anything but a read, is not ours to answer.
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // A query string (?scenario=…) is read by the page in the browser: one stored copy of a page serves them all.
    event.respondWith(networkFirst(request, true));
  } else if (url.pathname.startsWith('/_next/static/')) {
    // Named by their content's hash: a stored copy is never out of date.
    event.respondWith(cacheFirst(request));
  } else {
    // The runtime, the model, its card and the tape keep their names across builds: the server's copy
    // while it answers, so that a new model is never paired with an old card.
    event.respondWith(networkFirst(request, false));
  }
});

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached ? unstored(cached) : fetch(request);
}

/** The network's answer, even an error status (it is the server's word); the stored copy only when the network fails. */
async function networkFirst(request: Request, ignoreSearch: boolean): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    // A page's Vary names Next's router headers: the stored copy answers any request for it.
    const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch, ignoreVary: true });
    if (cached) return unstored(cached);
    throw error;
  }
}

/**
 * A stored response carries the URL it was stored under, which a worker's script takes as its own
 * location; a copy has none and takes the request's, #fragment and all: Next starts each worker
 * with the names of its chunks in the fragment of its script's URL.
 */
const unstored = (response: Response) => new Response(response.body, response);

// A module to the type checker, so that the declarations above stay this file's; the build removes it.
export {};
