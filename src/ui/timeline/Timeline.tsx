import type { MarkerKind, RunReplay } from '../../core/replay/runReplay';
import type { RunState } from '../../core/run/runState';
import { uiStore, useUi } from '../../app/uiStore';
import { useCommand } from '../useCommand';
import { describeEvent } from './describeEvent';
import { usePlayback } from './usePlayback';
import { openExplain } from '../explain/explainStore';
import { ExploreButton } from '../explore/ExploreButton';
import { hasRunner } from '../../app/runnerClient';
import { ContinueOnRunnerButton } from '../runner/ContinueOnRunnerButton';

const SPEEDS = [0.25, 1, 4, 16];

/**
 * The shown run's timeline. The live view is this timeline held at its end; moving the cursor
 * shows the canvas, statuses, edge artifacts and inspector exactly as they were then, by
 * folding recorded events (nothing is run again).
 */
export function Timeline({ replay, run }: { replay: RunReplay; run: RunState }) {
  const execute = useCommand();
  const cursor = useUi((s) => s.cursor);
  const playing = useUi((s) => s.playing);
  const speed = useUi((s) => s.speed);
  usePlayback(replay);
  const end = replay.length - 1;
  const at = cursor ?? end;
  const event = replay.event(at);
  const moveTo = (index: number | undefined) => {
    if (index === undefined) return;
    const clamped = Math.max(0, Math.min(end, index));
    uiStore.setState({ cursor: clamped === end && run.status === 'running' ? null : clamped, playing: false });
  };
  const jump = (kind: MarkerKind, direction: 1 | -1) => moveTo(replay.nextMarker(kind, at, direction));
  const fork = async () => {
    if (!event) return;
    const result = await execute({ type: 'forkRun', runId: run.runId, atSeq: event.seq });
    if (result.ok && result.createdId) uiStore.setState({ runId: result.createdId, cursor: null, playing: false });
  };

  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline__buttons">
        <button
          type="button"
          className="button small"
          aria-label="Step back"
          title="Step back (Alt+←)"
          onClick={() => moveTo(at - 1)}
          disabled={at <= 0}
        >
          ◀︎
        </button>
        <button
          type="button"
          className="button small"
          aria-label={playing ? 'Pause' : 'Play'}
          onClick={() => uiStore.setState({ playing: !playing, cursor: !playing && at >= end ? 0 : at })}
        >
          {playing ? '❚❚' : '▶'}
        </button>
        <button
          type="button"
          className="button small"
          aria-label="Step forward"
          title="Step forward (Alt+→)"
          onClick={() => moveTo(at + 1)}
          disabled={at >= end}
        >
          ▶︎▏
        </button>
        {/* Jumps between the moments worth a look: words a person reads, and a tooltip saying where each goes. */}
        <button
          type="button"
          className="button small ghost"
          aria-label="Previous failure"
          title="Jump back to the last moment an agent failed or the run failed"
          onClick={() => jump('failure', -1)}
          disabled={replay.nextMarker('failure', at, -1) === undefined}
        >
          ‹ Failure
        </button>
        <button
          type="button"
          className="button small ghost"
          aria-label="Next failure"
          title="Jump ahead to the next moment an agent failed or the run failed"
          onClick={() => jump('failure', 1)}
          disabled={replay.nextMarker('failure', at) === undefined}
        >
          Failure ›
        </button>
        <button
          type="button"
          className="button small ghost"
          aria-label="Next gap"
          title="Jump ahead to the next gap the conductor opened: a step whose inputs are ready and whose outputs are still missing"
          onClick={() => jump('gap', 1)}
          disabled={replay.nextMarker('gap', at) === undefined}
        >
          Gap ›
        </button>
        <button
          type="button"
          className="button small ghost"
          aria-label="Next agent"
          title="Jump ahead to the next agent the conductor started for a step"
          onClick={() => jump('agent', 1)}
          disabled={replay.nextMarker('agent', at) === undefined}
        >
          Agent ›
        </button>
        <label className="timeline__speed">
          <span className="visually-hidden">Speed</span>
          <select
            aria-label="Speed"
            value={speed}
            onChange={(e) => uiStore.setState({ speed: Number(e.target.value) })}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <input
        className="timeline__slider"
        type="range"
        min={0}
        max={end}
        value={at}
        aria-label="Timeline position"
        aria-valuetext={`Event ${at + 1} of ${end + 1}: ${describeEvent(event, run)}`}
        onChange={(e) => moveTo(Number(e.target.value))}
      />
      <span className="timeline__where" aria-live="polite">
        {at + 1}/{end + 1} · {describeEvent(event, run)}
      </span>
      {cursor === null ? (
        <span className="badge live">{run.status === 'running' ? 'Live' : 'End'}</span>
      ) : (
        <button
          type="button"
          className="button small"
          onClick={() => uiStore.setState({ cursor: null, playing: false })}
        >
          Back to live
        </button>
      )}
      <button
        type="button"
        className="button small ghost"
        onClick={() => event && openExplain({ kind: 'event', seq: event.seq })}
        disabled={!event}
        title="Why this event happened: its causes and what came of it, from the log"
      >
        Explain
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => void fork()}
        title="Run again from this moment with the flow and models as they are now; finished steps are reused"
      >
        Fork from here
      </button>
      <ExploreButton run={run} atSeq={event?.seq} />
      {hasRunner() && run.remote?.live !== true && (
        <ContinueOnRunnerButton atMoment={replay.at(at)} disabled={!event} />
      )}
    </section>
  );
}
