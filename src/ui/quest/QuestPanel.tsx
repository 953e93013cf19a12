import { useState } from 'react';
import { useDefinitions } from '../../app/useProjectSession';
import type { FlowDefinition } from '../../core/project/projectState';
import { BUILTIN_LEVELS } from '../../core/quest/builtinLevels';
import { currentLevel, levelFlowName, type LevelProgress } from '../../core/quest/questProgress';
import { PanelHeader } from '../shell/PanelHeader';
import { useCommand } from '../useCommand';
import { AddLevel } from './AddLevel';
import { openLevel } from './openLevel';
import { PlannerAttempt } from './PlannerAttempt';
import { aOrAn, levelName, percent, signatureText } from './questText';
import { useQuestProgress } from './useQuestProgress';
import './quest.css';

function PlayButton({ entry, onPlay }: { entry: LevelProgress; onPlay: (entry: LevelProgress) => void }) {
  return (
    <button type="button" className="button small" onClick={() => onPlay(entry)}>
      Play <span className="visually-hidden">level {entry.level.order}</span>
    </button>
  );
}

/** The level being played: its story, the functions' signatures, the goal, and how the runs went. */
function LevelCard({
  entry,
  next,
  onCanvas,
  onPlay,
}: {
  entry: LevelProgress;
  next: LevelProgress | undefined;
  onCanvas: boolean;
  onPlay: (entry: LevelProgress) => void;
}) {
  const { level, attempts, best } = entry;
  const [solving, setSolving] = useState(false);
  const last = attempts.at(-1);
  return (
    <article className="quest-level" aria-label={levelName(level)}>
      <h3>{levelName(level)}</h3>
      <p className="quest-level__concepts">
        {level.concepts.map((c) => (
          <span key={c} className="badge">
            {c}
          </span>
        ))}
      </p>
      <p>{level.story}</p>
      {!onCanvas && (
        <p className="quest-level__elsewhere">
          The canvas shows another flow. <PlayButton entry={entry} onPlay={onPlay} />
        </p>
      )}
      <h4>Functions</h4>
      <dl className="quest-functions">
        {level.functions.map((fn) => (
          <div key={fn.name}>
            <dt>
              <code>{signatureText(fn)}</code>
            </dt>
            <dd>{fn.description}</dd>
          </div>
        ))}
      </dl>
      {level.given.length > 0 && (
        <p>
          You hold: {level.given.map((g) => `${aOrAn(g.type)} “${g.value}”`).join(', ')} (type it as the run input, or
          give it to the step that needs it).
        </p>
      )}
      <p>
        <strong>Goal:</strong> {aOrAn(level.goal.type)} that is “{level.goal.value}”
      </p>
      <p>
        <strong>Fewest calls:</strong> {level.minCalls}
        {level.budget !== undefined && (
          <>
            {' '}
            · <strong>Budget:</strong> at most {level.budget} calls; one more and the attempt is lost
          </>
        )}
      </p>
      {level.concepts.includes('recovery') && (
        <p className="muted">
          A call may fail until something else was done first. Open its step’s <strong>Step settings</strong> and give
          it a <code>retry</code> that includes <code>script-error</code>: it then tries again after the other steps.
        </p>
      )}
      <div className="quest-result" role="status" aria-label="Level result">
        {!last && (
          <p className="muted">
            Not played yet: drag the functions from Models onto the canvas, connect each output to the input that needs
            it, and press Run.
          </p>
        )}
        {last && (
          <p className={last.score.won ? 'quest-result__won' : 'quest-result__lost'}>Last run: {last.score.sentence}</p>
        )}
        {best && attempts.length > 1 && (
          <p>Best: {best.score.won ? `${percent(best.score.efficiency)} (${best.score.sentence})` : 'not won yet.'}</p>
        )}
        {best?.score.won && next && (
          <p>
            {levelName(next.level)} is unlocked. <PlayButton entry={next} onPlay={onPlay} />
          </p>
        )}
        {best?.score.won && !next && <p>That was the last level: every level is won.</p>}
      </div>
      <div className="quest-solve">
        <button type="button" className="button" aria-expanded={solving} onClick={() => setSolving((s) => !s)}>
          Solve
        </button>
        <span className="muted"> The planner plays the level from the signatures and what its calls return.</span>
        {solving && <PlannerAttempt level={level} best={best} />}
      </div>
    </article>
  );
}

const builtIn = (entry: LevelProgress): boolean => BUILTIN_LEVELS.some((l) => l.id === entry.level.id);

/** Function Quest: the level on the canvas (or the next one to play), Solve, and the ladder of levels. */
export default function QuestPanel({ flow }: { flow: FlowDefinition }) {
  const defs = useDefinitions();
  const execute = useCommand();
  const progress = useQuestProgress();
  const onCanvas = progress.find((p) => levelFlowName(p.level) === flow.name);
  const shown = onCanvas ?? currentLevel(progress.filter(builtIn));
  const play = (entry: LevelProgress) => void openLevel(entry.level, defs, execute);
  // The next rung of the built-in ladder; a person's own level has none.
  const ladder = progress.filter(builtIn);
  const nextOf = (entry: LevelProgress) => (builtIn(entry) ? ladder[ladder.indexOf(entry) + 1] : undefined);
  return (
    <section className="panel quest-panel" aria-label="Function Quest">
      <PanelHeader title="Function Quest" />
      <div className="quest-panel__body">
        {shown ? (
          <LevelCard
            key={shown.level.id}
            entry={shown}
            next={nextOf(shown)}
            onCanvas={shown === onCanvas}
            onPlay={play}
          />
        ) : (
          <p className="muted">There are no levels.</p>
        )}
        <h3>Levels</h3>
        <ol className="quest-levels" aria-label="Levels">
          {progress.map((entry) => {
            const state = !entry.unlocked
              ? 'locked'
              : entry.best?.score.won
                ? `best ${percent(entry.best.score.efficiency)}`
                : entry.attempts.length > 0
                  ? 'not won yet'
                  : 'not played';
            return (
              <li
                key={entry.level.id}
                className={`quest-levels__item is-${entry.unlocked ? 'open' : 'locked'}`}
                aria-label={`${levelName(entry.level)}: ${state}`}
                aria-current={entry === shown ? 'step' : undefined}
              >
                <span className="quest-levels__name">
                  {entry.level.order}. {entry.level.title}
                </span>
                <span className={`badge ${entry.best?.score.won ? 'live' : ''}`}>{state}</span>
                {entry.unlocked && entry !== onCanvas && <PlayButton entry={entry} onPlay={play} />}
              </li>
            );
          })}
        </ol>
        <AddLevel onAdd={(level) => openLevel(level, defs, execute)} />
        <p className="muted quest-panel__small">
          A level unlocks when the one before it is won (a level you add is open from the start). Efficiency is the
          fewest calls ÷ the calls a run used, up to the winning call.
        </p>
      </div>
    </section>
  );
}
