import type { ImportedExtension } from '../../share/importedExtensions';
import { AsksFor } from './ExtensionFacts';
import './extensions.css';

/**
 * The extensions an imported project carries and what each asks for, with the choice to approve
 * them in this browser as it is imported. Unchecked by default: an extension that is not
 * approved waits in the Extensions panel, and a flow using it does not run.
 */
export function ImportExtensionsApproval({
  extensions,
  approve,
  onApproveChange,
}: {
  extensions: readonly ImportedExtension[];
  approve: boolean;
  onApproveChange: (approve: boolean) => void;
}) {
  if (extensions.length === 0) return null;
  return (
    <section className="import-extensions" aria-label="Extensions in this project">
      <h3>
        {extensions.length === 1
          ? 'This project uses an extension'
          : `This project uses ${extensions.length} extensions`}
      </h3>
      <ul className="import-extensions__list">
        {extensions.map((e) => (
          <li key={e.extensionId}>
            <strong>{e.name}</strong>{' '}
            <span className="muted">
              {e.version} · by {e.author}
            </span>
            <div className="import-extensions__asks">
              <span className="muted">Asks for</span>
              <AsksFor capabilities={e.capabilities} label={`${e.name} asks for`} />
            </div>
          </li>
        ))}
      </ul>
      <label>
        <input type="checkbox" checked={approve} onChange={(ev) => onApproveChange(ev.target.checked)} />
        <span>Approve these extensions’ capabilities in this browser</span>
      </label>
      {!approve && (
        <p className="muted">
          Unapproved, they wait for you under Project ▾ → Extensions, and flows that use them do not run.
        </p>
      )}
    </section>
  );
}
