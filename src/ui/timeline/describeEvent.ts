import type { StoredEvent } from '../../core/events/storedEvent';
import type { RunState } from '../../core/run/runState';
import { describeValue } from '../../core/alerts/describeAlert';

/** One line for a person about what a run event did: the timeline shows it at the cursor. */
export function describeEvent(event: StoredEvent | undefined, run: RunState): string {
  if (!event) return '';
  const label = (stepId: string) => run.plan.steps.find((s) => s.stepId === stepId)?.label ?? stepId;
  switch (event.type) {
    case 'run.started':
      return event.data.parent ? 'Fork started' : 'Run started';
    case 'run.resumed':
      return 'Run resumed';
    case 'run.continued':
      return `Run continued after ${event.data.after === 'takeover' ? 'the other tab closed' : 'the studio was reopened'}`;
    case 'gap.opened':
      return `Gap opened: “${label(event.data.stepId)}” is due`;
    case 'agent.spawned':
      return `Agent sent to “${label(event.data.stepId)}”`;
    case 'artifact.produced':
      return `“${label(event.data.stepId)}” produced ${event.data.port}`;
    case 'agent.resolved':
      return event.data.outcome === 'succeeded'
        ? `“${label(event.data.stepId)}” done`
        : `“${label(event.data.stepId)}” failed: ${event.data.reason ?? ''}`;
    case 'step.retrying':
      return `“${label(event.data.stepId)}” will try again${event.data.fallback ? ' with a fallback' : ''} (attempt ${event.data.attempt})`;
    case 'step.failed':
      return `“${label(event.data.stepId)}” failed: ${event.data.reason}`;
    case 'step.skipped':
      return `“${label(event.data.stepId)}” skipped: ${event.data.reason}`;
    case 'step.routed':
      return `“${label(event.data.stepId)}” went ${event.data.taken ?? 'nowhere'}`;
    case 'person.asked':
      return `“${label(event.data.stepId)}” asks a person`;
    case 'gap.closed':
      return `Gap ${event.data.resolution}`;
    case 'run.finished':
      return `Run ${event.data.status}`;
    case 'run.imported':
      return `Brought in from the runner: ${event.data.events} events, chain and signature checked`;
    case 'alert.fired':
      return `Alert “${event.data.rule}” fired: ${event.data.condition} (${describeValue(event.data.value, event.data.unit)})`;
    case 'alert.resolved':
      return event.data.reason === 'cleared'
        ? `Alert “${event.data.rule}” resolved`
        : `Alert “${event.data.rule}” ended: its rule changed`;
    case 'run.held':
      return event.data.action === 'throttle'
        ? `Held by the alert “${event.data.rule}”: waits for a person in the Inbox`
        : `Paused for review by the alert “${event.data.rule}”`;
    case 'run.released':
      return `A person let the run go on${event.data.notes ? `: ${event.data.notes}` : ''}`;
    case 'bus.posted':
      return `${event.data.from.name} posted on “${event.data.topic}”`;
    case 'bus.claimed':
      return event.data.won
        ? `${event.data.by.name} claimed “${event.data.key}”`
        : `${event.data.by.name} lost “${event.data.key}” to ${event.data.holder.name}`;
    case 'bus.heard':
      return `“${label(event.data.stepId)}” heard ${event.data.messages.length === 1 ? 'a message' : `${event.data.messages.length} messages`} on “${event.data.topic}”`;
    default:
      return event.type;
  }
}
