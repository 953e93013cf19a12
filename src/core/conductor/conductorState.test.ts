import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { Command } from './commands';
import type { StoredEvent } from '../events/storedEvent';
import type { RunId } from '../ids';
import { applyFlowChange } from '../project/flowChanges';
import { emptyDefinitions, foldAllDefinitions, foldDefinitions } from '../project/projectState';
import { emptyRuns, foldRuns } from '../run/runState';
import { playScenario, randomScenario } from '../testing/randomRuns';
import { emitAll, TestStudio } from '../testing/testStudio';
import { ConductorState } from './conductorState';

const fold = (events: readonly StoredEvent[]): ConductorState => {
  const state = new ConductorState();
  for (const event of events) state.observe(event);
  return state;
};

describe('ConductorState folded from random logs', () => {
  it('holds the same definitions, plans and open questions as the projections', async () => {
    await fc.assert(
      fc.asyncProperty(randomScenario, async (s) => {
        const events = await playScenario(sha256, s);
        const state = fold(events);
        expect(state.definitions).toEqual(foldAllDefinitions(events));
        const runs = events.reduce(foldRuns, emptyRuns);
        for (const run of runs.runs.values()) {
          // A finished run's plan is dropped; an interrupted one keeps it, for its resume.
          const kept = run.status === 'running' || run.status === 'interrupted';
          expect(state.runPlan(run.runId)).toBe(kept ? run.plan : undefined);
          expect(state.depthOf(run.runId)).toBe(run.parentStep ? 1 + state.depthOf(run.parentStep.runId) : 0);
          for (const step of run.plan.steps)
            expect(state.planStep(run.runId, step.stepId)).toBe(kept ? step : undefined);
        }
        const unanswered = [...runs.runs.values()].flatMap((run) =>
          [...run.steps.values()].flatMap((step) =>
            step.asks.filter((a) => a.answer === undefined).map((a) => `${run.runId}/${a.askId}`),
          ),
        );
        expect([...state.openAsks].map(([askId, ask]) => `${ask.runId}/${askId}`).sort()).toEqual(unanswered.sort());
        // Every version of every model stays reachable: runs name the version they were planned with.
        for (const event of events)
          if (event.type === 'model.saved')
            expect(state.modelAt({ modelId: event.data.model.modelId, modelVersion: event.data.model.version })).toBe(
              event.data.model,
            );
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

type Edit =
  | { kind: 'add' }
  | { kind: 'move' | 'rename' | 'remove' | 'configure'; at: number }
  | { kind: 'connect'; from: number; to: number }
  | { kind: 'undo' }
  | { kind: 'redo' };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant({ kind: 'add' as const }),
  fc.record({
    kind: fc.constantFrom('move' as const, 'rename' as const, 'remove' as const, 'configure' as const),
    at: fc.nat(9),
  }),
  fc.record({ kind: fc.constant('connect' as const), from: fc.nat(9), to: fc.nat(9) }),
  fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const) }),
);

describe('ConductorState keeps each flow edit with its inverse', () => {
  it('on random edits, each inverse takes the flow back to how it was before the edit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 8, maxLength: 30 }), async (edits) => {
        const studio = await new TestStudio(sha256, { m: emitAll(() => 1) }).open();
        const modelId = await studio.model('m', ['in'], ['out'], 'm');
        const flowId = await studio.do({ type: 'createFlow', name: 'F' });
        const stepIds = () => [...(studio.definitions.flows.get(flowId as never)?.steps.keys() ?? [])] as string[];
        for (const [i, e] of edits.entries()) {
          const ids = stepIds();
          const pick = (n: number) => ids[n % Math.max(1, ids.length)];
          let command: Command | undefined;
          if (e.kind === 'add') command = { type: 'addStep', flowId, modelId, position: { x: i, y: 0 } };
          else if (e.kind === 'undo' || e.kind === 'redo') command = { type: e.kind, flowId };
          else if (e.kind === 'connect') {
            const [from, to] = [pick(e.from), pick(e.to)];
            if (from && to)
              command = {
                type: 'connect',
                flowId,
                source: { stepId: from, port: 'out' },
                target: { stepId: to, port: 'in' },
              };
          } else {
            const stepId = pick(e.at);
            if (stepId === undefined) continue;
            if (e.kind === 'move')
              command = { type: 'moveSteps', flowId, moves: [{ stepId, position: { x: i, y: i } }] };
            if (e.kind === 'rename') command = { type: 'renameStep', flowId, stepId, label: `step ${i}` };
            if (e.kind === 'remove') command = { type: 'removeElements', flowId, stepIds: [stepId], edgeIds: [] };
            if (e.kind === 'configure')
              command = { type: 'configureStep', flowId, stepId, settings: { critical: i % 2 === 0 } };
          }
          // Refusals (a cycle, nothing to undo) change nothing, as they should.
          if (command) await studio.try(command);
        }
        const state = fold(studio.events);
        let before = emptyDefinitions;
        for (const event of studio.events) {
          const after = foldDefinitions(before, event);
          const recorded = state.flowEdits.get(event.seq);
          const flowBefore = before.flows.get(flowId as never);
          const flowAfter = after.flows.get(flowId as never);
          if (recorded && flowBefore && flowAfter)
            expect(recorded.inverse.reduce(applyFlowChange, flowAfter)).toEqual(flowBefore);
          before = after;
        }
        // Undo stacks name only edits the state can invert.
        for (const seq of state.history.get(flowId as never)?.undo ?? []) expect(state.flowEdits.has(seq)).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('undoing every edit gives back the empty flow', async () => {
    const studio = await new TestStudio(sha256, { m: emitAll(() => 1) }).open();
    const modelId = await studio.model('m', ['in'], ['out'], 'm');
    const flowId = await studio.do({ type: 'createFlow', name: 'F' });
    const a = await studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 } });
    const b = await studio.do({ type: 'addStep', flowId, modelId, position: { x: 1, y: 0 } });
    await studio.do({ type: 'connect', flowId, source: { stepId: a, port: 'out' }, target: { stepId: b, port: 'in' } });
    await studio.do({ type: 'renameStep', flowId, stepId: b, label: 'Second' });
    await studio.do({ type: 'removeElements', flowId, stepIds: [a], edgeIds: [] });
    for (let i = 0; i < 5; i++) await studio.do({ type: 'undo', flowId });
    expect(await studio.try({ type: 'undo', flowId })).toMatchObject({
      ok: false,
      error: { message: 'There is nothing to undo.' },
    });
    const flow = fold(studio.events).definitions.flows.get(flowId as never);
    expect(flow?.steps.size).toBe(0);
    expect(flow?.edges.size).toBe(0);
  });
});

describe('ConductorState and runs', () => {
  it('drops a finished run’s plan, keeps an interrupted one’s until it finishes after a resume', async () => {
    const never = () => new Promise<never>(() => undefined);
    const hung = await new TestStudio(sha256, { slow: never }).open();
    // Auto-continue off: a run cut off by a closing tab is interrupted and waits for Resume.
    await hung.do({ type: 'saveSettings', autoContinue: false });
    const model = await hung.model('Slow', ['in'], ['out'], 'slow');
    const flowId = await hung.do({ type: 'createFlow', name: 'F' });
    await hung.do({ type: 'addStep', flowId, modelId: model, position: { x: 0, y: 0 } });
    const runId = (await hung.do({ type: 'startRun', flowId, input: 'x' })) as RunId;
    const going = fold(hung.events);
    expect(going.runPlan(runId)?.steps).toHaveLength(1);
    // The tab closes with the agent at work: a new conductor opens the log and marks the run interrupted.
    const reopened = new TestStudio(sha256, { slow: emitAll(() => 'done') }, undefined, undefined, {}, 100_000);
    reopened.log.events.push(...hung.events);
    for (const [hash, record] of hung.artifacts.records) reopened.artifacts.records.set(hash, record);
    await reopened.open();
    const interrupted = fold(reopened.events);
    expect(reopened.events.at(-1)).toMatchObject({ type: 'run.finished', data: { status: 'interrupted' } });
    expect(interrupted.runPlan(runId)).toBe(going.runPlan(runId));
    expect(interrupted.loop.danglingGaps(runId)).toHaveLength(1);
    await reopened.do({ type: 'resumeRun', runId });
    await reopened.conductor.whenIdle();
    const finished = fold(reopened.events);
    expect(reopened.runs.runs.get(runId)?.status).toBe('succeeded');
    expect(finished.runPlan(runId)).toBeUndefined();
  });

  it('refuses an answer to an interrupted run’s question until it is resumed', async () => {
    const never = () => new Promise<never>(() => undefined);
    const hung = await new TestStudio(sha256, { slow: never }).open();
    await hung.do({ type: 'saveSettings', autoContinue: false });
    const slow = await hung.model('Slow', ['in'], ['out'], 'slow');
    const person = await hung.define({
      kind: 'human',
      name: 'Person',
      inputs: [{ name: 'in', type: 'any' }],
      outputs: [{ name: 'out', type: 'text' }],
      instructions: 'Write',
    });
    const flowId = await hung.do({ type: 'createFlow', name: 'F' });
    await hung.do({ type: 'addStep', flowId, modelId: slow, position: { x: 0, y: 0 } });
    await hung.do({ type: 'addStep', flowId, modelId: person, position: { x: 1, y: 0 } });
    const runId = (await hung.do({ type: 'startRun', flowId, input: 'x' })) as RunId;
    await hung.conductor.tick();
    const reopened = new TestStudio(sha256, { slow: emitAll(() => 'done') }, undefined, undefined, {}, 100_000);
    reopened.log.events.push(...hung.events);
    for (const [hash, record] of hung.artifacts.records) reopened.artifacts.records.set(hash, record);
    await reopened.open();
    const [askId] = [...fold(reopened.events).openAsks.keys()];
    expect(askId).toBeDefined();
    const answer: Command = {
      type: 'answerAsk',
      runId,
      askId: askId as string,
      decision: 'provide',
      outputs: { out: 'hello' },
    };
    expect(await reopened.try(answer)).toMatchObject({
      ok: false,
      error: { message: 'That run was interrupted, so its question cannot be answered yet.' },
    });
    await reopened.do({ type: 'resumeRun', runId });
    await reopened.do(answer);
    await reopened.conductor.whenIdle();
    expect(reopened.runs.runs.get(runId)?.status).toBe('succeeded');
  });
});
