import { useCallback, useEffect, useState } from 'react';
import {
  listTrustedKeys,
  ownFingerprint,
  removeTrustedKey,
  renameTrustedKey,
  revokeTrustedKey,
  type TrustedKey,
} from '../../app/signing';
import { describeError } from '../../core/errors/studioError';
import { shortFingerprint } from '../../share/signature';
import { Dialog } from './Dialog';

/**
 * Signing keys: this studio's own fingerprint (to read out to whoever should trust it), and the
 * keys this person trusts, by name. Revoking keeps a key listed, so files it signed are refused
 * and said to be; removing forgets it, so they read as “signed by an unknown key” again.
 */
export function SigningKeysDialog({ onClose }: { onClose: () => void }) {
  const [own, setOwn] = useState<string | null>(null);
  const [keys, setKeys] = useState<TrustedKey[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  /** Runs a change, then shows the list as stored; says whether it worked. */
  const guard = useCallback(async (work: () => Promise<void>): Promise<boolean> => {
    setError(null);
    try {
      await work();
      setKeys(await listTrustedKeys());
      return true;
    } catch (e) {
      const { message, hint } = describeError(e);
      setError(`${message} ${hint}`.trim());
      return false;
    }
  }, []);

  useEffect(() => {
    void guard(async () => setOwn(await ownFingerprint()));
  }, [guard]);

  const copy = async () => {
    if (!own) return;
    try {
      await navigator.clipboard.writeText(shortFingerprint(own));
      setCopied(true);
    } catch {
      setError('The browser did not let the studio copy; select the fingerprint and copy it yourself.');
    }
  };

  return (
    <Dialog title="Signing keys" onClose={onClose}>
      <p className="muted">
        Every export and share link from this studio is signed with its own key. Someone who trusts this fingerprint
        sees your files as signed by you.
      </p>
      <div className="signing-own">
        <span className="muted">This studio’s fingerprint</span>
        <code aria-label="This studio’s fingerprint">{own ? shortFingerprint(own) : '…'}</code>
        <button type="button" className="button" disabled={!own} onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <h3 className="signing-heading">Keys you trust</h3>
      {keys.length === 0 ? (
        <p className="muted">
          None yet. When you import a file signed by someone else, choose “Trust this key as…” to name their key.
        </p>
      ) : (
        <ul className="signing-list" aria-label="Keys you trust">
          {keys.map((key) => (
            <TrustedKeyRow key={key.fingerprint} trusted={key} guard={guard} />
          ))}
        </ul>
      )}
      {error && (
        <p className="share-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function TrustedKeyRow({
  trusted,
  guard,
}: {
  trusted: TrustedKey;
  guard: (work: () => Promise<void>) => Promise<boolean>;
}) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(trusted.name);
  const revoked = trusted.revokedAt !== undefined;
  return (
    <li className="signing-row" aria-label={`Key ${trusted.name}`}>
      {renaming ? (
        <form
          className="signing-row__rename"
          onSubmit={(e) => (
            e.preventDefault(),
            void guard(() => renameTrustedKey(trusted.fingerprint, name)).then((ok) => ok && setRenaming(false))
          )}
        >
          <input
            autoFocus
            value={name}
            maxLength={80}
            aria-label={`New name for ${trusted.name}`}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="button">
            Save
          </button>
        </form>
      ) : (
        <span className="signing-row__name">
          <strong>{trusted.name}</strong>
          {revoked && <span className="signing-row__revoked"> revoked</span>}
        </span>
      )}
      <code aria-label="Key fingerprint">{shortFingerprint(trusted.fingerprint)}</code>
      <span className="signing-row__actions">
        {!renaming && (
          <button type="button" className="button" onClick={() => setRenaming(true)}>
            Rename
          </button>
        )}
        {!revoked && (
          <button
            type="button"
            className="button"
            onClick={() => void guard(() => revokeTrustedKey(trusted.fingerprint))}
          >
            Revoke
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={() => void guard(() => removeTrustedKey(trusted.fingerprint))}
        >
          Remove
        </button>
      </span>
    </li>
  );
}
