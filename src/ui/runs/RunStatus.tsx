import type { RunState } from '../../core/run/runState';
import { useProjectView } from '../../app/useProjectSession';
import { gateText, progressText, spendText, stageText } from './runStatusText';
import { useRunProgress } from './useRunProgress';
import './runStatus.css';

/**
 * A running run's status in a few words (seed 003's execution status): a progress bar with steps
 * settled of all, what it is at now, the next gate, and spend against its budget. The same parts
 * in a Runs entry and over the canvas; re-rendered with the run, so it moves as the run does.
 */
export function RunStatus({ run, label }: { run: RunState; label: string }) {
  const progress = useRunProgress(run);
  const held = useProjectView((v) => v.alerts?.held.get(run.runId));
  // An alert holding the run comes first: it is why nothing moves.
  const heldText =
    held &&
    `${held.action === 'throttle' ? 'Throttled' : 'Paused for review'} by the alert “${held.rule}”: see the Inbox`;
  const parts = [heldText, stageText(progress), gateText(progress), spendText(progress)].filter(
    (p): p is string => p !== undefined,
  );
  return (
    <div className="run-status" role="group" aria-label={`${label} status`}>
      <div
        className="run-status__bar"
        role="progressbar"
        aria-label={`${label} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={progressText(progress)}
      >
        <div className="run-status__fill" style={{ width: `${progress.percent}%` }} />
      </div>
      <span className="run-status__progress">{progressText(progress)}</span>
      {parts.map((part) => (
        <span key={part} className={part === heldText ? 'run-status__part run-status__part--held' : 'run-status__part'}>
          {part}
        </span>
      ))}
    </div>
  );
}
