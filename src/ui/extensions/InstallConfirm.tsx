import type { ExtensionPackage } from '../../core/extensions/extensionPackage';
import { AsksFor, Provides } from './ExtensionFacts';

/**
 * The install step: the file's manifest as a person decides on it (who made it, what it adds,
 * what it asks for), and nothing installed until “Approve and install”.
 */
export function InstallConfirm({
  fileName,
  pkg,
  busy,
  onInstall,
  onCancel,
}: {
  fileName: string;
  pkg: ExtensionPackage;
  busy: boolean;
  onInstall: () => void;
  onCancel: () => void;
}) {
  const { manifest } = pkg;
  return (
    <section className="extension-install" aria-label="Install extension">
      <p className="muted">File: {fileName}</p>
      <dl className="import-summary">
        <dt>Name</dt>
        <dd>{manifest.name}</dd>
        <dt>Version</dt>
        <dd>{manifest.version}</dd>
        <dt>Author</dt>
        <dd>{manifest.author}</dd>
        {manifest.description && (
          <>
            <dt>What it does</dt>
            <dd>{manifest.description}</dd>
          </>
        )}
        <dt>Provides</dt>
        <dd>
          <Provides kinds={manifest.provides} label="Provides" />
        </dd>
        <dt>Asks for</dt>
        <dd>
          <AsksFor capabilities={manifest.capabilities} label="Asks for" />
        </dd>
      </dl>
      <p className="muted">
        Its code runs only in the studio’s sandbox, and can do nothing beyond what it asks for. Approving is for this
        browser only: whoever opens a project you share approves it for themselves.
      </p>
      <div className="share-actions">
        <button type="button" className="button" autoFocus disabled={busy} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={onInstall}>
          {busy ? 'Installing…' : 'Approve and install'}
        </button>
      </div>
    </section>
  );
}

/** A file that is not an installable extension: each problem with its path, and nothing changed. */
export function InstallRefused({
  fileName,
  problems,
  onBack,
}: {
  fileName: string;
  problems: readonly string[];
  onBack: () => void;
}) {
  return (
    <section className="extension-install" aria-label="Install extension">
      <div className="share-error" role="alert">
        <p>“{fileName}” cannot be installed; nothing was changed.</p>
        <ul className="extension-problems" aria-label="Problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </div>
      <div className="share-actions">
        <button type="button" className="button" autoFocus onClick={onBack}>
          Back
        </button>
      </div>
    </section>
  );
}
