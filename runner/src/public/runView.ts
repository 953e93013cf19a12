import { defaultEventCodec } from '../../../src/core/log/studioEventCodec';
import { emptyRuns, foldRunsBatch, type RunState } from '../../../src/core/run/runState';
import type { EventRecord } from '../../../src/core/events/storedEvent';
import type { RunId } from '../../../src/core/ids';
import type { RunList, RunView } from '../../../src/protocol/publicApi';
import { callProject } from '../ingress';
import { readRemoteLog } from '../remoteLog';
import type { PublishedProject, RunRecord } from './publicProtocol';

/** Outputs larger than this are left out of a run's view (read the events for their hashes). */
const MAX_INLINE_OUTPUT = 200_000;

/** The run's own events in a page of the log: those that name it. */
export const eventsOfRun = (records: readonly EventRecord[], runId: string): EventRecord[] =>
  records.filter((r) => r.runId === runId);

/** The run folded from its remote project's log, or undefined if the log has no such run. */
async function foldRun(record: RunRecord, runId: string): Promise<{ run: RunState; lastSeq: number } | undefined> {
  const { records } = await readRemoteLog(record.remoteKey);
  const own = eventsOfRun(records, runId);
  if (own.length === 0) return undefined;
  const state = foldRunsBatch(
    emptyRuns,
    own.map((r) => defaultEventCodec.decode(r)),
  );
  const run = state.runs.get(runId as RunId);
  return run ? { run, lastSeq: own.at(-1)?.seq ?? -1 } : undefined;
}

/**
 * A run as the public API shows it: status, each step's status by label, and the outputs of the
 * flow's last steps (those no edge leaves), as their text.
 */
export async function viewRun(record: RunRecord, runId: string): Promise<RunView | undefined> {
  const folded = await foldRun(record, runId);
  if (!folded) return undefined;
  const { run, lastSeq } = folded;
  const feedOthers = new Set<string>(run.plan.edges.map((e) => e.source.stepId));
  const labels = new Map(run.plan.steps.map((s) => [s.stepId as string, s.label]));
  const wanted: Array<{ name: string; hash: string }> = [];
  for (const step of run.plan.steps) {
    if (feedOthers.has(step.stepId)) continue;
    const outputs = run.steps.get(step.stepId)?.outputs ?? {};
    for (const [port, ref] of Object.entries(outputs))
      if (ref.size <= MAX_INLINE_OUTPUT) wanted.push({ name: `${step.label}.${port}`, hash: ref.hash });
  }
  const bodies =
    wanted.length === 0 ? [] : await callProject(record.remoteKey, 'artifacts', { hashes: wanted.map((w) => w.hash) });
  const outputs: Record<string, string> = {};
  wanted.forEach((w, i) => {
    const body = bodies[i]?.body;
    if (body !== undefined) outputs[w.name] = body;
  });
  return {
    runId,
    projectId: record.projectId,
    flow: record.flow,
    status: run.status,
    ...(run.reason !== undefined ? { reason: run.reason } : {}),
    startedAt: run.startedAt,
    ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
    steps: [...run.steps].map(([stepId, step]) => ({ step: labels.get(stepId) ?? stepId, status: step.status })),
    outputs,
    lastEventId: lastSeq,
  };
}

/** The runs in the published definitions' remote project, newest first. */
export async function listRuns(published: PublishedProject, max = 100): Promise<RunList> {
  const { records } = await readRemoteLog(published.remoteKey);
  const state = foldRunsBatch(
    emptyRuns,
    records.filter((r) => r.runId !== undefined).map((r) => defaultEventCodec.decode(r)),
  );
  const names = new Map(published.flows.map((f) => [f.flowId, f.name]));
  const runs = [...state.order]
    .reverse()
    .slice(0, max)
    .flatMap((runId) => {
      const run = state.runs.get(runId);
      if (!run) return [];
      return [
        {
          runId,
          flow: names.get(run.flowId) ?? run.flowId,
          status: run.status,
          startedAt: run.startedAt,
          ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
        },
      ];
    });
  return { runs };
}
