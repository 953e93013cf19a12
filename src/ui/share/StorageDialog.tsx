import { useEffect, useState } from 'react';
import { formatBytes } from '../../share/prepareImport';
import { Dialog } from './Dialog';
import { readStorageStatus, requestPersistentStorage, type StorageStatus } from './storageStatus';

/** Storage: what the studio uses of the browser's quota, and whether the browser keeps it for good. */
export function StorageDialog({ onClose }: { onClose: () => void }) {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const refresh = () => void readStorageStatus().then(setStatus);
  useEffect(refresh, []);
  const ask = () => void requestPersistentStorage().then(refresh);
  return (
    <Dialog title="Storage" onClose={onClose}>
      {!status && <p className="muted">Asking the browser…</p>}
      {status && (
        <dl className="facts">
          <dt>Used</dt>
          <dd aria-label="Storage used">
            {status.usage === null ? 'unknown (this browser does not say)' : formatBytes(status.usage)}
          </dd>
          <dt>Available</dt>
          <dd>
            {status.quota === null
              ? 'unknown'
              : `${formatBytes(status.quota)} (${status.usage !== null && status.quota > 0 ? ((status.usage / status.quota) * 100).toFixed(2) : '?'}% used)`}
          </dd>
          <dt>Persistent</dt>
          <dd aria-label="Persistent storage">
            {status.persisted === null
              ? 'unknown (this browser does not say)'
              : status.persisted
                ? 'yes: the browser will not clear your projects to free space'
                : 'no: under storage pressure the browser may clear your projects. Export the ones you care about.'}
          </dd>
        </dl>
      )}
      <div className="share-actions">
        {status?.persisted === false && (
          <button type="button" className="button" onClick={ask}>
            Ask the browser again
          </button>
        )}
        <button type="button" className="button primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
