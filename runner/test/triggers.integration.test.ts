import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectView, RunList, RunView } from '../../src/protocol/publicApi';
import { startCluster, type Cluster } from './support/cluster';
import { definitionsExport, publicApiDrafts } from './support/definitions';
import { call, printedToken } from './support/publicClient';

/** Asks for the project's runs until `enough` says they are, or fails after `timeoutMs`. */
async function runsUntil(
  cluster: Cluster,
  token: string,
  projectId: string,
  enough: (runs: RunList['runs']) => boolean,
  timeoutMs = 90_000,
): Promise<RunList['runs']> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call<RunList>(cluster, 'GET', `/projects/${projectId}/runs`, { token });
    if (enough(body.runs)) return body.runs;
    if (Date.now() > until)
      throw new Error(
        `The runs were not as expected within ${timeoutMs / 1000} s: ${JSON.stringify(body)}\n${cluster.output().slice(-5000)}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('a flow’s cron trigger on a runner on Restate', () => {
  let cluster: Cluster | undefined;
  afterAll(() => cluster?.stop());

  // Two whole-runner starts (Restate included) and two schedules' worth of runs: minutes on a busy machine.
  it(
    'starts runs on its schedule, and goes on after the whole runner (Restate too) restarts',
    { timeout: 300_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'runner-trigger-test-'));
      cluster = await startCluster({ processes: 1, offset: 4, dir });
      const token = printedToken(cluster);
      const defs = await definitionsExport(publicApiDrafts({ Shout: { cron: '*/2 * * * * *', input: 'tick' } }));
      const published = await call<ProjectView>(cluster, 'PUT', `/projects/${defs.projectId}`, {
        token,
        text: defs.text,
        headers: { 'content-type': 'application/json' },
      });
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      const trigger = published.body.flows.find((f) => f.name === 'Shout')?.trigger;
      expect(trigger).toMatchObject({ cron: '*/2 * * * * *', nextRunAt: expect.any(Number) });

      const before = await runsUntil(cluster, token, defs.projectId, (runs) =>
        runs.some((r) => r.flow === 'Shout' && r.status === 'succeeded'),
      );
      const first = before.find((r) => r.status === 'succeeded');
      // A run a schedule started is a run like any other: GET /runs/:id (once its start is recorded) has its output.
      let view: RunView | undefined;
      for (let tries = 0; view === undefined && tries < 200; tries++) {
        const answer = await call<RunView>(cluster, 'GET', `/runs/${first?.runId}`, { token });
        if (answer.status === 200) view = answer.body;
        else await new Promise((r) => setTimeout(r, 100));
      }
      expect(view?.outputs).toEqual({ 'Upper.text': 'TICK' });

      // The whole runner goes down (launcher, processes and Restate) and comes back on the same data.
      await cluster.stop({ keepDir: true });
      const restartedAt = Date.now();
      cluster = await startCluster({ processes: 1, offset: 4, dir });
      // The token is printed once, on the first start only; it still works.
      expect(cluster.output()).not.toMatch(/API token \(shown once/);
      const after = await runsUntil(cluster, token, defs.projectId, (runs) =>
        runs.some((r) => r.startedAt > restartedAt && r.status === 'succeeded'),
      );
      expect(after.length).toBeGreaterThan(before.length);

      // Published again without the schedule: it is disarmed (the project no longer shows it).
      const plain = await definitionsExport(publicApiDrafts(), defs.projectId);
      const republished = await call<ProjectView>(cluster, 'PUT', `/projects/${defs.projectId}`, {
        token,
        text: plain.text,
        headers: { 'content-type': 'application/json' },
      });
      expect(republished.body.flows).toEqual([{ name: 'Shout' }, { name: 'Slow' }]);
      // …and its durable timer's object says so: nothing is due any more.
      const ingress = cluster.ingress;
      const nextRunAt = () =>
        fetch(`${ingress}/trigger/${encodeURIComponent(`${defs.projectId}/${defs.flowId}`)}/nextRunAt`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: 'null',
        }).then((r) => r.json() as Promise<number | null>);
      for (let tries = 0; (await nextRunAt()) !== null; tries++) {
        if (tries > 100) throw new Error('The schedule was not disarmed within 10 s.');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  );
});
