import { useEffect, useState, type FormEvent } from 'react';
import { describeError } from '../../core/errors/studioError';
import { deleteKey, listKeySummaries, saveKey, type KeySummary } from '../../app/apiKeys';
import { Dialog } from '../share/Dialog';
import '../share/share.css';
import './apiKeys.css';

function sentence(error: unknown): string {
  const { message, hint } = describeError(error);
  return `${message} ${hint}`.trim();
}

/**
 * Project ▾ → API keys: the keys LLM models use, by name. A key is typed in once and never shown
 * again (at most its last four characters), so a screen share or screenshot does not leak it.
 */
export function ApiKeysDialog({ onClose }: { onClose: () => void }) {
  const [keys, setKeys] = useState<KeySummary[] | null>(null);
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = () =>
    listKeySummaries().then(
      (list) => setKeys(list.sort((a, b) => a.name.localeCompare(b.name))),
      (e: unknown) => setError(sentence(e)),
    );
  useEffect(() => void refresh(), []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const trimmedName = name.trim();
    try {
      await saveKey(trimmedName, key);
      // The key leaves React state as soon as it is stored.
      setKey('');
      setName('');
      setNotice(`Saved the key “${trimmedName}”.`);
      await refresh();
    } catch (e) {
      setError(sentence(e));
    }
  };

  const remove = async (keyName: string) => {
    setError(null);
    setConfirming(null);
    try {
      await deleteKey(keyName);
      setNotice(`Deleted the key “${keyName}”.`);
      await refresh();
    } catch (e) {
      setError(sentence(e));
    }
  };

  const replacing = keys?.some((k) => k.name === name.trim()) ?? false;
  return (
    <Dialog title="API keys" onClose={onClose}>
      {keys === null && <p className="muted">Reading the keys…</p>}
      {keys?.length === 0 && (
        <p className="muted">
          No API keys yet. Keys stay in this browser only: they are never exported, never put in share links, and never
          written to a project’s log. An LLM model refers to a key by its name, so a project you share names the key and
          whoever opens it adds their own.
        </p>
      )}
      {keys && keys.length > 0 && (
        <>
          <p className="muted">
            Kept in this browser only; never exported, shared or logged. LLM models refer to them by name.
          </p>
          <ul className="api-keys" aria-label="API keys">
            {keys.map((k) => (
              <li key={k.name} className="api-keys__row">
                <span className="api-keys__name">{k.name}</span>
                <span className="api-keys__hint" aria-label={`Key ${k.name} ends`}>
                  {k.hint}
                </span>
                <span className="spacer" />
                <button
                  type="button"
                  className="button small"
                  aria-label={`Delete key ${k.name}`}
                  onClick={() => setConfirming(k.name)}
                >
                  Delete
                </button>
                {confirming === k.name && (
                  <div className="api-keys__confirm" role="group" aria-label={`Confirm deleting ${k.name}`}>
                    <span>
                      Delete “{k.name}”? Models that use it will fail until a key with that name is added again.
                    </span>
                    <button type="button" className="button small" onClick={() => void remove(k.name)}>
                      Delete key
                    </button>
                    <button type="button" className="button small ghost" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <form className="api-keys__form" onSubmit={(e) => void save(e)}>
        <label className="field">
          <span>Key name (letters, digits, . - _)</span>
          <input
            value={name}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            placeholder="openai"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span>API key</span>
          <input
            type="password"
            value={key}
            autoComplete="new-password"
            spellCheck={false}
            onChange={(e) => setKey(e.target.value)}
          />
        </label>
        {replacing && <p className="muted">This replaces the key named “{name.trim()}”.</p>}
        <div className="share-actions">
          <button type="submit" className="button primary" disabled={!name.trim() || !key}>
            Save key
          </button>
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
        </div>
      </form>
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="share-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
