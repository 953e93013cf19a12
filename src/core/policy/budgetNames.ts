import { headroom, type Spend } from './budget';
import type { Limits } from './policy';

export type LimitName = 'tokens' | 'costUsd' | 'wallMs';
/** Which budget an agent's spend is held to, for a person: "the run's wall-time budget of 1,000 ms". */
export type TightestBudgets = Partial<Record<LimitName, string>>;

const WHAT: Record<LimitName, string> = { tokens: 'token', costUsd: 'cost', wallMs: 'wall-time' };
const amount = (limit: LimitName, n: number): string =>
  limit === 'tokens'
    ? `${n.toLocaleString('en')} tokens`
    : limit === 'costUsd'
      ? `$${n.toFixed(4)}`
      : `${n.toLocaleString('en')} ms`;

/**
 * For each limit, the budget that leaves the least of it (run, step or agent), named with its
 * size; limits no budget sets are left out. So that a deadline or a token cap a budget set can be
 * told apart from the model's own, and the right budget named when it cuts an agent short.
 */
export function tightestBudgets(
  scopes: ReadonlyArray<{ scope: 'run' | 'step' | 'agent'; limits: Limits | undefined; spent: Spend }>,
): TightestBudgets {
  const found: TightestBudgets = {};
  for (const limit of ['tokens', 'costUsd', 'wallMs'] as const) {
    let least = Infinity;
    for (const { scope, limits, spent } of scopes) {
      const total = limits?.[limit];
      const left = headroom(limits, spent)[limit];
      if (total === undefined || left >= least) continue;
      least = left;
      found[limit] = `the ${scope}'s ${WHAT[limit]} budget of ${amount(limit, total)}`;
    }
  }
  return found;
}
