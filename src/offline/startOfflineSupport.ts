import { requestPersistentStorage } from '../ui/share/storageStatus';

declare const __STUDIO_BUILD_ID__: string | undefined;

/**
 * Production builds register the service worker that precaches the whole studio (see
 * src/offline/precachePlugin.ts and public/sw.js), and ask the browser to keep the studio's
 * storage. Dev servers register nothing: a cache would only get in the way of hot reload.
 */
export function startOfflineSupport(): void {
  void requestPersistentStorage();
  if (!import.meta.env.PROD || typeof __STUDIO_BUILD_ID__ !== 'string' || !('serviceWorker' in navigator)) return;
  const url = `${import.meta.env.BASE_URL}sw.js?build=${encodeURIComponent(__STUDIO_BUILD_ID__)}`;
  navigator.serviceWorker.register(url, { scope: import.meta.env.BASE_URL }).catch((error: unknown) => {
    console.warn('The studio could not install its offline support:', error);
  });
}
