import type { StoredEvent } from '../events/storedEvent';
import { ChainBuilder, type ArtifactValues, type Explanation, type ExplainTarget } from './explanation';
import { explainIntentGap } from './explainIntentGap';
import { explainStepLife } from './explainStep';
import { summariseProjectEvent } from './eventSummary';
import { LogNames } from './logNames';
import { stepIdOf, type RunContext } from './runIndex';
import { routedSentence } from './stepCauses';

/** What the asked-about thing comes down to: a step of a run, a run, an intent gap, or one event. */
type Subject =
  | { kind: 'step'; runId: string; stepId: string }
  | { kind: 'run'; runId: string }
  | { kind: 'intentGap'; gapId: string }
  | { kind: 'single'; event: StoredEvent }
  | { kind: 'unknown' };

/**
 * Explains a step, gap, agent, skip, failure, retry, budget stop or gate decision as a short
 * causal chain of sentences, each tied to the event it is about, from the log alone: no model is
 * asked, nothing is run. `values` gives the few small results the caller loaded (see `wants`).
 * A pure function of the log: the same log always gives the same explanation.
 */
export function explain(events: readonly StoredEvent[], target: ExplainTarget, values?: ArtifactValues): Explanation {
  const names = new LogNames(events);
  // Seqs are dense from 0 in a whole log; a slice of one falls back to a search.
  const first = events[0]?.seq ?? 0;
  const bySeq = (seq: number): StoredEvent | undefined => {
    const direct = events[seq - first];
    return direct?.seq === seq ? direct : events.find((e) => e.seq === seq);
  };
  const chain = new ChainBuilder();
  const subject = subjectOf(events, bySeq, target);
  const focusSeq = target.kind === 'event' ? target.seq : undefined;
  const done = (title: string): Explanation => ({
    title,
    lines: chain.build(),
    ...(focusSeq !== undefined ? { focusSeq } : {}),
    wants: [...chain.wants],
  });
  const runContext = (runId: string): RunContext => ({
    runId,
    names,
    events: events.filter((e) => e.runId === runId),
    bySeq,
    values,
    chain,
  });

  switch (subject.kind) {
    case 'step': {
      const ctx = runContext(subject.runId);
      explainStepLife(ctx, subject.stepId);
      return done(`${names.step(subject.runId, subject.stepId)} in ${names.runName(subject.runId)}`);
    }
    case 'run': {
      explainRun(runContext(subject.runId));
      return done(names.runName(subject.runId));
    }
    case 'intentGap': {
      const title = explainIntentGap(events, bySeq, names, subject.gapId, chain);
      return done(title ?? 'An intent gap');
    }
    case 'single': {
      chain.add(subject.event.seq, `${summariseProjectEvent(subject.event, names)}.`);
      return done(`Event #${subject.event.seq}`);
    }
    default:
      return done('Nothing in the log matches');
  }
}

function subjectOf(
  events: readonly StoredEvent[],
  bySeq: (seq: number) => StoredEvent | undefined,
  target: ExplainTarget,
): Subject {
  if (target.kind === 'step') return target;
  if (target.kind === 'agent') {
    for (const e of events) {
      if (e.type === 'agent.spawned' && e.data.agentId === target.agentId && e.runId)
        return { kind: 'step', runId: e.runId, stepId: e.data.stepId };
      if (e.type === 'intentAgent.spawned' && e.data.agentId === target.agentId)
        return { kind: 'intentGap', gapId: e.data.gapId };
    }
    return { kind: 'unknown' };
  }
  if (target.kind === 'gap') return gapSubject(events, target.gapId);
  const event = bySeq(target.seq);
  if (!event) return { kind: 'unknown' };
  const stepId = stepIdOf(event);
  if (event.runId !== undefined && stepId !== undefined) return { kind: 'step', runId: event.runId, stepId };
  if (event.type === 'gap.closed') return gapSubject(events, event.data.gapId);
  if (event.runId !== undefined) return { kind: 'run', runId: event.runId };
  if (event.type === 'fact.recorded' && event.data.by.kind === 'agent')
    return { kind: 'intentGap', gapId: event.data.by.gapId };
  if (event.type === 'draft.promoted') return { kind: 'intentGap', gapId: event.data.gapIds[0] as string };
  const gapId = (event.data as { gapId?: unknown }).gapId;
  if (typeof gapId === 'string') return { kind: 'intentGap', gapId };
  return { kind: 'single', event };
}

function gapSubject(events: readonly StoredEvent[], gapId: string): Subject {
  for (const e of events) {
    if (e.type === 'gap.opened' && e.data.gapId === gapId && e.runId)
      return { kind: 'step', runId: e.runId, stepId: e.data.stepId };
    if (e.type === 'intentGap.opened' && e.data.gapId === gapId) return { kind: 'intentGap', gapId };
  }
  return { kind: 'unknown' };
}

/** A run as a whole: how it started, the decisions that shaped it (failures, skips, routes), how it ended. */
function explainRun(ctx: RunContext): void {
  const { names, runId, chain } = ctx;
  const run = names.run(runId);
  for (const e of ctx.events) {
    if (e.type === 'run.started') {
      const how = e.data.parent
        ? `as a fork of ${names.runName(e.data.parent.runId)} from its event #${e.data.parent.atSeq}`
        : e.data.parentStep
          ? `for the step ${names.step(e.data.parentStep.runId, e.data.parentStep.stepId)} of ${names.runName(e.data.parentStep.runId)}`
          : 'with its input';
      chain.add(e.seq, `${names.runName(runId)} started ${how}, ${run?.plan.steps.length ?? 0} steps planned.`);
    } else if (e.type === 'step.failed')
      chain.add(
        e.seq,
        `The conductor failed ${names.step(runId, e.data.stepId)}${e.data.errorClass ? ` (error class ${e.data.errorClass})` : ''}: ${e.data.reason}`,
      );
    else if (e.type === 'step.retrying')
      chain.add(
        e.seq,
        `${names.step(runId, e.data.stepId)} ${e.data.fallback ? 'fell back to' : 'retried'} ${names.model(e.data.modelId)} after a ${e.data.errorClass} error.`,
      );
    else if (e.type === 'step.routed') chain.add(e.seq, routedSentence(ctx, e));
    else if (e.type === 'step.skipped')
      chain.add(e.seq, `${names.step(runId, e.data.stepId)} was skipped: ${e.data.reason}`);
    else if (e.type === 'run.resumed') chain.add(e.seq, 'The run was resumed.');
    else if (e.type === 'run.continued')
      chain.add(
        e.seq,
        `The run went on by itself after ${e.data.after === 'takeover' ? 'the other tab closed' : 'the studio was reopened'}.`,
      );
    else if (e.type === 'run.finished')
      chain.add(
        e.seq,
        `${names.runName(runId)} ${e.data.status === 'interrupted' ? 'was interrupted' : e.data.status}${e.data.reason ? `: ${e.data.reason}` : '.'}`,
      );
  }
}
