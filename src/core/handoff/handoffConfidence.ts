import type { ConfidenceLevel } from '../policy/policy';

/** What happened to one earlier handoff of the same model in this project. */
export interface HandoffOutcome {
  accepted: boolean;
  /** How many earlier attempts of the same step it took (0: first try). */
  retries: number;
  violation: boolean;
}

export interface ConfidenceThresholds {
  high: number;
  medium: number;
}

/** The seed's levels: high from 0.8, medium from 0.5, low below. A policy's `confidence` overrides them. */
export const DEFAULT_THRESHOLDS: ConfidenceThresholds = { high: 0.8, medium: 0.5 };

/**
 * A model never handed off before is trusted this much: just above `high`, so a first task runs
 * autonomously, and two failures in a row bring it below `medium`.
 */
const PRIOR = 0.85;
/** How many outcomes the prior weighs as (a Beta-style prior, so history takes over as it grows). */
const PRIOR_WEIGHT = 2;

/** One outcome's credit: a first-try success is full, a success after retries half, a violation costs. */
const credit = (o: HandoffOutcome): number => {
  if (o.violation) return -0.5;
  if (!o.accepted) return 0;
  return o.retries === 0 ? 1 : 0.5;
};

/**
 * The confidence of handing a model's next task off, 0–1 rounded to 2 decimals: the prior blended
 * with the credit of its history (success rate, retries, violations), clamped to [0, 1].
 */
export function confidenceScore(history: readonly HandoffOutcome[]): number {
  const total = history.reduce((sum, o) => sum + credit(o), 0);
  const score = (PRIOR * PRIOR_WEIGHT + total) / (PRIOR_WEIGHT + history.length);
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

export function confidenceLevelOf(
  score: number,
  thresholds: ConfidenceThresholds = DEFAULT_THRESHOLDS,
): ConfidenceLevel {
  if (score >= thresholds.high) return 'high';
  return score >= thresholds.medium ? 'medium' : 'low';
}

/** The task's `confidence` field. */
export function scoreConfidence(
  history: readonly HandoffOutcome[],
  thresholds: ConfidenceThresholds = DEFAULT_THRESHOLDS,
): { score: number; level: ConfidenceLevel } {
  const score = confidenceScore(history);
  return { score, level: confidenceLevelOf(score, thresholds) };
}
