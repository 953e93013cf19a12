import { useState } from 'react';
import { describeError } from '../../core/errors/studioError';
import type { ExportContents } from '../../share/exportFormat';
import { notify } from '../../app/uiStore';
import { Dialog, ProgressLine } from './Dialog';
import { download, exportProjectFile } from './shareActions';
import { SignedByLine } from './SignedByLine';

/** Export…: definitions only, or everything; the file downloads when it is ready. */
export function ExportDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const [contents, setContents] = useState<ExportContents>('everything');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await exportProjectFile(projectId, contents);
      download(file.fileName, file.blob);
      notify('info', `Exported ${file.fileName}: ${file.events} events, ${file.artifacts} artifacts.`);
      onClose();
    } catch (e) {
      const { message, hint } = describeError(e);
      setError(`${message} ${hint}`.trim());
      setBusy(false);
    }
  };
  return (
    <Dialog title="Export project" onClose={onClose}>
      <fieldset className="share-choices" disabled={busy}>
        <legend>What goes in the file</legend>
        <label>
          <input
            type="radio"
            name="contents"
            checked={contents === 'everything'}
            onChange={() => setContents('everything')}
          />
          <span>
            <strong>Everything</strong>: models, flows, and every run with its events and artifacts. The copy replays
            the same.
          </span>
        </label>
        <label>
          <input
            type="radio"
            name="contents"
            checked={contents === 'definitions'}
            onChange={() => setContents('definitions')}
          />
          <span>
            <strong>Definitions only</strong>: models and flows as they are now; no runs. Small.
          </span>
        </label>
      </fieldset>
      <SignedByLine />
      {busy && <ProgressLine label="Exporting…" done={0} total={1} />}
      {error && (
        <p className="share-error" role="alert">
          {error}
        </p>
      )}
      <div className="share-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => void run()}>
          Export
        </button>
      </div>
    </Dialog>
  );
}
