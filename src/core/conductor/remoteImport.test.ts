import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { verifyChain } from '../events/hashChain';
import type { EventRecord } from '../events/storedEvent';
import { emitAll, TestStudio } from '../testing/testStudio';

const behaviours = { a: emitAll((i) => `a(${String(i.in)})`), b: emitAll((i) => `b(${String(i.in)})`) };
const source = {
  runner: 'http://127.0.0.1:4780',
  remoteProject: 'p_test-0123456789ab',
  remoteHead: { seq: 40, hash: 'c'.repeat(64) },
  exportedAt: 5_000,
  signature: { alg: 'ECDSA-P256-SHA256', publicKey: 'AAAA', value: 'BBBB' },
  fingerprint: 'f'.repeat(64),
};

/** Here (the studio) and there (a runner over the same definitions, as a definitions export seeds it). */
async function hereAndThere() {
  const here = await new TestStudio(sha256, behaviours).open();
  const a = await here.model('A', ['in'], ['out'], 'a');
  const b = await here.model('B', ['in'], ['out'], 'b');
  const flowId = await here.do({ type: 'createFlow', name: 'Chain' });
  const stepA = await here.do({ type: 'addStep', flowId, modelId: a, position: { x: 0, y: 0 } });
  const stepB = await here.do({ type: 'addStep', flowId, modelId: b, position: { x: 1, y: 0 } });
  await here.do({
    type: 'connect',
    flowId,
    source: { stepId: stepA, port: 'out' },
    target: { stepId: stepB, port: 'in' },
  });
  const there = await here.reopen(behaviours);
  there.advance(60_000);
  const runId = await there.do({ type: 'startRun', flowId, input: 'x' });
  await there.conductor.whenIdle();
  const events = there.events
    .filter((e) => e.runId === runId)
    .map(({ seq, ts, type, data }) => ({ seq, ts, type, data }));
  const artifacts = [...there.artifacts.records.values()];
  return { here, there, runId, flowId, stepA, stepB, events, artifacts };
}

describe('a runner’s run imported into the local log', () => {
  it('lands as a verified run of this log, marked remote, its events keeping their times and causes', async () => {
    const { here, there, runId, events, artifacts } = await hereAndThere();
    here.advance(120_000);
    await here.do({ type: 'renameProject', name: 'Busy meanwhile' });
    const head = here.events.at(-1)?.seq ?? -1;
    await here.do({ type: 'importRemoteRun', runId, events, artifacts, source });

    const run = here.runs.runs.get(runId as never);
    expect(run?.status).toBe('succeeded');
    expect(run?.remote).toEqual({ runner: source.runner, fingerprint: source.fingerprint });
    const imported = here.events.filter((e) => e.runId === runId);
    expect(imported.map((e) => e.type)).toEqual([...events.map((e) => e.type), 'run.imported']);
    expect(imported[0]?.seq).toBe(head + 1);
    expect(imported.slice(0, -1).map((e) => e.ts)).toEqual(events.map((e) => e.ts));
    expect(imported.at(-1)?.data).toEqual({ ...source, events: events.length });
    // Each gap's causes now name this log's copies of the run's events.
    const remoteGaps = there.events.filter((e) => e.runId === runId && e.type === 'gap.opened');
    const localGaps = imported.filter((e) => e.type === 'gap.opened');
    for (const [i, gap] of localGaps.entries()) {
      const causes =
        gap.type === 'gap.opened' ? gap.data.causeSeqs.map((seq) => here.events.find((e) => e.seq === seq)?.hash) : [];
      const remote = remoteGaps[i];
      const remoteCauses =
        remote?.type === 'gap.opened'
          ? remote.data.causeSeqs.map((seq) => there.events.find((e) => e.seq === seq)?.type)
          : [];
      expect(causes.every((h) => imported.some((e) => e.hash === h))).toBe(true);
      expect(causes.map((h) => imported.find((e) => e.hash === h)?.type)).toEqual(remoteCauses);
    }
    expect(await verifyChain(here.events as EventRecord[], sha256)).toMatchObject({ ok: true });
    for (const record of artifacts) expect(await here.artifacts.get(record.hash)).toEqual(record);
  });

  it('is written once, however often it is sent', async () => {
    const { here, runId, events, artifacts } = await hereAndThere();
    await here.do({ type: 'importRemoteRun', runId, events, artifacts, source });
    const count = here.events.length;
    await here.do({ type: 'importRemoteRun', runId, events, artifacts, source });
    expect(here.events).toHaveLength(count);
  });

  it('refuses an artifact that does not match its hash, writing nothing', async () => {
    const { here, runId, events, artifacts } = await hereAndThere();
    const count = here.events.length;
    const forged = artifacts.map((a, i) => (i === 0 ? { ...a, body: `${a.body}!` } : a));
    const result = await here.try({ type: 'importRemoteRun', runId, events, artifacts: forged, source });
    expect(result).toMatchObject({ ok: false, error: { code: 'chain-broken' } });
    expect(here.events).toHaveLength(count);
  });

  it('forks locally from the imported run, reusing its finished steps', async () => {
    const { here, runId, events, artifacts, stepA } = await hereAndThere();
    await here.do({ type: 'importRemoteRun', runId, events, artifacts, source });
    const aDone = here.events.find((e) => e.runId === runId && e.type === 'gap.closed')?.seq ?? -1;
    const before = here.agents.tasks.length;
    const forkId = await here.do({ type: 'forkRun', runId, atSeq: aDone });
    await here.conductor.whenIdle();
    const fork = here.runs.runs.get(forkId as never);
    expect(fork?.status).toBe('succeeded');
    expect(fork?.steps.get(stepA as never)?.reused).toBe(true);
    expect(here.agents.tasks.slice(before).map((t) => t.code)).toEqual(['b']);
  });
});
