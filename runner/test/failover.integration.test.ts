import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyChain } from '../../src/core/events/hashChain';
import type { EventRecord } from '../../src/core/events/storedEvent';
import { sha256 } from '../../src/runtime/sha256';
import type { StartRunResponse } from '../../src/protocol/runnerApi';
import { api, startCluster, waitForRun, type Cluster } from './support/cluster';
import { chainDrafts, definitionsExport, slowMapDrafts } from './support/definitions';

type Data = Record<string, unknown>;
const data = (r: EventRecord) => r.data as Data;

/** Agents by the work they did: step and map item, and how each ended. */
function agentsByWork(records: EventRecord[]) {
  const work = new Map<string, string>();
  for (const r of records)
    if (r.type === 'agent.spawned')
      work.set(String(data(r)['agentId']), `${String(data(r)['stepId'])}#${JSON.stringify(data(r)['item'] ?? null)}`);
  const spawned = new Map<string, number>();
  const succeeded = new Map<string, number>();
  for (const r of records) {
    if (r.type === 'agent.spawned')
      spawned.set(
        work.get(String(data(r)['agentId'])) ?? '',
        (spawned.get(work.get(String(data(r)['agentId'])) ?? '') ?? 0) + 1,
      );
    if (r.type === 'agent.resolved' && data(r)['outcome'] === 'succeeded') {
      const key = work.get(String(data(r)['agentId'])) ?? '';
      succeeded.set(key, (succeeded.get(key) ?? 0) + 1);
    }
  }
  return { spawned, succeeded };
}

describe('a runner process that dies', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });

  it('killed between an agent’s work and its append, redoes only that agent', async () => {
    const marker = join(process.env['TMPDIR'] ?? '/tmp', `runner-crash-${process.pid}-${Date.now()}`);
    // The fault is injected through the driver's port to Restate (its fetch), by a module the
    // runner processes preload: nothing in the runner's own code knows about it.
    const preload = fileURLToPath(new URL('./support/crashBeforeAppend.mjs', import.meta.url));
    const env = {
      NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import=${preload}`.trim(),
      CRASH_BEFORE_APPEND_AT_RESOLVE: '3',
      CRASH_BEFORE_APPEND_MARKER: marker,
    };
    cluster = await startCluster({ processes: 2, offset: 1, env });
    const defs = await definitionsExport(chainDrafts(5));
    const started = await api<StartRunResponse>(cluster, '/v1/runs', {
      method: 'POST',
      body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: defs.flowId, input: 'go' },
    });
    const records = await waitForRun(cluster, started.projectKey, started.runId);
    expect(existsSync(marker)).toBe(true);
    expect((await verifyChain(records, sha256)).ok).toBe(true);
    expect(records.find((r) => r.type === 'run.finished')?.data).toMatchObject({ status: 'succeeded' });
    const continued = records.filter((r) => r.type === 'run.continued');
    expect(continued).toHaveLength(1);
    expect(data(continued[0] as EventRecord)['abandoned']).toHaveLength(1);
    const { spawned, succeeded } = agentsByWork(records);
    // Five steps, each succeeded once; the third was spawned twice (its first result was lost with the process), the others once.
    expect([...succeeded.values()]).toEqual([1, 1, 1, 1, 1]);
    expect([...spawned.values()]).toEqual([1, 1, 2, 1, 1]);
  });

  it('killed by its PID mid-run, the run completes on the other with every output once', async () => {
    cluster = await startCluster({ processes: 2, offset: 2 });
    const defs = await definitionsExport(slowMapDrafts(24, 300_000, 8));
    const started = await api<StartRunResponse>(cluster, '/v1/runs', {
      method: 'POST',
      body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: defs.flowId, input: 'go' },
    });
    // Wait until the map is under way, then kill one runner process outright.
    const underWay = Date.now() + 60_000;
    for (let since = 0, resolved = 0; resolved < 4;) {
      if (Date.now() > underWay)
        throw new Error(
          `The map was not under way within 60 s (${resolved} items done). The runner printed:\n${cluster.output().slice(-20_000)}`,
        );
      const page = await api<{ records: EventRecord[] }>(
        cluster,
        `/v1/projects/${started.projectKey}/events?since=${since}&wait=2000`,
      );
      since += page.records.length;
      resolved += page.records.filter((r) => r.type === 'agent.resolved').length;
    }
    process.kill(cluster.workers[0] as number, 'SIGKILL');
    const records = await waitForRun(cluster, started.projectKey, started.runId, 180_000);
    expect((await verifyChain(records, sha256)).ok).toBe(true);
    expect(records.find((r) => r.type === 'run.finished')?.data).toMatchObject({ status: 'succeeded' });
    const { succeeded } = agentsByWork(records);
    // split, 24 map items, sum: each done exactly once.
    expect(succeeded.size).toBe(26);
    expect([...succeeded.values()].every((n) => n === 1)).toBe(true);
  }, 240_000);
});
