import { requestPersistentStorage } from '../ui/share/storageStatus';

/**
 * Production builds register the service worker that precaches the whole studio (written by
 * vite-plugin-pwa, see src/offline/serviceWorkerConfig.ts), and ask the browser to keep the
 * studio's storage. Dev servers register nothing: a cache would only get in the way of hot reload.
 */
export function startOfflineSupport(): void {
  void requestPersistentStorage();
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
    .then(dropHandWrittenCaches, (error: unknown) => {
      console.warn('The studio could not install its offline support:', error);
    });
}

/**
 * Studios before vite-plugin-pwa kept their files in one cache per build, `conductor-studio-<build>`;
 * the Workbox worker that replaced it does not know those, so they would take their ~15 MB for good.
 */
async function dropHandWrittenCaches(): Promise<void> {
  if (!('caches' in globalThis)) return;
  for (const name of await caches.keys())
    if (/^conductor-studio-([0-9a-z]+-[0-9a-z]+|dev)$/.test(name)) await caches.delete(name);
}
