import type { Retry } from './stepSettings';

/**
 * The wait before attempt `attempt + 1`, after `attempt` failed (attempt counts from 1):
 * fixed = base; linear = base × attempt; exponential = base × 2^(attempt-1); never above maxMs.
 * A server's Retry-After, when longer, wins: asking again sooner would only be refused again.
 */
export function backoffDelay(
  retry: Pick<Retry, 'backoff' | 'baseMs' | 'maxMs'>,
  attempt: number,
  retryAfterMs = 0,
): number {
  const n = Math.max(1, attempt);
  const raw =
    retry.backoff === 'fixed'
      ? retry.baseMs
      : retry.backoff === 'linear'
        ? retry.baseMs * n
        : retry.baseMs * 2 ** (n - 1);
  return Math.max(Math.min(raw, retry.maxMs), retryAfterMs);
}
