import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { emitAll, TestStudio } from '../testing/testStudio';
import type { AgentResult } from './ports';

const behaviours = {
  a: emitAll((i) => `a(${String(i.in)})`),
  b: emitAll((i) => `b(${String(i.in)})`),
  b2: emitAll((i) => `B2(${String(i.in)})`),
  c: emitAll((i) => `c(${String(i.in)})`),
  never: (): Promise<AgentResult> => new Promise(() => undefined),
};

/** a → b → c, each with one input `in` and one output `out`. */
async function chain(studio: TestStudio) {
  const models = {
    a: await studio.model('A', ['in'], ['out'], 'a'),
    b: await studio.model('B', ['in'], ['out'], 'b'),
    c: await studio.model('C', ['in'], ['out'], 'c'),
  };
  const flowId = await studio.do({ type: 'createFlow', name: 'Chain' });
  const steps = {
    a: await studio.do({ type: 'addStep', flowId, modelId: models.a, position: { x: 0, y: 0 } }),
    b: await studio.do({ type: 'addStep', flowId, modelId: models.b, position: { x: 1, y: 0 } }),
    c: await studio.do({ type: 'addStep', flowId, modelId: models.c, position: { x: 2, y: 0 } }),
  };
  await studio.do({
    type: 'connect',
    flowId,
    source: { stepId: steps.a, port: 'out' },
    target: { stepId: steps.b, port: 'in' },
  });
  await studio.do({
    type: 'connect',
    flowId,
    source: { stepId: steps.b, port: 'out' },
    target: { stepId: steps.c, port: 'in' },
  });
  return { flowId, models, steps };
}

describe('forking a run', () => {
  it('reuses what came before an edited model, runs it and everything after, and leaves the parent untouched', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, models, steps } = await chain(studio);
    const parentId = await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    const parentEvents = studio.events.filter((e) => e.runId === parentId).map((e) => e.hash);

    await studio.do({
      type: 'saveModel',
      modelId: models.b,
      name: 'B',
      inputs: [{ name: 'in', type: 'any' }],
      outputs: [{ name: 'out', type: 'any' }],
      source: 'b2',
    });
    const lastParentSeq = studio.events.filter((e) => e.runId === parentId).at(-1)?.seq ?? -1;
    const agentsBefore = studio.agents.tasks.length;
    const forkId = await studio.do({ type: 'forkRun', runId: parentId, atSeq: lastParentSeq });
    await studio.conductor.whenIdle();

    const fork = studio.runs.runs.get(forkId as never);
    expect(fork?.status).toBe('succeeded');
    expect(fork?.parent).toEqual({ runId: parentId, atSeq: lastParentSeq });
    expect(fork?.steps.get(steps.a as never)).toMatchObject({ status: 'done', reused: true });
    expect(fork?.steps.get(steps.b as never)?.reused).toBeUndefined();
    // Only B (edited) and C (downstream of it) were run again: no model was called for A.
    expect(studio.agents.tasks.slice(agentsBefore).map((t) => t.code)).toEqual(['b2', 'c']);
    expect(studio.agents.tasks.slice(agentsBefore)[0]?.inputs).toEqual({ in: 'a(x)' });
    expect(studio.events.filter((e) => e.runId === forkId && e.type === 'agent.spawned')).toHaveLength(2);
    expect(studio.events.filter((e) => e.runId === parentId).map((e) => e.hash)).toEqual(parentEvents);
  });

  it('from an earlier point, reuses only what had finished by then', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, steps } = await chain(studio);
    const parentId = await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    const aDone = studio.events.find((e) => e.runId === parentId && e.type === 'gap.closed')?.seq ?? -1;
    const agentsBefore = studio.agents.tasks.length;
    const forkId = await studio.do({ type: 'forkRun', runId: parentId, atSeq: aDone });
    await studio.conductor.whenIdle();
    const fork = studio.runs.runs.get(forkId as never);
    expect(fork?.status).toBe('succeeded');
    expect(fork?.steps.get(steps.a as never)?.reused).toBe(true);
    expect(studio.agents.tasks.slice(agentsBefore).map((t) => t.code)).toEqual(['b', 'c']);
  });
});

describe('forking where an output was produced but its agent had not yet answered', () => {
  it('reuses that output: the model is not paid for again', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, steps } = await chain(studio);
    const parentId = await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    // “A produced out”: the artifact is in the log, the agent's resolution (and so “done”) comes after.
    const aProduced =
      studio.events.find(
        (e) => e.runId === parentId && e.type === 'artifact.produced' && e.data.stepId === (steps.a as never),
      )?.seq ?? -1;
    const agentsBefore = studio.agents.tasks.length;
    const forkId = await studio.do({ type: 'forkRun', runId: parentId, atSeq: aProduced });
    await studio.conductor.whenIdle();
    const fork = studio.runs.runs.get(forkId as never);
    expect(fork?.status).toBe('succeeded');
    expect(fork?.steps.get(steps.a as never)?.reused).toBe(true);
    expect(studio.agents.tasks.slice(agentsBefore).map((t) => t.code)).toEqual(['b', 'c']);
  });
});

