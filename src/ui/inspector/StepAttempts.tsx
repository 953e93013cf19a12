import type { ModelId } from '../../core/ids';
import type { ProjectDefinitions } from '../../core/project/projectState';
import type { StepAttempt, StepRunState } from '../../core/run/runState';
import { formatDuration } from '../format';
import { formatCost, formatTokens } from '../runs/spendFormat';

const modelName = (defs: ProjectDefinitions, modelId: ModelId): string => defs.models.get(modelId)?.name ?? modelId;

/** Every agent sent for the step, in order: which model, which try, how it ended, and what it cost. */
export function StepAttempts({ attempts, ownModelId, defs }: { attempts: readonly StepAttempt[]; ownModelId: ModelId; defs: ProjectDefinitions }) {
  if (attempts.length === 0) return null;
  return (
    <section className="inspector-section" aria-label="Attempts">
      <h3>Attempts ({attempts.length})</h3>
      <ol className="attempts" aria-label="Attempts">
        {attempts.map((a) => {
          const outcome = a.outcome ?? 'running';
          const meta = [a.errorClass, a.durationMs !== undefined ? formatDuration(a.durationMs) : '', a.tokens ? `${formatTokens(a.tokens)} tokens` : '', a.costUsd ? formatCost(a.costUsd) : ''].filter(Boolean);
          return (
            <li key={a.agentId} className={`attempt attempt--${outcome}`}>
              <div className="attempt__head">
                <span className="attempt__model">
                  {modelName(defs, a.modelId)} v{a.modelVersion}
                </span>
                <span className="tag">attempt {a.attempt}</span>
                {a.item !== undefined && <span className="tag">item {a.item + 1}</span>}
                {a.reverse && <span className="tag tag--reverse">reverse</span>}
                {!a.reverse && a.modelId !== ownModelId && <span className="tag tag--fallback">fallback</span>}
                <span className={`attempt__outcome outcome-${outcome}`}>{outcome === 'running' ? 'running…' : outcome}</span>
              </div>
              {meta.length > 0 && <div className="attempt__meta">{meta.join(' · ')}</div>}
              {a.reason && <div className="attempt__reason">{a.reason}</div>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** "Produced by Writer v2 (fallback)": which model made the step's outputs in the end. */
export function ProducedBy({ state, ownModelId, defs }: { state: StepRunState; ownModelId: ModelId; defs: ProjectDefinitions }) {
  const by = state.producedBy;
  if (!by) return null;
  const note = by.reverse ? ' (rebuilt from downstream)' : by.modelId !== ownModelId ? ' (fallback)' : '';
  return (
    <p className="produced-by" data-testid="produced-by">
      Produced by {modelName(defs, by.modelId)} v{by.modelVersion}
      {note}
    </p>
  );
}
