import { notRetriedNote } from '../../core/conductor/stepResilience';
import type { Retry } from '../../core/flow/stepSettings';
import type { ModelId } from '../../core/ids';
import type { ProjectDefinitions } from '../../core/project/projectState';
import type { AgentCall, StepAttempt, StepRunState } from '../../core/run/runState';
import { formatDuration } from '../format';
import { formatCost, formatTokens } from '../runs/spendFormat';

const modelName = (defs: ProjectDefinitions, modelId: ModelId): string => defs.models.get(modelId)?.name ?? modelId;

/** Every agent sent for the step, in order: which model, which try, how it ended, and what it cost. */
export function StepAttempts({
  attempts,
  ownModelId,
  defs,
  retry,
  onExplain,
}: {
  attempts: readonly StepAttempt[];
  ownModelId: ModelId;
  defs: ProjectDefinitions;
  retry?: Retry | undefined;
  onExplain?: (agentId: string) => void;
}) {
  if (attempts.length === 0) return null;
  return (
    <section className="inspector-section" aria-label="Attempts">
      <h3>Attempts ({attempts.length})</h3>
      <ol className="attempts" aria-label="Attempts">
        {attempts.map((a) => {
          const outcome = a.outcome ?? 'running';
          const notRetried = a.outcome === 'failed' ? notRetriedNote(retry, a.attempt, a.errorClass) : undefined;
          const meta = [
            a.errorClass,
            a.durationMs !== undefined ? formatDuration(a.durationMs) : '',
            a.tokens ? `${formatTokens(a.tokens)} tokens` : '',
            a.costUsd ? formatCost(a.costUsd) : '',
          ].filter(Boolean);
          return (
            <li key={a.agentId} className={`attempt attempt--${outcome}`}>
              <div className="attempt__head">
                <span className="attempt__model">
                  {modelName(defs, a.modelId)} v{a.modelVersion}
                </span>
                <span className="tag">attempt {a.attempt}</span>
                {a.item !== undefined && <span className="tag">item {a.item + 1}</span>}
                {a.reverse && <span className="tag tag--reverse">reverse</span>}
                {a.extension && (
                  <span className="tag" title={`extension ${a.extension.extensionId}`}>
                    {a.extension.extensionId} {a.extension.version}
                  </span>
                )}
                {!a.reverse && a.modelId !== ownModelId && <span className="tag tag--fallback">fallback</span>}
                <span className={`attempt__outcome outcome-${outcome}`}>
                  {outcome === 'running' ? 'running…' : outcome}
                </span>
                {onExplain && (
                  <button
                    type="button"
                    className="button small ghost"
                    aria-label={`Explain attempt ${a.attempt} of ${modelName(defs, a.modelId)}`}
                    onClick={() => onExplain(a.agentId)}
                  >
                    Explain
                  </button>
                )}
              </div>
              {meta.length > 0 && <div className="attempt__meta">{meta.join(' · ')}</div>}
              {a.reason && <div className="attempt__reason">{a.reason}</div>}
              {notRetried && (
                <div className="attempt__note" role="note">
                  {notRetried}
                </div>
              )}
              {a.budgetNotes?.map((note, i) => (
                <div key={i} className="attempt__note" role="note">
                  {note}
                </div>
              ))}
              {a.calls && a.calls.length > 0 && <AgentCalls calls={a.calls} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** What the agent asked the conductor for: each call, what it came to, and why a refused one was refused. */
function AgentCalls({ calls }: { calls: readonly AgentCall[] }) {
  return (
    <ul className="attempt__calls" aria-label="Calls through the conductor">
      {calls.map((c, i) => {
        const meta = [
          c.status !== undefined ? String(c.status) : '',
          c.bytes !== undefined ? `${c.bytes} B` : '',
          formatDuration(c.durationMs),
          c.usage ? `${formatTokens(c.usage.promptTokens + c.usage.completionTokens)} tokens` : '',
        ].filter(Boolean);
        return (
          <li key={i} className={`attempt__call call--${c.outcome}`}>
            <span className="attempt__call-what">{c.summary}</span>{' '}
            <span className={`attempt__outcome outcome-${c.outcome === 'ok' ? 'succeeded' : 'failed'}`}>
              {c.outcome}
            </span>
            {meta.length > 0 && <span className="attempt__meta"> · {meta.join(' · ')}</span>}
            {c.detail && <div className="attempt__reason">{c.detail}</div>}
          </li>
        );
      })}
    </ul>
  );
}

/** "Produced by Writer v2 (fallback)": which model made the step's outputs in the end. */
export function ProducedBy({
  state,
  ownModelId,
  defs,
}: {
  state: StepRunState;
  ownModelId: ModelId;
  defs: ProjectDefinitions;
}) {
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