describe('resuming an interrupted run', () => {
  it('runs only the steps that had not finished', async () => {
    const hung = await new TestStudio(sha256, { ...behaviours, b: behaviours.never }).open();
    // With auto-continue on, the reopened studio would go on by itself (reopenedRuns.test.ts).
    await hung.do({ type: 'saveSettings', autoContinue: false });
    const { flowId, steps } = await chain(hung);
    const runId = await hung.do({ type: 'startRun', flowId, input: 'x' });
    // B's agent never answers: like a tab closed while B was working. A new conductor takes the log.
    await expect.poll(() => hung.agents.tasks.length).toBe(2);
    const reopened = new TestStudio(sha256, behaviours);
    reopened.log.events.push(...hung.events);
    for (const [hash, record] of hung.artifacts.records) reopened.artifacts.records.set(hash, record);
    await reopened.open();
    expect(reopened.runs.runs.get(runId as never)?.status).toBe('interrupted');
    expect(reopened.runs.runs.get(runId as never)?.steps.get(steps.b as never)?.status).toBe('waiting');

    await reopened.do({ type: 'resumeRun', runId });
    await reopened.conductor.whenIdle();
    const run = reopened.runs.runs.get(runId as never);
    expect(run?.reason).toBeUndefined();
    expect(run?.status).toBe('succeeded');
    expect(reopened.agents.tasks.map((t) => t.code)).toEqual(['b', 'c']);
    expect(reopened.events.some((e) => e.type === 'gap.closed' && e.data.resolution === 'abandoned')).toBe(true);
    expect(await reopened.try({ type: 'resumeRun', runId })).toMatchObject({
      ok: false,
      error: { message: 'Only an interrupted run can be resumed.' },
    });
  });
});

describe('undo, redo and restore', () => {
  it('undoes and redoes a deletion, edges included', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, steps } = await chain(studio);
    const before = studio.definitions.flows.get(flowId as never);
    await studio.do({ type: 'removeElements', flowId, stepIds: [steps.b], edgeIds: [] });
    expect(studio.definitions.flows.get(flowId as never)?.edges.size).toBe(0);
    await studio.do({ type: 'undo', flowId });
    expect(studio.definitions.flows.get(flowId as never)).toEqual(before);
    await studio.do({ type: 'redo', flowId });
    expect(studio.definitions.flows.get(flowId as never)?.steps.has(steps.b as never)).toBe(false);
    expect(await studio.try({ type: 'redo', flowId })).toMatchObject({
      ok: false,
      error: { message: 'There is nothing to redo.' },
    });
  });

  it('undoing every edit of a random session gives the empty flow back, and redoing all gives the end state (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(), fc.nat()), { minLength: 1, maxLength: 25 }),
        async (ops) => {
          const studio = await new TestStudio(sha256, behaviours).open();
          const model = await studio.model('M', ['in'], ['out'], 'a');
          const flowId = await studio.do({ type: 'createFlow', name: 'F' });
          const empty = studio.definitions.flows.get(flowId as never);
          for (const [kind, x, y] of ops) {
            const flow = studio.definitions.flows.get(flowId as never);
            const ids = [...(flow?.steps.keys() ?? [])];
            const pick = (n: number) => ids[n % Math.max(1, ids.length)];
            if (kind === 0 || ids.length === 0)
              await studio.do({ type: 'addStep', flowId, modelId: model, position: { x, y } });
            else if (kind === 1)
              await studio.do({
                type: 'moveSteps',
                flowId,
                moves: [{ stepId: pick(x) as string, position: { x: y, y: x } }],
              });
            else if (kind === 2)
              await studio.do({ type: 'renameStep', flowId, stepId: pick(x) as string, label: `L${y}` });
            else if (kind === 3)
              await studio.try({
                type: 'connect',
                flowId,
                source: { stepId: pick(x) as string, port: 'out' },
                target: { stepId: pick(y) as string, port: 'in' },
              });
            else await studio.do({ type: 'removeElements', flowId, stepIds: [pick(x) as string], edgeIds: [] });
          }
          const end = studio.definitions.flows.get(flowId as never);
          for (;;) if (!(await studio.try({ type: 'undo', flowId })).ok) break;
          expect(studio.definitions.flows.get(flowId as never)).toEqual(empty);
          for (;;) if (!(await studio.try({ type: 'redo', flowId })).ok) break;
          expect(studio.definitions.flows.get(flowId as never)).toEqual(end);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('restores an earlier version as one undoable change', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const { flowId, steps } = await chain(studio);
    const versionSeq = studio.events.at(-1)?.seq ?? -1;
    const then = studio.definitions.flows.get(flowId as never);
    await studio.do({ type: 'renameStep', flowId, stepId: steps.a, label: 'Renamed' });
    await studio.do({ type: 'removeElements', flowId, stepIds: [steps.c], edgeIds: [] });
    const now = studio.definitions.flows.get(flowId as never);
    await studio.do({ type: 'restoreFlow', flowId, atSeq: versionSeq });
    expect(studio.definitions.flows.get(flowId as never)).toEqual(then);
    await studio.do({ type: 'undo', flowId });
    expect(studio.definitions.flows.get(flowId as never)).toEqual(now);
  });
});
