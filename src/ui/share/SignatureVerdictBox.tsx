import { useState } from 'react';
import { describeError } from '../../core/errors/studioError';
import { verdictDetail, verdictFingerprint, verdictText, type SignatureVerdict } from '../../share/signatureVerdict';

/**
 * Who signed a file, said before it is opened: the verdict in words, the key's short fingerprint
 * and what that means. A key nobody named yet can be trusted from here, under a name.
 */
export function SignatureVerdictBox({
  verdict,
  onTrust,
}: {
  verdict: SignatureVerdict;
  onTrust?: (name: string) => Promise<void>;
}) {
  const fingerprint = verdictFingerprint(verdict);
  const vouched = verdict.kind === 'this-studio' || verdict.kind === 'trusted';
  return (
    <section
      className={`signature-verdict ${vouched ? 'signature-verdict--vouched' : 'signature-verdict--unvouched'}`}
      aria-label="Signature"
    >
      <p className="signature-verdict__title">
        <span aria-hidden="true">{vouched ? '✔ ' : '⚠ '}</span>
        <strong>{verdictText(verdict)}</strong>
      </p>
      {fingerprint && (
        <p>
          <span className="muted">Key fingerprint:</span> <code aria-label="Key fingerprint">{fingerprint}</code>
        </p>
      )}
      <p className="muted">{verdictDetail(verdict)}</p>
      {verdict.kind === 'unknown' && onTrust && <TrustKeyForm onTrust={onTrust} />}
    </section>
  );
}

function TrustKeyForm({ onTrust }: { onTrust: (name: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Trust this key as…
      </button>
    );
  }
  const submit = async () => {
    setError(null);
    try {
      await onTrust(name);
    } catch (e) {
      const { message, hint } = describeError(e);
      setError(`${message} ${hint}`.trim());
    }
  };
  return (
    <form className="signature-verdict__trust" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <label className="field">
        <span>Whose key is this? (compare the fingerprint with them first)</span>
        <input
          autoFocus
          value={name}
          maxLength={80}
          placeholder="e.g. Ada’s laptop"
          onChange={(e) => setName(e.target.value)}
          aria-label="Name for this key"
        />
      </label>
      <div className="share-actions">
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Not now
        </button>
        <button type="submit" className="button">
          Trust key
        </button>
      </div>
      {error && (
        <p className="share-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
