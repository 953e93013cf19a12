import type { AgentTask } from '../ports/ports';
import type { AgentWork, AgentWorkContext } from './kindModule';

/**
 * The work of a kind whose code runs in the sandbox (scripts, extensions' kinds): one agent, one
 * fresh isolate, with the mediated host for ctx.fetch and ctx.llm. `code` and what only some kinds
 * give (an entry kind, settings) are the kind's; the rest comes from the agent's spawn event.
 */
export async function runInSandbox(
  ctx: AgentWorkContext,
  outputs: ReadonlyArray<{ name: string }>,
  code: Pick<AgentTask, 'code' | 'entry' | 'settings'>,
): Promise<AgentWork> {
  const { spawned, inputs, spawnedAt, ports, host } = ctx;
  const task: AgentTask = {
    agentId: spawned.agentId,
    inputs,
    outputPorts: outputs.map((p) => p.name),
    seed: spawned.seed,
    now: spawnedAt,
    deadlineMs: spawned.deadlineMs,
    ...code,
  };
  const result = await ports.agents.run(task, host);
  if (!result.ok)
    return {
      ok: false,
      reason: result.reason,
      errorClass: result.errorClass ?? 'script-error',
      logs: result.logs,
      durationMs: result.durationMs,
    };
  return {
    ok: true,
    emitted: new Map(result.emitted.map(({ port, value }) => [port, value])),
    logs: result.logs,
    durationMs: result.durationMs,
  };
}
