import { VitePWA } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';

/** The prefix of every cache the studio's service worker owns. */
export const CACHE_PREFIX = 'conductor-studio';

/**
 * Build-time only (vite.config.ts). vite-plugin-pwa runs Workbox's generateSW over the finished
 * build and writes `sw.js`, which precaches every file of it: the page, its chunks, the conductor
 * and sandbox workers' builds, Monaco and its workers, CSS and fonts. So after one visit the studio
 * opens and runs with the network off.
 *
 * - A new build is a new `sw.js` (its precache list carries each file's revision), so the browser
 *   installs it, fetches only what changed, and drops what the build no longer has.
 * - Pages are network-first: online, a new build is seen on the next load; offline, the page
 *   comes from the precache. The bare directory is kept out of the precache's lookup
 *   (`directoryIndex: null`) so that navigation takes that route instead of always the cache.
 * - Cached responses keep their headers, so the page stays cross-origin isolated (COOP/COEP)
 *   offline too. Workbox looks files up by their precache key, a request without an Origin
 *   header, so the server's `Vary: Origin` does not make module scripts miss the cache.
 * Dev servers get no service worker: a cache would only get in the way of hot reload.
 */
export function studioServiceWorker(): PluginOption {
  return VitePWA({
    strategies: 'generateSW',
    injectRegister: false, // src/offline/startOfflineSupport.ts registers it, in production only
    manifest: false, // offline support, not an installable app
    workbox: {
      cacheId: CACHE_PREFIX,
      globPatterns: ['**/*.{html,js,css,svg,ttf,woff,woff2,json,wasm}'],
      // Monaco's TypeScript worker alone is several megabytes; Workbox's default cap is 2 MB.
      maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      // Vite names build files by content hash, so their URL is their revision.
      dontCacheBustURLsMatching: /(^|\/)assets\/[^/]+-[\w-]{8}\.\w+$/,
      directoryIndex: null,
      navigateFallback: null, // vite-plugin-pwa's default would answer every page from the cache first
      runtimeCaching: [
        {
          urlPattern: ({ request }) => request.mode === 'navigate',
          handler: 'NetworkOnly',
          options: { precacheFallback: { fallbackURL: 'index.html' } },
        },
      ],
      cleanupOutdatedCaches: true,
      skipWaiting: true,
      clientsClaim: true,
    },
  });
}
