import { useState } from 'react';
import type { ImportPlan } from '../../share/prepareImport';
import { Dialog, ProgressLine } from './Dialog';
import { ImportPlanSummary } from './ImportPlanSummary';
import type { ImportState } from './useImporter';
import { ForeignImportReport } from '../import/ForeignImportReport';
import type { ForeignFile } from '../import/foreignImportActions';

const STAGE_LABEL = {
  reading: 'Reading the file…',
  checking: 'Checking the file…',
  verifying: 'Verifying the log, artifacts and signature…',
  writing: 'Saving the new project…',
  exporting: 'Exporting…',
} as const;

const vouched = (plan: ImportPlan): boolean =>
  plan.signature.kind === 'this-studio' || plan.signature.kind === 'trusted';

/**
 * Import project: progress while the file is checked, then who signed it, its name and what it
 * holds, and nothing written until the person presses Import. A refusal says why.
 */
export function ImportDialog({
  state,
  onConfirm,
  onTrust,
  onClose,
  onPickAnother,
  onConfirmForeign,
}: {
  state: ImportState;
  onConfirm: (fileName: string, plan: ImportPlan, approveExtensions: boolean) => void;
  onTrust: (fileName: string, plan: ImportPlan, name: string) => Promise<void>;
  onClose: () => void;
  onPickAnother: () => void;
  onConfirmForeign: (fileName: string, file: ForeignFile, llmBaseUrl: string) => void;
}) {
  const [approveExtensions, setApproveExtensions] = useState(false);
  return (
    <Dialog title="Import project" onClose={onClose}>
      <p>
        <span className="muted">File:</span> {state.fileName}
      </p>
      {state.phase === 'progress' && (
        <ProgressLine label={STAGE_LABEL[state.stage]} done={state.done} total={state.total} />
      )}
      {state.phase === 'failed' && (
        <>
          <p className="share-error" role="alert">
            {state.error}
          </p>
          <div className="share-actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="button primary" onClick={onPickAnother}>
              Pick another file
            </button>
          </div>
        </>
      )}
      {state.phase === 'report' && (
        <ForeignImportReport
          report={state.file.report}
          onCancel={onClose}
          onImport={(llmBaseUrl) => onConfirmForeign(state.fileName, state.file, llmBaseUrl)}
        />
      )}
      {state.phase === 'confirm' && (
        <>
          <ImportPlanSummary
            plan={state.plan}
            onTrust={(name) => onTrust(state.fileName, state.plan, name)}
            approveExtensions={approveExtensions}
            onApproveExtensions={setApproveExtensions}
          />
          {state.plan.notices.map((notice) => (
            <p key={notice} className="muted">
              {notice}
            </p>
          ))}
          <p className="muted">It opens as a new project beside yours; nothing you have is changed.</p>
          <div className="share-actions">
            {/* Focus rests on Cancel unless someone the person trusts vouches for the file. */}
            <button type="button" className="button" autoFocus={!vouched(state.plan)} onClick={onClose}>
              Cancel
            </button>
            <button
              type="button"
              className="button primary"
              autoFocus={vouched(state.plan)}
              onClick={() => onConfirm(state.fileName, state.plan, approveExtensions)}
            >
              Import
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
