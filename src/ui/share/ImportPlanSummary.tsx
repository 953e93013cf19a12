import type { ImportPlan } from '../../share/prepareImport';
import { SignatureVerdictBox } from './SignatureVerdictBox';
import { planSummary } from './shareActions';

/** What a person decides an import on, before anything is written: who signed it, its name, what it holds. */
export function ImportPlanSummary({ plan, onTrust }: { plan: ImportPlan; onTrust: (name: string) => Promise<void> }) {
  return (
    <>
      <SignatureVerdictBox verdict={plan.signature} onTrust={onTrust} />
      <dl className="import-summary">
        <dt>Opens as</dt>
        <dd>{plan.name}</dd>
        <dt>Holds</dt>
        <dd>{planSummary(plan)}</dd>
      </dl>
    </>
  );
}
