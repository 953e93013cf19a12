import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { EventOfType } from '../events/storedEvent';
import type { RunState } from '../run/runState';
import { TestStudio } from '../testing/testStudio';
import type { ScriptedBehaviour } from '../testing/memoryPorts';
import { explain } from '../explain/explain';
import { replayChoices } from './replayChoices';
import { seededRandom } from './seededRandom';

/**
 * Learning through the real conductor: a step whose model is “Weak” with “Strong” as its fallback.
 * Each model succeeds with its own rate; the world's coin flips come from a seed of their own, so
 * every test is deterministic (the studio's seeds count up from 1).
 */
function world(rates: { weak: number; strong: number }, worldSeed = 7) {
  const coin = seededRandom(worldSeed);
  const calls: string[] = [];
  const behave =
    (name: 'weak' | 'strong'): ScriptedBehaviour =>
    (task) => {
      calls.push(name);
      return coin() < rates[name]
        ? {
            ok: true,
            emitted: task.outputPorts.map((port) => ({ port, value: `${name} says hi` })),
            logs: [],
            durationMs: name === 'weak' ? 50 : 80,
          }
        : { ok: false, reason: `${name} failed`, logs: [], durationMs: 40, errorClass: 'server' };
    };
  return { calls, behaviours: { weak: behave('weak'), strong: behave('strong') } };
}

const LEARNING_ON =
  '{ "project": { "learning": { "fallbackOrder": "thompson", "weights": { "success": 1, "cost": 0, "latency": 0 } } } }';

async function studioWithChain(rates: { weak: number; strong: number }, policies?: string, worldSeed = 7) {
  const w = world(rates, worldSeed);
  const studio = await new TestStudio(sha256, w.behaviours).open();
  const weak = await studio.model('Weak', ['in'], ['out'], 'weak');
  const strong = await studio.model('Strong', ['in'], ['out'], 'strong');
  const flowId = await studio.do({ type: 'createFlow', name: 'Chain' });
  const stepId = await studio.do({ type: 'addStep', flowId, modelId: weak, label: 'Answer', position: { x: 0, y: 0 } });
  await studio.do({ type: 'configureStep', flowId, stepId, settings: { fallbacks: [strong] } });
  if (policies) await studio.do({ type: 'savePolicies', source: policies });
  const runs = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(await studio.do({ type: 'startRun', flowId, input: `question ${i}` }));
      await studio.conductor.whenIdle();
    }
    return ids;
  };
  /** Which model each run tried first. */
  const firstTried = (runIds: string[]) =>
    runIds.map(
      (id) => (studio.runs.runs.get(id as never) as RunState).steps.get(stepId as never)?.attempts[0]?.modelId,
    );
  const chosen = () => studio.events.filter((e): e is EventOfType<'model.chosen'> => e.type === 'model.chosen');
  return { studio, weak, strong, flowId, stepId, runs, firstTried, chosen, calls: w.calls };
}

