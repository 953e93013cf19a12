import type { AgentResult, AgentRunner, AgentTask } from '../../src/core/conductor/ports';

type ModelMain = (ctx: unknown) => unknown;

/**
 * Runs an agent's compiled code in this realm, with no isolate: the execution figure measures
 * orchestration (gap detection, sealing, the log, artifacts), not worker start-up, which the
 * agent-start figure measures on its own. The peer engine runs its nodes in-process too.
 */
export class InProcessAgents implements AgentRunner {
  private readonly mains = new Map<string, ModelMain>();

  async run(task: AgentTask): Promise<AgentResult> {
    let main = this.mains.get(task.code);
    if (!main) {
      const module = { exports: {} as Record<string, unknown> };

      new Function('exports', 'module', 'require', task.code)(module.exports, module, () => undefined);
      main = module.exports['default'] as ModelMain;
      this.mains.set(task.code, main);
    }
    const emitted: Array<{ port: string; value: unknown }> = [];
    await main({
      inputs: task.inputs,
      emit: (port: string, value: unknown) => emitted.push({ port, value }),
      log: () => undefined,
      random: () => 0.5,
      now: () => task.now,
    });
    return { ok: true, emitted, logs: [], durationMs: 0 };
  }
}
