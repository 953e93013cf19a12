import type { ImportPlan } from '../../share/prepareImport';
import { ImportExtensionsApproval } from '../extensions/ImportExtensionsApproval';
import { SignatureVerdictBox } from './SignatureVerdictBox';

/** What a person decides an import on, before anything is written: who signed it, its name, what it holds, the extensions it asks to approve. */
export function ImportPlanSummary({
  plan,
  onTrust,
  approveExtensions,
  onApproveExtensions,
}: {
  plan: ImportPlan;
  onTrust: (name: string) => Promise<void>;
  approveExtensions: boolean;
  onApproveExtensions: (approve: boolean) => void;
}) {
  return (
    <>
      <SignatureVerdictBox verdict={plan.signature} onTrust={onTrust} />
      <dl className="import-summary">
        <dt>Opens as</dt>
        <dd>{plan.name}</dd>
        <dt>Holds</dt>
        <dd>{planSummary(plan)}</dd>
      </dl>
      <ImportExtensionsApproval
        extensions={plan.extensions}
        approve={approveExtensions}
        onApproveChange={onApproveExtensions}
      />
    </>
  );
}

/** What an import would create, in one line, for the person to confirm. */
export function planSummary(plan: ImportPlan): string {
  if (plan.contents === 'definitions') return 'Its models and flows (definitions only, no runs).';
  return `${plan.runs} run${plan.runs === 1 ? '' : 's'}, ${plan.events.length} events and ${plan.artifacts.length} artifacts.`;
}
