// The core has no ambient randomness: runs are drawn from the studio's one seeded generator.
import { seededRandom } from '../agents/seededRandom';
import type { StoredEvent } from '../events/storedEvent';
import type { EventData, EventType } from '../events/eventMap';

/**
 * A synthetic log of runs for the metrics: flows of a few steps whose agents fail, retry, fall
 * back, get rebuilt or skipped, map over items, spend tokens and dollars, and pass gates a person
 * approves or rejects. Deterministic from its seed; events are well-formed but not hash-chained
 * (nothing that reads this log reads hashes). For property tests and the bench.
 */
export interface SyntheticRunsOptions {
  runs: number;
  seed: number;
  /** Steps per run (the last is a gate); default 6. */
  steps?: number;
  flows?: number;
  /** The first run's start, and the mean gap between runs' starts. */
  startAt?: number;
  everyMs?: number;
  /** Items of a map step (the third); 0 for none. */
  mapItems?: number;
  /** Leave the last runs unfinished. */
  unfinished?: number;
}

const ref = { hash: 'a'.repeat(64), kind: 'text', size: 1 } as unknown as EventData<'run.started'>['input'];

export function syntheticRuns(options: SyntheticRunsOptions): StoredEvent[] {
  const {
    runs,
    seed,
    steps = 6,
    flows = 2,
    startAt = 1_700_000_000_000,
    everyMs = 600_000,
    mapItems = 3,
    unfinished = 0,
  } = options;
  const random = seededRandom(seed);
  const events: StoredEvent[] = [];
  let seq = 0;
  let ts = startAt;
  const push = <T extends EventType>(type: T, runId: string | undefined, data: EventData<T>): void => {
    events.push({
      v: 1,
      projectId: 'project_bench',
      seq: seq++,
      ts,
      type,
      ...(runId !== undefined ? { runId } : {}),
      data,
      prevHash: '',
      hash: '',
    } as unknown as StoredEvent);
  };
  const tick = (ms: number) => (ts += Math.floor(ms * random()) + 1);
  const plans = Array.from({ length: flows }, (_, f) => ({
    flowId: `flow_${f}`,
    steps: Array.from({ length: steps }, (_, s) => ({
      stepId: `step_${f}_${s}`,
      label: s === steps - 1 ? 'Gate' : `Step ${s + 1}`,
      modelId: `model_${s % 3}`,
      modelVersion: 1,
      inputs: [],
      outputs: [{ name: 'out', type: 'any' }],
    })),
  }));
  let agentN = 0;
  let askN = 0;
  for (let r = 0; r < runs; r++) {
    const plan = plans[Math.floor(random() * flows)] as (typeof plans)[number];
    const runId = `run_${r}`;
    tick(everyMs * 2);
    push('run.started', runId, {
      runId,
      flowId: plan.flowId,
      plan: { steps: plan.steps, edges: [] },
      input: ref,
    } as unknown as EventData<'run.started'>);
    let runFailed = false;
    for (const [s, step] of plan.steps.entries()) {
      const { stepId, modelId } = step;
      if (s === plan.steps.length - 1) {
        const askId = `ask_${askN++}`;
        push('person.asked', runId, {
          askId,
          stepId,
          kind: 'approval',
          question: 'Go on?',
        } as EventData<'person.asked'>);
        tick(5_000);
        const decision = random() < 0.8 ? 'approve' : 'reject';
        push('person.answered', runId, { askId, stepId, decision, by: 'person' } as EventData<'person.answered'>);
        if (decision === 'reject') runFailed = true;
        continue;
      }
      const items = s === 2 && mapItems > 0 ? mapItems : 0;
      const agent = (item: number | undefined, attempt: number, mode?: 'reverse'): boolean => {
        const agentId = `agent_${agentN++}`;
        push('agent.spawned', runId, {
          agentId,
          gapId: `gap_${agentId}`,
          stepId,
          modelId: attempt > 2 ? 'model_fallback' : modelId,
          modelVersion: 1,
          goal: '',
          inputs: {},
          deadlineMs: 1,
          seed: 0,
          attempt,
          ...(item !== undefined ? { item } : {}),
          ...(mode ? { mode } : {}),
        } as unknown as EventData<'agent.spawned'>);
        const durationMs = tick(3_000);
        const ok = random() > 0.2;
        const usage =
          random() < 0.5
            ? {
                promptTokens: 100 + Math.floor(random() * 400),
                completionTokens: Math.floor(random() * 300),
                costUsd: random() / 100,
              }
            : undefined;
        push('agent.resolved', runId, {
          agentId,
          gapId: `gap_${agentId}`,
          stepId,
          outcome: ok ? 'succeeded' : 'failed',
          durationMs,
          logs: [],
          ...(ok ? {} : { errorClass: 'server', reason: 'It failed.' }),
          ...(usage ? { usage } : {}),
          ...(item !== undefined ? { item } : {}),
        } as unknown as EventData<'agent.resolved'>);
        if (ok)
          push('artifact.produced', runId, {
            stepId,
            port: 'out',
            agentId,
            artifact: ref,
            ...(item !== undefined ? { item } : {}),
          } as unknown as EventData<'artifact.produced'>);
        return ok;
      };
      /** Up to three tries (the third a fallback), then a rebuild for some: whether it ended with outputs. */
      const tries = (item: number | undefined): boolean => {
        for (let attempt = 1; attempt <= 3; attempt++) {
          if (agent(item, attempt)) return true;
          if (attempt < 3 && random() < 0.7)
            push('step.retrying', runId, {
              stepId,
              attempt: attempt + 1,
              modelId,
              modelVersion: 1,
              fallback: attempt === 2,
              delayMs: 0,
              atMs: ts,
              errorClass: 'server',
            } as unknown as EventData<'step.retrying'>);
          else break;
        }
        return random() < 0.3 && agent(item, 1, 'reverse');
      };
      let ok = true;
      if (items > 0) {
        push('map.expanded', runId, {
          stepId,
          items: Array.from({ length: items }, () => ref),
        } as EventData<'map.expanded'>);
        for (let i = 0; i < items; i++) ok = tries(i) && ok;
      } else ok = tries(undefined);
      if (ok) continue;
      if (random() < 0.5)
        push('step.skipped', runId, { stepId, reason: 'It is not critical.' } as EventData<'step.skipped'>);
      else {
        push('step.failed', runId, { stepId, reason: 'It failed.' } as EventData<'step.failed'>);
        runFailed = true;
        break;
      }
    }
    if (r >= runs - unfinished) continue;
    tick(1_000);
    push('run.finished', runId, { status: runFailed ? 'failed' : 'succeeded' });
    // Some noise that is not a run's: a definition edit.
    if (random() < 0.1) push('project.renamed', undefined, { name: `Project ${r}` });
  }
  return events;
}
