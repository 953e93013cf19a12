import { useState } from 'react';
import { describeError } from '../../core/errors/studioError';
import { Dialog } from './Dialog';
import { createShareLink } from './shareActions';
import { SignedByLine } from './SignedByLine';

/** Share link…: the project's definitions in a link; optionally locked with a password. */
export function ShareDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const make = async () => {
    setError(null);
    setCopied(false);
    try {
      setLink(await createShareLink(projectId, password || undefined));
    } catch (e) {
      const { message, hint } = describeError(e);
      setError(`${message} ${hint}`.trim());
    }
  };
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setError('The browser did not let the studio copy; select the link and copy it yourself.');
    }
  };
  return (
    <Dialog title="Share link" onClose={onClose}>
      <p className="muted">
        The link holds this project’s models and flows (no runs), compressed, in the part of the address browsers never
        send to a server. Opening it imports a copy.
      </p>
      <SignedByLine />
      <label className="field">
        <span>Password (optional; send it separately)</span>
        <input
          type="password"
          value={password}
          autoComplete="new-password"
          onChange={(e) => (setPassword(e.target.value), setLink(null))}
        />
      </label>
      <div className="share-actions">
        <button type="button" className="button primary" onClick={() => void make()}>
          Create link
        </button>
      </div>
      {link && (
        <>
          <label className="field">
            <span>Link ({link.length.toLocaleString('en')} characters)</span>
            <input readOnly value={link} onFocus={(e) => e.target.select()} aria-label="Share link" />
          </label>
          <div className="share-actions">
            <button type="button" className="button" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="share-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
