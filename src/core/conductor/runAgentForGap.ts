import { artifactValue, classifyValue, makeArtifact, refOf } from '../artifacts/artifactRecord';
import type { EventData, EventDraft } from '../events/eventMap';
import type { RunId } from '../ids';
import type { ModelDefinition } from '../models/modelDefinition';
import type { ConductorPorts } from './ports';
import { parseProposedFacts } from './runIntentAgent';

interface AgentJob {
  spawned: EventData<'agent.spawned'>;
  runId: RunId;
  model: ModelDefinition | undefined;
  spawnedAt: number;
  ports: Pick<ConductorPorts, 'artifacts' | 'agents' | 'sha256'>;
}

/**
 * One agent's life, spawn → work → resolve: gathers its inputs, runs it in a sandbox, checks what
 * it emitted against its model's ports (the draft), stores the artifacts and returns the events
 * that promote them. The agent itself is gone by the time this returns.
 */
export async function runAgentForGap(job: AgentJob): Promise<EventDraft[]> {
  const { spawned, runId, model, ports } = job;
  const fail = (reason: string, logs: string[] = [], durationMs = 0): EventDraft[] => [
    { type: 'agent.resolved', runId, data: { agentId: spawned.agentId, gapId: spawned.gapId, stepId: spawned.stepId, outcome: 'failed', reason, durationMs, logs: logs.slice(-200) } },
    { type: 'gap.closed', runId, data: { gapId: spawned.gapId, resolution: 'failed' } },
  ];
  if (!model) return fail('its model version is missing from the log.');

  const inputs: Record<string, unknown> = {};
  for (const [port, hash] of Object.entries(spawned.inputs)) {
    const record = await ports.artifacts.get(hash);
    if (!record) return fail(`its input “${port}” is missing from the artifact store.`);
    inputs[port] = artifactValue(record);
  }

  const result = await ports.agents.run({
    agentId: spawned.agentId,
    code: model.compiled,
    inputs,
    outputPorts: model.outputs.map((p) => p.name),
    seed: spawned.seed,
    now: job.spawnedAt,
    deadlineMs: spawned.deadlineMs,
  });
  const logs = result.logs.map((line) => line.slice(0, 2_000));
  if (!result.ok) return fail(result.reason, logs, result.durationMs);

  const emitted = new Map<string, unknown>();
  for (const { port, value } of result.emitted) emitted.set(port, value);
  const drafts: EventDraft[] = [];
  for (const [port] of emitted) {
    if (!model.outputs.some((p) => p.name === port)) return fail(`it emitted to “${port}”, which is not an output of ${model.name}. Outputs: ${model.outputs.map((p) => p.name).join(', ')}.`, logs, result.durationMs);
  }
  for (const port of model.outputs) {
    if (!emitted.has(port.name)) return fail(`it finished without emitting “${port.name}”. Call ctx.emit('${port.name}', value) before returning.`, logs, result.durationMs);
    const classified = classifyValue(emitted.get(port.name), port.type);
    if (!classified.ok) return fail(`output “${port.name}” ${classified.reason}.`, logs, result.durationMs);
    const record = await makeArtifact(classified.kind, classified.body, {
      modelId: model.modelId,
      modelVersion: model.version,
      inputHashes: Object.values(spawned.inputs),
      runId,
      stepId: spawned.stepId,
      agentId: spawned.agentId,
      createdAt: job.spawnedAt + result.durationMs,
    }, ports.sha256);
    await ports.artifacts.put(record);
    drafts.push({ type: 'artifact.produced', runId, data: { stepId: spawned.stepId, port: port.name, agentId: spawned.agentId, artifact: refOf(record) } });
  }
  const stepFacts = emitted.has('facts') ? parseProposedFacts(emitted.get('facts')) : undefined;
  if (stepFacts && !stepFacts.ok) return fail(stepFacts.reason, logs, result.durationMs);
  for (const [i, f] of (stepFacts?.ok ? stepFacts.facts : []).entries()) {
    drafts.push({ type: 'fact.recorded', data: { factId: `${spawned.agentId}.${i}`, fact: f.fact, subject: f.subject, data: f.data as never, by: { kind: 'step', runId, stepId: spawned.stepId }, depth: 0 } });
  }
  drafts.push(
    { type: 'agent.resolved', runId, data: { agentId: spawned.agentId, gapId: spawned.gapId, stepId: spawned.stepId, outcome: 'succeeded', durationMs: result.durationMs, logs } },
    { type: 'gap.closed', runId, data: { gapId: spawned.gapId, resolution: 'filled' } },
  );
  return drafts;
}
