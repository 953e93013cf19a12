import { parse } from '../cel/celParse';
import type { FlowTestResult } from '../flowTests/flowTestSchema';
import type { RunId } from '../ids';
import type { ExploreScore, ExploreVariant, VariantResult } from './exploreSchema';

/** What a finished variant's run gave, as scoring needs it: values already read from the artifact store. */
export interface VariantOutcome {
  runId: RunId;
  status: 'succeeded' | 'failed' | 'interrupted';
  costUsd: number;
  tokens: number;
  /** Outputs of the steps that finished, by step label, then port. */
  outputs: Record<string, Record<string, unknown>>;
  /** For a `tests` score: the flow's tests judged on this run. */
  tests?: readonly FlowTestResult[];
}

const firstLine = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
};

/** Compiles a CEL score expression, or says why it is not one; used before anything starts. */
export function checkScoreExpression(source: string): string | undefined {
  try {
    parse(source);
    return undefined;
  } catch (error) {
    return `is not a valid CEL expression: ${firstLine(error)}`;
  }
}

/** A CEL value as a score: numbers as they are (CEL ints come as bigint), true/false as 1/0. */
function asScore(value: unknown): number | undefined {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

/**
 * One variant's score. Pure and total: a run that did not succeed, an expression that throws or
 * gives something that is not a number all come back with a null score and a sentence, never an
 * exception.
 */
export function scoreVariant(score: ExploreScore, outcome: VariantOutcome): VariantResult {
  const base = { runId: outcome.runId, status: outcome.status, costUsd: outcome.costUsd, tokens: outcome.tokens };
  if (outcome.status !== 'succeeded')
    return { ...base, score: null, detail: `Its run ${outcome.status}, so it has no score.` };
  if (score.kind === 'tests') {
    const tests = outcome.tests ?? [];
    if (tests.length === 0) return { ...base, score: null, detail: 'The flow has no tests to score it by.' };
    const passed = tests.filter((t) => t.passed).length;
    return { ...base, score: passed, detail: `${passed} of ${tests.length} test${tests.length === 1 ? '' : 's'} pass` };
  }
  let value: unknown;
  try {
    value = parse(score.expression)({
      outputs: outcome.outputs,
      status: outcome.status,
      costUsd: outcome.costUsd,
      tokens: outcome.tokens,
    });
  } catch (error) {
    return { ...base, score: null, detail: `The score expression could not be evaluated: ${firstLine(error)}.` };
  }
  const number = asScore(value);
  if (number === undefined)
    return {
      ...base,
      score: null,
      detail: `The score expression gave ${JSON.stringify(value) ?? String(value)}, not a number or true/false.`,
    };
  return { ...base, score: number, detail: `Score ${number}` };
}

/**
 * Best first: a variant with a score before one without, higher scores first, then the cheaper,
 * then fewer tokens, then the order the person listed them. The winner is the first, if it has a score.
 */
export function rankVariants(
  variants: readonly ExploreVariant[],
  results: readonly VariantResult[],
): { ranking: RunId[]; winner: RunId | null } {
  const order = new Map(variants.map((v, i) => [v.runId, i]));
  const ranked = [...results].sort(
    (a, b) =>
      Number(a.score === null) - Number(b.score === null) ||
      (b.score ?? 0) - (a.score ?? 0) ||
      a.costUsd - b.costUsd ||
      a.tokens - b.tokens ||
      (order.get(a.runId) ?? 0) - (order.get(b.runId) ?? 0),
  );
  const first = ranked[0];
  return { ranking: ranked.map((r) => r.runId), winner: first && first.score !== null ? first.runId : null };
}
