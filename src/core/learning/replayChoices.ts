import type { StoredEvent } from '../events/storedEvent';
import { OutcomeHistory } from './outcomeHistory';
import { chooseFromTallies } from './thompson';

export interface ReplayedChoice {
  seq: number;
  stepId: string;
  recorded: readonly string[];
  replayed: readonly string[];
  /** The order, and every candidate's tally, draw and score, came out exactly as recorded. */
  same: boolean;
}

/**
 * Makes every recorded learning choice again from the log alone: the history folded up to the
 * choice, the seed and weights its event recorded, the candidates in the order the chain was
 * written. A log whose choices all come out the same was chosen by this bandit from this history,
 * so a replay (or anyone reading an export) sees exactly why each run tried what it tried.
 */
export function replayChoices(events: readonly StoredEvent[]): ReplayedChoice[] {
  const history = new OutcomeHistory();
  const out: ReplayedChoice[] = [];
  for (const event of events) {
    if (event.type === 'model.chosen') {
      const { stepId, seed, weights, candidates, order } = event.data;
      const again = chooseFromTallies(
        candidates.map((c) => c.modelId),
        (modelId) => history.tallyOf(stepId, modelId),
        seed,
        weights,
      );
      const statsSame = again.stats.every((s, i) => {
        const c = candidates[i];
        return (
          c !== undefined &&
          c.modelId === s.modelId &&
          c.runs === s.runs &&
          c.successes === s.successes &&
          c.draw === s.draw &&
          c.score === s.score
        );
      });
      out.push({
        seq: event.seq,
        stepId,
        recorded: order,
        replayed: again.order,
        same: statsSame && again.order.join() === order.join(),
      });
    }
    history.observe(event);
  }
  return out;
}
