import { backoffDelay } from '../flow/backoff';
import type { ModelRef, PlanStep } from '../events/eventMap';
import type { Retry } from '../flow/stepSettings';
import type { ErrorClass } from './ports';

export type NextMove =
  | { kind: 'retry'; attempt: number; model: ModelRef; fallback: boolean; delayMs: number }
  | { kind: 'skip' }
  | { kind: 'fail' };

/**
 * What a step does after attempt `attempt` of its current model failed with `errorClass`:
 * 1. try the same model again, after the backoff, if the retry policy names the class and
 *    attempts are left;
 * 2. else move to the next model of the fallback chain (from attempt 1, straight away);
 * 3. else, for a non-critical step, skip it so the run goes on; else fail.
 * Budget refusals are never retried: trying again would overspend.
 */
export function nextAfterFailure(
  step: PlanStep,
  attempt: number,
  fallbackIndex: number,
  errorClass: ErrorClass,
  retryAfterMs?: number,
): NextMove {
  const retry = step.settings?.retry;
  if (errorClass !== 'budget' && retry && retry.on.includes(errorClass) && attempt < retry.maxAttempts) {
    const current =
      fallbackIndex === 0
        ? { modelId: step.modelId, modelVersion: step.modelVersion }
        : (step.fallbacks?.[fallbackIndex - 1] as ModelRef);
    return {
      kind: 'retry',
      attempt: attempt + 1,
      model: current,
      fallback: false,
      delayMs: backoffDelay(retry, attempt, retryAfterMs),
    };
  }
  const next = errorClass === 'budget' ? undefined : step.fallbacks?.[fallbackIndex];
  if (next) return { kind: 'retry', attempt: 1, model: next, fallback: true, delayMs: 0 };
  return step.settings?.critical === false ? { kind: 'skip' } : { kind: 'fail' };
}

/**
 * Why a failed attempt was not tried again although the step has a retry policy with attempts
 * left: its error class is not one the policy names. A sentence for the step's attempts list that
 * says how to change that; undefined when a retry did follow or no policy applies.
 */
export function notRetriedNote(
  retry: Retry | undefined,
  attempt: number,
  errorClass: string | undefined,
): string | undefined {
  if (!retry || errorClass === undefined || attempt >= retry.maxAttempts) return undefined;
  if (errorClass === 'budget')
    return 'Not retried: a failure to stay within budget is never retried, since another try would overspend.';
  if ((retry.on as readonly string[]).includes(errorClass)) return undefined;
  return `Not retried: “${errorClass}” failures are not in retry.on (${retry.on.join(', ')}). Add "${errorClass}" to retry.on in the step settings to retry them.`;
}
