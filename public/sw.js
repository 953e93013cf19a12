/* global self, caches */
/* The studio's service worker: after one visit, the studio loads and runs with the network off.
 *
 * - install: caches every file the build lists in precache-manifest.json (written by
 *   src/offline/precachePlugin.ts), in a cache named after the build.
 * - activate: drops the caches of older builds.
 * - fetch: pages are network-first (so a new build is seen as soon as it is online) and fall back
 *   to the cached page; everything else is cache-first (build files are content-hashed, so a
 *   cached copy is never stale) and cached on first use if the manifest missed it.
 * Cached responses keep their headers, so the page stays cross-origin isolated offline too.
 * Matching ignores Vary: the server varies on Origin, which module scripts send and the precache
 * requests did not, and build files are the same bytes whoever asks.
 */
const build = new URL(self.location.href).searchParams.get('build') || 'dev';
const CACHE = `conductor-studio-${build}`;
const scope = self.registration.scope;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch(new URL('precache-manifest.json', scope), { cache: 'no-store' });
      if (!response.ok) throw new Error(`precache manifest: HTTP ${response.status}`);
      const { assets } = await response.json();
      const cache = await caches.open(CACHE);
      await cache.addAll(assets.map((path) => new Request(new URL(path, scope), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('conductor-studio-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const fresh = await fetch(request);
          if (fresh.ok) (await caches.open(CACHE)).put(new URL('./', scope), fresh.clone()).catch(() => undefined);
          return fresh;
        } catch {
          return (await caches.match(new URL('./', scope), { ignoreVary: true })) || Response.error();
        }
      })(),
    );
    return;
  }
  event.respondWith(
    (async () => {
      const cached = await caches.match(request, { ignoreVary: true });
      if (cached) return cached;
      const fresh = await fetch(request);
      if (fresh.ok && fresh.type === 'basic') (await caches.open(CACHE)).put(request, fresh.clone()).catch(() => undefined);
      return fresh;
    })(),
  );
});
