import { useMemo } from 'react';
import type { QuestLevel } from '../../core/quest/levelSchema';
import { solveLevel } from '../../core/quest/planner';
import type { QuestAttempt } from '../../core/quest/questProgress';
import { percent } from './questText';

const yours = (best: QuestAttempt | undefined): string =>
  !best ? 'not played yet' : best.score.won ? percent(best.score.efficiency) : 'not won yet';

/**
 * What Solve shows: the planner's attempt at the level from the declared signatures and what its
 * calls return (pure and deterministic, so it is worked out here, not stored), beside the
 * person's best, with each call and why the planner made it.
 */
export function PlannerAttempt({ level, best }: { level: QuestLevel; best: QuestAttempt | undefined }) {
  const run = useMemo(() => solveLevel(level), [level]);
  return (
    <div className="quest-planner" aria-label="Planner’s attempt" role="group">
      <p className="quest-planner__versus" role="status">
        Planner: {run.score.won ? percent(run.score.efficiency) : 'not won'} · You: {yours(best)}
      </p>
      <p className="muted">{run.score.sentence}</p>
      <ol className="quest-calls" aria-label="Planner’s calls">
        {run.calls.map((call, i) => (
          <li key={i} className={call.ok ? '' : 'is-failed'}>
            <code>
              {call.fn}(
              {Object.values(call.args)
                .map((a) => `'${a}'`)
                .join(', ')}
              )
            </code>{' '}
            {call.ok ? (
              <>
                → <code>'{call.value}'</code>
              </>
            ) : (
              <>failed: {call.value}</>
            )}
            {run.reasons[i] && <div className="muted quest-calls__why">{run.reasons[i]}</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}
