import { betaDraw, seededRandom } from './seededRandom';

/** One recorded attempt of a model at a step: from the project's runs, imported ones included. */
export interface ModelOutcome {
  modelId: string;
  succeeded: boolean;
  costUsd: number;
  latencyMs: number;
}

/**
 * How much each thing matters when ordering the chain (the step's policy): success is the
 * sampled success rate; cost and latency are penalties, each model's mean scaled by the largest
 * among the candidates, so the weights compare like with like.
 */
export interface LearningWeights {
  success: number;
  cost: number;
  latency: number;
}
export const defaultWeights: LearningWeights = { success: 1, cost: 0.2, latency: 0 };

export interface CandidateStats {
  modelId: string;
  runs: number;
  successes: number;
  meanCostUsd: number;
  meanLatencyMs: number;
  /** The success rate drawn from its Beta posterior for this choice. */
  draw: number;
  score: number;
}

export interface LearnedOrder {
  /** The fallback chain, best first. */
  order: string[];
  /** The seed the draws came from: recorded in the event, so a replay chooses the same. */
  seed: number;
  stats: CandidateStats[];
  /** For a person: “chose B: 14 of 15 succeeded, $0.002 a call”. */
  reason: string;
}

/** What a model's recorded attempts at a step add up to: kept as sums, so a fold stays small. */
export interface OutcomeTally {
  runs: number;
  successes: number;
  costUsd: number;
  latencyMs: number;
}
export const emptyTally: OutcomeTally = { runs: 0, successes: 0, costUsd: 0, latencyMs: 0 };

/** Adds one outcome to a tally (a new object: tallies are shared between folds). */
export const addOutcome = (t: OutcomeTally, o: Omit<ModelOutcome, 'modelId'>): OutcomeTally => ({
  runs: t.runs + 1,
  successes: t.successes + (o.succeeded ? 1 : 0),
  costUsd: t.costUsd + o.costUsd,
  latencyMs: t.latencyMs + o.latencyMs,
});

// Below a tenth of a cent, two significant digits ("$0.00015"), so a cheap model's cost still reads as something.
const formatUsd = (usd: number): string =>
  `$${usd === 0 ? '0' : usd < 0.001 ? Number(usd.toPrecision(2)).toString() : usd < 0.01 ? usd.toFixed(3) : usd.toFixed(2)}`;
const formatMs = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/**
 * Thompson sampling over a step's candidate models: for each, draw a success rate from
 * Beta(1 + successes, 1 + failures), subtract its weighted cost and latency, and order the chain
 * by that score. A model with little history has a wide posterior, so it is still tried now and
 * then; one that keeps succeeding cheaply comes first more and more often. Pure: the draws come
 * from `seed`, and candidates are visited in the order given, so the same inputs always give the
 * same order.
 */
export function chooseOrder(
  candidates: readonly string[],
  outcomes: readonly ModelOutcome[],
  seed: number,
  weights: LearningWeights = defaultWeights,
  names: Readonly<Record<string, string>> = {},
): LearnedOrder {
  const tallies = new Map<string, OutcomeTally>();
  for (const o of outcomes) tallies.set(o.modelId, addOutcome(tallies.get(o.modelId) ?? emptyTally, o));
  return chooseFromTallies(candidates, (modelId) => tallies.get(modelId) ?? emptyTally, seed, weights, names);
}

/** chooseOrder over tallies already summed (what the conductor's fold of the log keeps). */
export function chooseFromTallies(
  candidates: readonly string[],
  tallyOf: (modelId: string) => OutcomeTally,
  seed: number,
  weights: LearningWeights = defaultWeights,
  names: Readonly<Record<string, string>> = {},
): LearnedOrder {
  const random = seededRandom(seed);
  const raw = candidates.map((modelId) => {
    const t = tallyOf(modelId);
    const mean = (sum: number) => (t.runs === 0 ? 0 : sum / t.runs);
    return {
      modelId,
      runs: t.runs,
      successes: t.successes,
      meanCostUsd: mean(t.costUsd),
      meanLatencyMs: mean(t.latencyMs),
      draw: betaDraw(1 + t.successes, 1 + t.runs - t.successes, random),
    };
  });
  const maxCost = Math.max(0, ...raw.map((r) => r.meanCostUsd));
  const maxLatency = Math.max(0, ...raw.map((r) => r.meanLatencyMs));
  const stats: CandidateStats[] = raw.map((r) => ({
    ...r,
    score:
      weights.success * r.draw -
      (maxCost > 0 ? (weights.cost * r.meanCostUsd) / maxCost : 0) -
      (maxLatency > 0 ? (weights.latency * r.meanLatencyMs) / maxLatency : 0),
  }));
  // Ties keep the chain's own order (a stable sort), so an even prior changes nothing.
  const order = [...stats].sort((a, b) => b.score - a.score).map((s) => s.modelId);
  const best = stats.find((s) => s.modelId === order[0]);
  return { order, seed, stats, reason: best ? reasonFor(best, weights, names) : 'no candidate models to choose from' };
}

function reasonFor(best: CandidateStats, weights: LearningWeights, names: Readonly<Record<string, string>>): string {
  const name = names[best.modelId] ?? best.modelId;
  if (best.runs === 0) return `chose ${name}: no recorded runs yet, so it was drawn from an even prior`;
  const parts = [`${best.successes} of ${best.runs} succeeded`];
  if (weights.cost > 0 || best.meanCostUsd > 0) parts.push(`${formatUsd(best.meanCostUsd)} a call`);
  if (weights.latency > 0) parts.push(`${formatMs(best.meanLatencyMs)} a call`);
  return `chose ${name}: ${parts.join(', ')}`;
}
