import { compileModel } from '../../runtime/compileModel';
import { QuickJsAgents } from '../../runtime/quickjs/quickjsAgents';
import type { HandoffTask } from '../../core/handoff/handoffSchemas';

export interface WorkDone {
  ok: boolean;
  outputs: Record<string, unknown>;
  summary: string;
  explanation: string;
}

const agents = new QuickJsAgents();

/**
 * The built-in `script` contract: the task's instruction is a script model's TypeScript, run in
 * the same QuickJS sandbox as the headless CLI (no file system, no network), so a handoff loop works
 * offline with no agent installed. Its deadline is the task's timeout.
 */
export async function runScriptContract(task: HandoffTask, inputs: Record<string, unknown>): Promise<WorkDone> {
  const compiled = compileModel(task.instruction);
  if (!compiled.ok)
    return { ok: false, outputs: {}, summary: `The script does not compile: ${compiled.message}`, explanation: '' };
  const result = await agents.run({
    agentId: task.task_id,
    code: compiled.code,
    inputs,
    outputPorts: task.outputs,
    seed: 1,
    now: Date.now(),
    deadlineMs: task.timeout_seconds * 1000,
  });
  const log = result.logs.map((line) => `    ${line}`).join('\n');
  const explanation = [
    `Ran the task's script in the QuickJS sandbox (${result.durationMs} ms).`,
    log !== '' ? `\nIts log:\n\n${log}\n` : '',
  ].join('\n');
  if (!result.ok) return { ok: false, outputs: {}, summary: `The script failed: ${result.reason}`, explanation };
  const outputs = Object.fromEntries(result.emitted.map((e) => [e.port, e.value]));
  return {
    ok: true,
    outputs,
    summary: `The script emitted ${Object.keys(outputs).join(', ') || 'nothing'}.`,
    explanation,
  };
}
