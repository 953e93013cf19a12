import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import { verifyChain } from '../../src/core/events/hashChain';
import type { EventRecord } from '../../src/core/events/storedEvent';
import { prepareImport } from '../../src/share/prepareImport';
import type { SignatureCrypto } from '../../src/share/signature';
import { sha256 } from '../../src/runtime/sha256';
import { STUDIO_VERSION_HEADER, type RunnerInfo, type StartRunResponse } from '../../src/protocol/runnerApi';
import { RUN_STOPPED_REASON } from '../../src/core/run/runState';
import { StudioError } from '../../src/core/errors/studioError';
import { callProject, isClaimLost } from '../src/ingress';
import { RemoteArtifacts, RemoteEventLog, readRemoteLog } from '../src/remoteLog';
import type { ProjectId } from '../../src/core/ids';
import { api, startCluster, waitForRun, type Cluster } from './support/cluster';
import { askingScriptDrafts, definitionsExport, slowMapDrafts, softwarePipeline } from './support/definitions';
import { startLlmServer, type LlmTestServer } from '../../e2e/support/llmServer.mjs';

const subtle = webcrypto.subtle as unknown as SignatureCrypto;

describe('a runner on Restate, one process', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({ processes: 1, offset: 0 });
  });
  afterAll(() => cluster?.stop());

  it('runs the software pipeline and hands back a signed, verifiable history', async () => {
    const defs = await softwarePipeline();
    const started = await api<StartRunResponse>(cluster, '/v1/runs', {
      method: 'POST',
      body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: defs.flowId, input: 'A todo app' },
    });
    const records = await waitForRun(cluster, started.projectKey, started.runId);
    expect(records.find((r) => r.type === 'run.finished' && r.runId === started.runId)?.data).toMatchObject({
      status: 'succeeded',
    });
    expect((await verifyChain(records, sha256)).ok).toBe(true);

    const info = await api<RunnerInfo>(cluster, '/v1/runner');
    const exported = await fetch(`${cluster.api}/v1/projects/${started.projectKey}/export`, {
      headers: { [STUDIO_VERSION_HEADER]: '0.1.0' },
    }).then((r) => r.text());
    const plan = await prepareImport(exported, {
      sha256,
      subtle,
      newProjectId: 'proj_local' as never,
      takenNames: [],
      now: Date.now(),
    });
    expect(plan.signature).toMatchObject({ kind: 'unknown', fingerprint: info.fingerprint });
    expect(plan.runs).toBe(1);
    // A forged history is refused: one changed byte in an event breaks the chain before anything is written.
    const forged = exported.replace('"status":"succeeded"', '"status":"failed"');
    await expect(
      prepareImport(forged, { sha256, subtle, newProjectId: 'proj_local' as never, takenNames: [], now: Date.now() }),
    ).rejects.toThrow(/integrity|signature/);
  });

  it("answers a script's ctx.llm and ctx.bus through the project's conductor: each call made, journaled and metered", async () => {
    const llm: LlmTestServer = await startLlmServer({ port: 0 });
    try {
      const defs = await definitionsExport(askingScriptDrafts(llm.url));
      const started = await api<StartRunResponse>(cluster, '/v1/runs', {
        method: 'POST',
        body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: defs.flowId, input: 'tides' },
      });
      const records = await waitForRun(cluster, started.projectKey, started.runId);
      const ofRun = records.filter((r) => r.runId === started.runId);
      expect(ofRun.find((r) => r.type === 'run.finished')?.data).toMatchObject({ status: 'succeeded' });
      // Two calls, not the first one's answer twice: the second prompt was made from the first answer.
      const calls = ofRun.filter((r) => r.type === 'agent.called').map((r) => r.data);
      expect(calls).toEqual([
        expect.objectContaining({ capability: 'network', outcome: 'refused' }),
        expect.objectContaining({ capability: 'llm', summary: 'LLM “Writer” (echo)', outcome: 'ok' }),
        expect.objectContaining({ capability: 'llm', summary: 'LLM “Writer” (echo)', outcome: 'ok' }),
      ]);
      const produced = ofRun.find((r) => r.type === 'artifact.produced')?.data as { artifact: { hash: string } };
      const { artifacts } = await api<{ artifacts: Array<{ body: string }> }>(
        cluster,
        `/v1/projects/${started.projectKey}/artifacts?hashes=${produced.artifact.hash}`,
      );
      expect(artifacts[0]?.body).toBe('Echo: again: Echo: about tides');
      // The tokens of both calls were added to the agent's usage, so the run's budget saw them.
      const resolved = ofRun.find((r) => r.type === 'agent.resolved')?.data as {
        usage?: { completionTokens: number };
      };
      expect(resolved.usage?.completionTokens).toBeGreaterThan(0);
      // The refusal reached the agent as the studio says it: a script may call LLMs, never the network.
      // ctx.bus crosses the same way: the note it posted is in the log, and it read it back.
      expect(ofRun.filter((r) => r.type === 'bus.posted')).toHaveLength(1);
      expect((resolved as { logs?: string[] }).logs?.[1]).toBe('heard Ask twice: {"about":"tides"}');
      expect((resolved as { logs?: string[] }).logs?.[0]).toContain(
        "Script models cannot reach the network: only an extension's kinds can",
      );
    } finally {
      await llm.close();
    }
  });

  it('keeps one writer when many runs start at once', async () => {
    const defs = await softwarePipeline();
    const starts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api<StartRunResponse>(cluster, '/v1/runs', {
          method: 'POST',
          body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: defs.flowId, input: `app ${i}` },
        }),
      ),
    );
    const keys = new Set(starts.map((s) => s.projectKey));
    expect(keys.size).toBe(1);
    expect(new Set(starts.map((s) => s.runId)).size).toBe(6);
    let records: EventRecord[] = [];
    for (const start of starts) records = await waitForRun(cluster, start.projectKey, start.runId);
    const verdict = await verifyChain(records, sha256);
    expect(verdict.ok).toBe(true);
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i));
    expect(records.filter((r) => r.type === 'run.started')).toHaveLength(6);
    expect(
      records.filter((r) => r.type === 'run.finished' && (r.data as { status: string }).status === 'succeeded'),
    ).toHaveLength(6);
  });

  it('answers a long poll when records land, not when its wait is up', async () => {
    const defs = await definitionsExport(slowMapDrafts(4, 3_000_000, 1));
    const started = await api<StartRunResponse>(cluster, '/v1/runs', {
      method: 'POST',
      body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: defs.flowId, input: 'poll' },
    });
    const records: EventRecord[] = [];
    const answers: number[] = [];
    while (!records.some((r) => r.type === 'run.finished' && r.runId === started.runId)) {
      // The longest wait the API takes: an answer without records would mean the wake never came.
      const page = await api<{ records: EventRecord[] }>(
        cluster,
        `/v1/projects/${started.projectKey}/events?since=${records.length}&wait=25000`,
      );
      answers.push(page.records.length);
      records.push(...page.records);
    }
    expect(answers.length).toBeGreaterThan(1);
    expect(answers.filter((n) => n === 0)).toEqual([]);
    expect(records.find((r) => r.type === 'run.finished' && r.runId === started.runId)?.data).toMatchObject({
      status: 'succeeded',
    });
  });

  it('stops the one run named and goes on with the others', async () => {
    const defs = await definitionsExport(slowMapDrafts(6, 3_000_000, 1));
    const start = (input: string) =>
      api<StartRunResponse>(cluster, '/v1/runs', {
        method: 'POST',
        body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: defs.flowId, input },
      });
    const kept = await start('kept');
    const stopped = await start('stopped');
    expect(stopped.projectKey).toBe(kept.projectKey);
    const { cancelled } = await api<{ cancelled: number }>(cluster, `/v1/projects/${stopped.projectKey}/cancel`, {
      method: 'POST',
      body: { runId: stopped.runId },
    });
    expect(cancelled).toBe(1);
    const records = await waitForRun(cluster, kept.projectKey, kept.runId);
    expect(records.find((r) => r.type === 'run.finished' && r.runId === kept.runId)?.data).toMatchObject({
      status: 'succeeded',
    });
    const stoppedAt = records.findIndex((r) => r.type === 'run.finished' && r.runId === stopped.runId);
    expect(records[stoppedAt]?.data).toEqual({ status: 'interrupted', reason: RUN_STOPPED_REASON });
    // What its agents sent after the Stop was dropped: nothing of that run follows its end.
    expect(records.slice(stoppedAt + 1).filter((r) => r.runId === stopped.runId)).toEqual([]);
    await expect(
      api(cluster, `/v1/projects/${stopped.projectKey}/cancel`, { method: 'POST', body: { runId: 'not a run id' } }),
    ).rejects.toThrow(/400.*must be a run id/);
  });

  it('refuses a driver whose claim was taken over with the code claim-lost, and writes nothing', async () => {
    const defs = await softwarePipeline();
    const started = await api<StartRunResponse>(cluster, '/v1/runs', {
      method: 'POST',
      body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: defs.flowId, input: 'claimed' },
    });
    const before = await waitForRun(cluster, started.projectKey, started.runId);
    // Called as a driver calls the object. Epoch 0 is no claim: every driver claims 1 or more.
    process.env['RESTATE_INGRESS_URL'] = cluster.ingress;
    const stale = { epoch: 0 };
    const refusals = await Promise.all([
      callProject(started.projectKey, 'append', { ...stale, records: [], artifacts: [] }).catch(
        (error: unknown) => error,
      ),
      callProject(started.projectKey, 'takeInbox', stale).catch((error: unknown) => error),
      callProject(started.projectKey, 'release', stale).catch((error: unknown) => error),
    ]);
    for (const refused of refusals) {
      expect(refused).toBeInstanceOf(StudioError);
      expect((refused as StudioError).code).toBe('claim-lost');
      expect(isClaimLost(refused)).toBe(true);
    }
    const after = await api<{ head: { seq: number } | null }>(
      cluster,
      `/v1/projects/${started.projectKey}/events?since=${before.length}`,
    );
    expect(after.head?.seq).toBe(before.at(-1)?.seq);
  });

  it('writes appends that arrive together in one call to the object, each caller’s events whole and in order', async () => {
    const defs = await definitionsExport(slowMapDrafts(2, 1000, 1));
    const started = await api<StartRunResponse>(cluster, '/v1/runs', {
      method: 'POST',
      body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: defs.flowId, input: 'group' },
    });
    await waitForRun(cluster, started.projectKey, started.runId);
    process.env['RESTATE_INGRESS_URL'] = cluster.ingress;
    const key = started.projectKey;
    // The log as a new driver takes it over: claimed, read, appended to.
    const { epoch } = await callProject(key, 'claim', null);
    const { records } = await readRemoteLog(key);
    const log = new RemoteEventLog(
      key,
      (records[0] as EventRecord).projectId as ProjectId,
      epoch,
      [...records],
      new RemoteArtifacts(key),
      () => Date.now(),
    );
    const sent: number[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      // The driver's calls are plain strings and JSON bodies (ingress.ts).
      if (typeof input === 'string' && input.endsWith('/append') && typeof init?.body === 'string')
        sent.push((JSON.parse(init.body) as { records: unknown[] }).records.length);
      return realFetch(input, init);
    };
    const rename = (name: string) => ({ type: 'project.renamed' as const, data: { name } });
    try {
      const callers = await Promise.all(
        [1, 2, 3, 4, 5].map((i) => log.append([rename(`Name ${i}`), rename(`Name ${i} again`)])),
      );
      expect(sent).toEqual([10]);
      expect(callers.map((events) => events.map((e) => e.seq - records.length))).toEqual([
        [0, 1],
        [2, 3],
        [4, 5],
        [6, 7],
        [8, 9],
      ]);
      // A caller whose drafts the codec refuses fails alone.
      const [refused, kept] = await Promise.allSettled([log.append([rename('')]), log.append([rename('Kept')])]);
      expect(refused.status).toBe('rejected');
      expect(kept.status).toBe('fulfilled');
      expect(sent).toEqual([10, 1]);
      // Another driver claims the log: this one's next append is refused by code, and nothing lands.
      const { epoch: next } = await callProject(key, 'claim', null);
      await expect(log.append([rename('Too late')])).rejects.toMatchObject({ code: 'claim-lost' });
      await callProject(key, 'release', { epoch: next });
    } finally {
      globalThis.fetch = realFetch;
    }
    const after = await readRemoteLog(key);
    expect((await verifyChain(after.records, sha256)).ok).toBe(true);
    expect(after.records.slice(records.length).map((r) => (r.data as { name: string }).name)).toEqual(
      [1, 2, 3, 4, 5].flatMap((i) => [`Name ${i}`, `Name ${i} again`]).concat('Kept'),
    );
  });

  it('refuses a studio of another version, naming both', async () => {
    const response = await fetch(`${cluster.api}/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [STUDIO_VERSION_HEADER]: '9.9.9' },
      body: '{}',
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'studio version 0.1.0, and this studio is version 9.9.9',
    );
  });

  it('answers only the studio origins it is told', async () => {
    const other = await fetch(`${cluster.api}/v1/runner`, { headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const studio = await fetch(`${cluster.api}/v1/runner`, { headers: { origin: 'http://localhost:5173' } });
    expect(studio.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});
