import { describe, expect, it } from 'vitest';
import { verifyChain } from '../core/events/hashChain';
import { openSoundLog } from '../core/log/openLog';
import type { ProjectId } from '../core/ids';
import type { AgentResult } from '../core/conductor/ports';
import { emptyRuns, foldRuns } from '../core/run/runState';
import { emitAll, TestStudio } from '../core/testing/testStudio';
import { sha256 } from '../runtime/sha256';
import { buildExport, exportText } from './buildExport';
import { prepareImport } from './prepareImport';

const behaviours = { a: emitAll(() => 'a'), never: (): Promise<AgentResult> => new Promise(() => undefined) };

describe('importing a run that was going when it was exported', () => {
  it('marks it interrupted in the copy, says so, and the copy does not continue it by itself', async () => {
    const source = await new TestStudio(sha256, behaviours).open();
    const flowId = await source.do({ type: 'createFlow', name: 'F' });
    const first = await source.do({
      type: 'addStep',
      flowId,
      modelId: await source.model('A', ['in'], ['out'], 'a'),
      position: { x: 0, y: 0 },
    });
    const second = await source.do({
      type: 'addStep',
      flowId,
      modelId: await source.model('Hang', ['in'], ['out'], 'never'),
      position: { x: 1, y: 0 },
    });
    await source.do({
      type: 'connect',
      flowId,
      source: { stepId: first, port: 'out' },
      target: { stepId: second, port: 'in' },
    });
    const runId = await source.do({ type: 'startRun', flowId, input: 'x' });
    await expect.poll(() => source.agents.tasks.length).toBe(2);

    const readArtifacts = (hashes: string[]) => Promise.resolve(hashes.map((h) => source.artifacts.records.get(h)));
    const doc = await buildExport({
      records: source.events,
      readArtifacts,
      contents: 'everything',
      now: 9_000,
      sha256,
    });
    // The copy gets the id a TestStudio opens, so a conductor can open it below.
    const plan = await prepareImport(exportText(doc), {
      sha256,
      subtle: crypto.subtle,
      newProjectId: 'p_test' as ProjectId,
      takenNames: [],
      now: 10_000,
    });
    expect(plan.events).toHaveLength(source.events.length + 1);
    expect(plan.events.at(-1)).toMatchObject({ type: 'run.finished', runId, data: { status: 'interrupted' } });
    expect(plan.notices).toContain(
      'A run was going when the project was exported; the copy waits for you to press Resume.',
    );
    expect(await verifyChain(plan.events, sha256)).toMatchObject({ ok: true });

    const copy = new TestStudio(sha256, { ...behaviours, never: emitAll(() => 'done') });
    copy.log.events.push(...(await openSoundLog(plan.events, sha256)).events);
    for (const record of plan.artifacts) copy.artifacts.records.set(record.hash, record);
    await copy.open();
    await copy.conductor.whenIdle();
    expect(copy.events).toHaveLength(plan.events.length);
    expect(copy.agents.tasks).toHaveLength(0);
    await copy.do({ type: 'resumeRun', runId });
    await copy.conductor.whenIdle();
    expect(copy.events.reduce(foldRuns, emptyRuns).runs.get(runId as never)?.status).toBe('succeeded');
  });
});

describe('the auto-continue setting', () => {
  it('travels in a definitions-only export (and so in a share link) when it is off', async () => {
    const studio = await new TestStudio(sha256, behaviours).open();
    const readArtifacts = (hashes: string[]) => Promise.resolve(hashes.map(() => undefined));
    const exported = async () => {
      const doc = await buildExport({
        records: studio.events,
        readArtifacts,
        contents: 'definitions',
        now: 9_000,
        sha256,
      });
      return prepareImport(exportText(doc), {
        sha256,
        subtle: crypto.subtle,
        newProjectId: 'p_copy' as ProjectId,
        takenNames: [],
        now: 10_000,
      });
    };
    expect((await exported()).events.some((e) => e.type === 'settings.saved')).toBe(false);
    await studio.do({ type: 'saveSettings', autoContinue: false });
    const plan = await exported();
    expect(plan.events.filter((e) => e.type === 'settings.saved').map((e) => e.data)).toEqual([
      { autoContinue: false },
    ]);
  });
});
