import type { StepRunState } from '../../core/run/runState';
import { formatCountdown, useCountdown } from '../runs/useCountdown';

const confidenceText = {
  high: 'high: went ahead on its own',
  medium: 'medium: went ahead with caution',
  low: 'low: a person was asked',
} as const;

/** Facts about the step in the shown run beyond its status: route taken, items, next retry, confidence. */
export function StepRunFacts({ state }: { state: StepRunState }) {
  return (
    <>
      {state.route && (
        <>
          <dt>Route</dt>
          <dd data-testid="step-route">
            took: {state.route.taken ?? 'none'} — {state.route.detail}
          </dd>
        </>
      )}
      {state.map && (
        <>
          <dt>Items</dt>
          <dd>
            {state.map.done} of {state.map.total} done
          </dd>
        </>
      )}
      {state.status === 'retrying' && state.retryAt !== undefined && (
        <>
          <dt>Next try</dt>
          <dd>
            <NextTry at={state.retryAt} attempt={state.attempts.length + 1} />
          </dd>
        </>
      )}
      {state.confidence && (
        <>
          <dt>Confidence</dt>
          <dd className={`confidence confidence--${state.confidence.level}`}>
            {state.confidence.value.toFixed(2)} · {confidenceText[state.confidence.level]}
          </dd>
        </>
      )}
      {state.given && (
        <>
          <dt>Outputs</dt>
          <dd>given when the run started (by a person, or from the run it continues): its model did not run</dd>
        </>
      )}
    </>
  );
}

function NextTry({ at, attempt }: { at: number; attempt: number }) {
  const left = useCountdown(at) ?? 0;
  return (
    <>
      attempt {attempt} {left > 0 ? `in ${formatCountdown(left)}` : 'now'}
    </>
  );
}

/** Policy violations, each with its rule and what broke it. */
export function StepViolations({ violations }: { violations: StepRunState['violations'] }) {
  if (violations.length === 0) return null;
  return (
    <section className="inspector-section" aria-label="Policy violations">
      <h3>Policy violations</h3>
      <ul className="violations">
        {violations.map((v, i) => (
          <li key={i}>
            <strong>{v.rule}</strong>: {v.detail}
          </li>
        ))}
      </ul>
    </section>
  );
}
