import type { StepNodeData } from './canvasTypes';
import { formatCountdown, useCountdown } from '../runs/useCountdown';
import { formatCost, formatTokens } from '../runs/spendFormat';

/** Marks beside the step's name: a caution for medium confidence, a red mark for policy violations. */
export function StepMarks({ data }: { data: StepNodeData }) {
  const { confidence, violations } = data;
  const cautious = confidence && confidence.level !== 'high';
  return (
    <>
      {cautious && (
        <span
          className={`step-mark step-mark--${confidence.level}`}
          role="img"
          aria-label={`${confidence.level} confidence ${confidence.value.toFixed(2)}`}
          title={
            confidence.level === 'medium'
              ? `Confidence ${confidence.value.toFixed(2)}: went ahead with caution`
              : `Confidence ${confidence.value.toFixed(2)}: a person was asked`
          }
        >
          ⚠
        </span>
      )}
      {violations && violations.length > 0 && (
        <span
          className="step-mark step-mark--violation"
          role="img"
          aria-label={`${violations.length} policy ${violations.length === 1 ? 'violation' : 'violations'}: ${violations.map((v) => `${v.rule}: ${v.detail}`).join('; ')}`}
          title={violations.map((v) => `${v.rule}: ${v.detail}`).join('\n')}
        >
          !
        </span>
      )}
    </>
  );
}

/** One line under the ports saying what the status means right now. */
export function StepNote({ data }: { data: StepNodeData }) {
  switch (data.status) {
    case 'asking':
      return (
        <p className="step-node__note step-node__note--asking" data-testid="step-note" title={data.question}>
          Waiting for you{data.question ? `: ${data.question}` : ''}
        </p>
      );
    case 'retrying':
      return data.retry ? <RetryNote attempt={data.retry.attempt} at={data.retry.at} /> : null;
    case 'skipped':
      return (
        <p className="step-node__note step-node__note--skipped" data-testid="step-note" title={data.reason}>
          {data.reason ?? 'will not run'}
        </p>
      );
    case 'failed':
      return data.reason ? <p className="step-node__reason">{data.reason}</p> : null;
    case 'done':
      return data.rebuilt ? (
        <p className="step-node__note step-node__note--rebuilt" data-testid="step-note">
          ⟲ rebuilt from downstream
        </p>
      ) : null;
    default:
      return null;
  }
}

/** "retry 2 in 3s", ticking; only this line re-renders each second. */
function RetryNote({ attempt, at }: { attempt: number; at: number }) {
  const left = useCountdown(at) ?? 0;
  return (
    <p className="step-node__note step-node__note--retrying" data-testid="step-note">
      retry {attempt}
      {left > 0 ? ` in ${formatCountdown(left)}` : ' now'}
    </p>
  );
}

/** A small meter of what the step has spent in the shown run. */
export function StepSpend({ spend }: { spend: { tokens: number; costUsd: number } }) {
  const parts = [
    spend.tokens > 0 ? `${formatTokens(spend.tokens)} tok` : '',
    spend.costUsd > 0 ? formatCost(spend.costUsd) : '',
  ].filter(Boolean);
  return (
    <div className="step-node__spend" aria-label="spend">
      {parts.join(' · ')}
    </div>
  );
}