describe('learning the order of a fallback chain, through the conductor', () => {
  it('off (the default, and when the policy says fixed): the chain is tried as written, and no choice is recorded', async () => {
    for (const policies of [undefined, '{ "project": { "learning": { "fallbackOrder": "fixed" } } }']) {
      const { weak, strong, runs, firstTried, chosen, studio, stepId } = await studioWithChain(
        { weak: 0, strong: 1 },
        policies,
      );
      const ids = await runs(5);
      expect(firstTried(ids)).toEqual([weak, weak, weak, weak, weak]);
      expect(chosen()).toEqual([]);
      const started = studio.events.find((e): e is EventOfType<'run.started'> => e.type === 'run.started');
      expect(started?.data.plan.steps.find((s) => s.stepId === stepId)).toMatchObject({
        modelId: weak,
        fallbacks: [{ modelId: strong }],
      });
      expect(
        (studio.runs.runs.get(ids[0] as never) as RunState).steps.get(stepId as never)?.attempts.map((a) => a.modelId),
      ).toEqual([weak, strong]);
    }
  });

  it('on: converges to the better model (Strong 90% against Weak 40%): after 20 runs, Strong is tried first in at least 18 of the next 20', async () => {
    for (const worldSeed of [1, 2, 3]) {
      const { strong, runs, firstTried, chosen } = await studioWithChain(
        { weak: 0.4, strong: 0.9 },
        LEARNING_ON,
        worldSeed,
      );
      await runs(20);
      const later = firstTried(await runs(20));
      expect(later.filter((m) => m === strong).length, `world seed ${worldSeed}`).toBeGreaterThanOrEqual(18);
      expect(chosen()).toHaveLength(40);
      // Each choice says why, with numbers a person can check against the runs before it.
      expect(chosen().at(-1)?.data.reason).toMatch(/^chose Strong: \d+ of \d+ succeeded$/);
    }
  });

  it('with no history yet, the first choice says it was drawn from an even prior; the plan holds the chosen order', async () => {
    const { studio, chosen, runs, stepId } = await studioWithChain({ weak: 1, strong: 1 }, LEARNING_ON);
    const [runId] = await runs(1);
    const choice = chosen()[0]?.data;
    expect(choice?.reason).toMatch(/^chose (Weak|Strong): no recorded runs yet, so it was drawn from an even prior$/);
    const plan = studio.events.find(
      (e): e is EventOfType<'run.started'> => e.type === 'run.started' && e.runId === runId,
    )?.data.plan;
    const step = plan?.steps.find((s) => s.stepId === stepId);
    expect([step?.modelId, ...(step?.fallbacks ?? []).map((f) => f.modelId)]).toEqual(choice?.order);
    expect((studio.runs.runs.get(runId as never) as RunState).steps.get(stepId as never)?.modelChoice).toEqual({
      order: choice?.order,
      reason: choice?.reason,
    });
    // Explain “Answer” tells the choice as one link of its causal chain.
    const lines = explain(studio.events, { kind: 'step', runId: runId as string, stepId }).lines.map((l) => l.text);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^For this run, learning ordered the models of “Answer” (“Weak” → “Strong”|“Strong” → “Weak”); it chose (Weak|Strong): no recorded runs yet, so it was drawn from an even prior\.$/,
      ),
    );
  });

  it('replays identically: every recorded choice comes out the same from the log and its seeds, and the same world chooses the same again', async () => {
    const first = await studioWithChain({ weak: 0.5, strong: 0.8 }, LEARNING_ON);
    await first.runs(15);
    const replayed = replayChoices(first.studio.events);
    expect(replayed).toHaveLength(15);
    expect(replayed.filter((c) => !c.same)).toEqual([]);
    // A studio opened over the same log (as after a reload) reads the same choices.
    const reopened = await first.studio.reopen(world({ weak: 0.5, strong: 0.8 }).behaviours);
    expect(replayChoices(reopened.events).map((c) => c.replayed)).toEqual(replayed.map((c) => c.recorded));
    // And it learns from runs it did not make itself (as a project imported with its runs does): the next choice counts all 15.
    await reopened.do({ type: 'startRun', flowId: first.flowId, input: 'again' });
    await reopened.conductor.whenIdle();
    const next = reopened.events
      .filter((e): e is EventOfType<'model.chosen'> => e.type === 'model.chosen')
      .at(-1)?.data;
    const attempts = first.studio.events.filter((e) => e.type === 'agent.resolved');
    expect(next?.candidates.reduce((n, c) => n + c.runs, 0)).toBe(attempts.length);
    expect(next?.candidates.reduce((n, c) => n + c.successes, 0)).toBe(
      attempts.filter((e) => e.type === 'agent.resolved' && e.data.outcome === 'succeeded').length,
    );
    expect(replayChoices(reopened.events).every((c) => c.same)).toBe(true);

    const second = await studioWithChain({ weak: 0.5, strong: 0.8 }, LEARNING_ON);
    await second.runs(15);
    expect(second.chosen().map((e) => e.data)).toEqual(first.chosen().map((e) => e.data));
    expect(second.calls).toEqual(first.calls);
  });

  it('a tampered choice does not replay: another order for the same seed and history is caught', async () => {
    const { studio, runs, chosen } = await studioWithChain({ weak: 0.2, strong: 0.9 }, LEARNING_ON);
    await runs(6);
    const last = chosen().at(-1)?.seq;
    const events = studio.events.map((e) =>
      e.type === 'model.chosen' && e.seq === last
        ? { ...e, data: { ...e.data, order: [...e.data.order].reverse() } }
        : e,
    );
    expect(replayChoices(events).map((c) => c.same)).toEqual([true, true, true, true, true, false]);
  });

  it('a fork keeps its parent’s learned order, so the parent’s finished step is reused rather than run again', async () => {
    const { studio, runs, stepId, chosen, calls } = await studioWithChain({ weak: 0, strong: 1 }, LEARNING_ON);
    const ids = await runs(6);
    const parent = ids.at(-1) as string;
    const parentOrder = chosen().at(-1)?.data.order;
    const finished = studio.events.filter((e) => e.runId === parent).at(-1)?.seq as number;
    const before = calls.length;
    const fork = await studio.do({ type: 'forkRun', runId: parent, atSeq: finished });
    await studio.conductor.whenIdle();
    const plan = studio.events.find(
      (e): e is EventOfType<'run.started'> => e.type === 'run.started' && e.runId === fork,
    )?.data.plan;
    const step = plan?.steps.find((s) => s.stepId === stepId);
    expect([step?.modelId, ...(step?.fallbacks ?? []).map((f) => f.modelId)]).toEqual(parentOrder);
    expect((studio.runs.runs.get(fork as never) as RunState).steps.get(stepId as never)?.reused).toBe(true);
    expect(calls.length).toBe(before);
  });

  it('a sub-flow’s run learns too: its learning step’s choice is recorded in the inner run', async () => {
    const { studio, flowId: inner, stepId, strong, runs } = await studioWithChain({ weak: 0, strong: 1 }, LEARNING_ON);
    await runs(4);
    const outer = await studio.do({ type: 'createFlow', name: 'Outer' });
    const sub = await studio.define({
      kind: 'subflow',
      name: 'Run chain',
      flowId: inner,
      inputs: [{ name: 'in', type: 'any' }],
      outputs: [{ name: 'out', type: 'any' }],
    });
    await studio.do({ type: 'addStep', flowId: outer, modelId: sub, label: 'Inner', position: { x: 0, y: 0 } });
    const runId = await studio.do({ type: 'startRun', flowId: outer, input: 'x' });
    await studio.conductor.whenIdle();
    const child = [...studio.runs.runs.values()].find((r) => r.parentStep?.runId === runId);
    expect(child?.status).toBe('succeeded');
    expect(child?.steps.get(stepId as never)?.modelChoice?.reason).toMatch(/^chose Strong: 4 of 4 succeeded$/);
    expect(child?.steps.get(stepId as never)?.attempts.map((a) => a.modelId)).toEqual([strong]);
    expect(replayChoices(studio.events).every((c) => c.same)).toBe(true);
  });
});
