import type { StoredEvent } from '../events/storedEvent';

/** Finished runs of one kind (fixed order, or learned order): how many, how many succeeded, what they spent. */
export interface RunGroup {
  runs: number;
  succeeded: number;
  costUsd: number;
  /** Agents sent (model calls, retries and fallbacks included). */
  calls: number;
}
const emptyGroup = (): RunGroup => ({ runs: 0, succeeded: 0, costUsd: 0, calls: 0 });

/** Whether learning helped, for one flow or all: runs whose chains were tried as written, against runs whose order was learned. */
export interface LearningEffect {
  fixed: RunGroup;
  learned: RunGroup;
  /** When the first learned run started (the event's time), if one has. */
  learningSince?: number;
}

interface RunFacts {
  flowId: string;
  learned: boolean;
  startedAt: number;
  costUsd: number;
  calls: number;
  status?: 'succeeded' | 'failed';
}

/**
 * Before and after learning, folded from the log one event at a time: each run is *learned* when
 * learning chose the order of at least one of its steps (a `model.chosen`), else *fixed*. Only
 * finished runs count (an interrupted one counts when it finishes after a resume). Pure, like
 * every projection: live, replayed and imported runs fold the same.
 */
export class LearningEffectFold {
  private readonly runs = new Map<string, RunFacts>();
  eventCount = 0;

  observe(event: StoredEvent): void {
    this.eventCount += 1;
    if (event.type === 'run.started') {
      this.runs.set(event.data.runId, {
        flowId: event.data.flowId,
        learned: false,
        startedAt: event.ts,
        costUsd: 0,
        calls: 0,
      });
      return;
    }
    const run = event.runId !== undefined ? this.runs.get(event.runId) : undefined;
    if (!run) return;
    if (event.type === 'model.chosen') run.learned = true;
    if (event.type === 'agent.resolved') {
      run.calls += 1;
      run.costUsd += event.data.usage?.costUsd ?? 0;
    }
    if (event.type === 'run.finished' && event.data.status !== 'interrupted') run.status = event.data.status;
  }

  /** The effect over one flow's runs, or every flow's. */
  effect(flowId?: string): LearningEffect {
    const fixed = emptyGroup();
    const learned = emptyGroup();
    let since: number | undefined;
    for (const run of this.runs.values()) {
      if ((flowId !== undefined && run.flowId !== flowId) || run.status === undefined) continue;
      const group = run.learned ? learned : fixed;
      group.runs += 1;
      group.succeeded += run.status === 'succeeded' ? 1 : 0;
      group.costUsd += run.costUsd;
      group.calls += run.calls;
      if (run.learned && (since === undefined || run.startedAt < since)) since = run.startedAt;
    }
    return { fixed, learned, ...(since !== undefined ? { learningSince: since } : {}) };
  }
}

const percent = (g: RunGroup) => Math.round((100 * g.succeeded) / g.runs);

/**
 * One sentence on what changed, for a person, once both kinds of run exist: success, cost and
 * calls per run, before → with learning. Undefined when there is nothing to compare yet.
 */
export function describeEffect(e: LearningEffect, formatUsd: (usd: number) => string): string | undefined {
  if (e.fixed.runs === 0 || e.learned.runs === 0) return undefined;
  const perRun = (g: RunGroup, x: number) => x / g.runs;
  const parts = [
    `success ${percent(e.fixed)}% → ${percent(e.learned)}%`,
    `cost a run ${formatUsd(perRun(e.fixed, e.fixed.costUsd))} → ${formatUsd(perRun(e.learned, e.learned.costUsd))}`,
    `model calls a run ${perRun(e.fixed, e.fixed.calls).toFixed(1)} → ${perRun(e.learned, e.learned.calls).toFixed(1)}`,
  ];
  return `With learning: ${parts.join(', ')}.`;
}
