import { describe, expect, it } from 'vitest';
import { sha256 } from '../runtime/sha256';
import { buildExport, type ExportDocument } from '../share/buildExport';
import { oneOffSigner } from '../share/fixtures/oneOffSigner';
import { keyFingerprint } from '../share/signature';
import { emitAll, TestStudio } from '../core/testing/testStudio';
import type { ArtifactHash } from '../core/ids';
import { remoteRunImport } from './remoteHistory';

const subtle = globalThis.crypto.subtle;
const url = 'http://127.0.0.1:4780';

/** A runner's signed export of a project with one finished run of a two-step chain. */
async function runnerExport(sign = true): Promise<{ doc: ExportDocument; runId: string; fingerprint: string }> {
  const there = await new TestStudio(sha256, { a: emitAll(() => 'A'), b: emitAll((i) => `B(${String(i.in)})`) }).open();
  const a = await there.model('A', ['in'], ['out'], 'a');
  const b = await there.model('B', ['in'], ['out'], 'b');
  const flowId = await there.do({ type: 'createFlow', name: 'Chain' });
  const s1 = await there.do({ type: 'addStep', flowId, modelId: a, position: { x: 0, y: 0 } });
  const s2 = await there.do({ type: 'addStep', flowId, modelId: b, position: { x: 1, y: 0 } });
  await there.do({ type: 'connect', flowId, source: { stepId: s1, port: 'out' }, target: { stepId: s2, port: 'in' } });
  const runId = await there.do({ type: 'startRun', flowId, input: 'go' });
  await there.conductor.whenIdle();
  const signer = await oneOffSigner(subtle);
  const doc = await buildExport({
    records: there.events,
    readArtifacts: (hashes) => Promise.all(hashes.map((h) => there.artifacts.get(h as ArtifactHash))),
    contents: 'everything',
    now: 9_000,
    sha256,
    ...(sign ? { signer } : {}),
  });
  return { doc, runId, fingerprint: await keyFingerprint(signer.publicKey, subtle) };
}

describe('a runner’s history, checked before it becomes an import', () => {
  it('gives that run’s events and artifacts, and what vouched for them', async () => {
    const { doc, runId, fingerprint } = await runnerExport();
    const command = await remoteRunImport(JSON.stringify(doc), runId, { url, fingerprint });
    expect(command.events[0]?.type).toBe('run.started');
    expect(command.events.at(-1)?.type).toBe('run.finished');
    expect(command.events.map((e) => e.seq)).toEqual(doc.events.filter((e) => e.runId === runId).map((e) => e.seq));
    expect(command.artifacts.length).toBeGreaterThan(0);
    expect(command.source).toMatchObject({
      runner: url,
      remoteProject: doc.project.projectId,
      remoteHead: doc.project.head,
      exportedAt: 9_000,
      fingerprint,
      signature: doc.signature,
    });
  });

  it('refuses a history signed by another key than the runner’s', async () => {
    const { doc, runId } = await runnerExport();
    await expect(remoteRunImport(JSON.stringify(doc), runId, { url, fingerprint: 'f'.repeat(64) })).rejects.toThrow(
      /not by the key of the runner it was started on/,
    );
  });

  it('refuses an unsigned history', async () => {
    const { doc, runId, fingerprint } = await runnerExport(false);
    await expect(remoteRunImport(JSON.stringify(doc), runId, { url, fingerprint })).rejects.toThrow(/not signed/);
  });

  it('refuses a history whose chain fails: an event changed after it was written', async () => {
    const { doc, runId, fingerprint } = await runnerExport();
    const at = doc.events.findIndex((e) => e.type === 'agent.resolved');
    const events = doc.events.map((e, i) =>
      i === at ? { ...e, data: { ...(e.data as object), durationMs: 777 } } : e,
    );
    await expect(remoteRunImport(JSON.stringify({ ...doc, events }), runId, { url, fingerprint })).rejects.toThrow(
      /fails its integrity check/,
    );
  });
});
