/** What the browser says about the studio's storage: how much is used, and whether it may be evicted. */
export interface StorageStatus {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

let persistRequest: Promise<boolean | null> | null = null;

/**
 * Asks once per page for persistent storage, so the browser does not evict the projects under
 * storage pressure. Browsers may say no (Chromium decides from how the site is used); the answer
 * is shown in the Storage dialog either way.
 */
export function requestPersistentStorage(): Promise<boolean | null> {
  persistRequest ??= (async () => {
    if (!navigator.storage?.persist) return null;
    try {
      return (await navigator.storage.persisted()) || (await navigator.storage.persist());
    } catch {
      return null;
    }
  })();
  return persistRequest;
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const estimate = navigator.storage?.estimate ? await navigator.storage.estimate().catch(() => null) : null;
  const persisted = navigator.storage?.persisted ? await navigator.storage.persisted().catch(() => null) : null;
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}
