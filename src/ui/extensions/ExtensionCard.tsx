import type { InstalledExtension } from '../../core/kinds/extension/installedExtension';
import { AsksFor, Provides } from './ExtensionFacts';

export type ExtensionState = 'Enabled' | 'Disabled' | 'Waiting for your approval';

export function extensionState(extension: InstalledExtension, approved: boolean): ExtensionState {
  if (!extension.enabled) return 'Disabled';
  return approved ? 'Enabled' : 'Waiting for your approval';
}

interface ExtensionCardProps {
  extension: InstalledExtension;
  approved: boolean;
  busy: boolean;
  onApprove: () => void;
  onSetEnabled: (enabled: boolean) => void;
  onRemove: () => void;
}

/** One installed extension: who made it, what it adds, what it asks for, its state and what can be done with it. */
export function ExtensionCard({ extension, approved, busy, onApprove, onSetEnabled, onRemove }: ExtensionCardProps) {
  const state = extensionState(extension, approved);
  const { name } = extension;
  return (
    <section className="extension-card" aria-label={name}>
      <header className="extension-card__head">
        <h3>
          {name} <span className="muted">{extension.version}</span>
        </h3>
        <span
          className={`badge extension-state extension-state--${state === 'Enabled' ? 'on' : state === 'Disabled' ? 'off' : 'waiting'}`}
          aria-label={`State: ${state}`}
        >
          {state}
        </span>
      </header>
      <p className="extension-card__by muted">by {extension.author}</p>
      {extension.description && <p className="extension-card__what">{extension.description}</p>}
      <dl className="extension-facts">
        <dt>Provides</dt>
        <dd>
          <Provides kinds={extension.provides} label={`${name} provides`} />
        </dd>
        <dt>Asks for</dt>
        <dd>
          <AsksFor capabilities={extension.capabilities} label={`${name} asks for`} />
        </dd>
      </dl>
      <div className="extension-card__actions">
        {!approved && (
          <button
            type="button"
            className="button small primary"
            disabled={busy}
            aria-label={`Approve ${name}`}
            onClick={onApprove}
          >
            Approve
          </button>
        )}
        <button
          type="button"
          className="button small"
          disabled={busy}
          aria-label={`${extension.enabled ? 'Disable' : 'Enable'} ${name}`}
          onClick={() => onSetEnabled(!extension.enabled)}
        >
          {extension.enabled ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          className="button small ghost"
          disabled={busy}
          aria-label={`Remove ${name}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
    </section>
  );
}
