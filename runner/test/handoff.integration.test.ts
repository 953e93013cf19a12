import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDraft } from '../../src/core/events/eventMap';
import { readAuditLog } from '../../src/core/handoff/auditLog';
import { auditFile } from '../../src/core/handoff/handoffLayout';
import type { StartRunResponse } from '../../src/protocol/runnerApi';
import { sha256 } from '../../src/runtime/sha256';
import { TestStudio } from '../../src/core/testing/testStudio';
import { buildExecutor, ExecutorProcess } from '../../src/headless/executor/executorTestSupport';
import { api, startCluster, waitForRun, type Cluster } from './support/cluster';
import { definitionsExport } from './support/definitions';

/**
 * A flow with a handoff step run on the runner: the runner writes the task into RUNNER_HANDOFF_DIR
 * and a real executor process, watching that folder, answers it.
 */

const cli = 'node_modules/.cache/executor-tests/runner-handoff-executor.mjs';

/** A handoff model and a flow with one step of it, as a studio's definitions export holds them. */
async function handoffFlow(): Promise<EventDraft[]> {
  const studio = await new TestStudio(sha256, {}).open();
  const modelId = await studio.define({
    kind: 'handoff',
    name: 'Shout',
    inputs: [{ name: 'topic', type: 'text' }],
    outputs: [{ name: 'text', type: 'text' }],
    contract: 'script',
    instruction: `export default async (ctx: Ctx) => { ctx.emit('text', String(ctx.inputs.topic).toUpperCase() + '!'); }`,
  });
  const flowId = await studio.do({ type: 'createFlow', name: 'Handoff on the runner' });
  await studio.do({ type: 'addStep', flowId, modelId, position: { x: 0, y: 0 }, label: 'Shout it' });
  return studio.events
    .filter((e) => e.type !== 'project.created')
    .map((e) => ({ type: e.type, data: e.data }) as EventDraft);
}

describe('a runner with RUNNER_HANDOFF_DIR', () => {
  let cluster: Cluster;
  let workspace: string;
  let executor: ExecutorProcess;
  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'runner-handoff-'));
    await buildExecutor(cli);
    executor = new ExecutorProcess(cli, [workspace, '--name', 'team-executor']);
    await executor.until((lines) => lines.some((l) => l.includes('is watching')));
    cluster = await startCluster({ processes: 1, offset: 3, env: { RUNNER_HANDOFF_DIR: workspace } });
  });
  afterAll(async () => {
    await cluster?.stop();
    await executor?.stop();
    await rm(workspace, { recursive: true, force: true });
  });

  it('writes the task into the folder, and a real executor’s checked answer finishes the run', async () => {
    const defs = await definitionsExport(await handoffFlow());
    const started = await api<StartRunResponse>(cluster, '/v1/runs', {
      method: 'POST',
      body: { studioProjectId: defs.projectId, definitions: defs.text, flowId: defs.flowId, input: 'hello' },
    });
    const records = await waitForRun(cluster, started.projectKey, started.runId);
    expect(records.find((r) => r.type === 'run.finished' && r.runId === started.runId)?.data).toMatchObject({
      status: 'succeeded',
    });
    const resolved = records.find((r) => r.type === 'agent.resolved' && r.runId === started.runId);
    expect((resolved?.data as { logs: string[] }).logs).toEqual(
      expect.arrayContaining([expect.stringMatching(/^provenance: team-executor 0\.1\.0, /)]),
    );
    expect(executor.lines.some((l) => l.includes('step_001: completed'))).toBe(true);
    const place = { plan: started.runId, fork: started.runId };
    const audit = await readAuditLog(await readFile(join(workspace, auditFile(place)), 'utf8'), sha256);
    expect(audit.ok).toBe(true);
    expect(audit.lines.map((l) => l.event)).toEqual(expect.arrayContaining(['task.written', 'task.accepted']));
  });
});
