import type { KindModule } from '../kindModule';
import type { ModelDefinition } from '../../models/modelDefinition';
import type { ScriptModel } from './scriptSchema';

/**
 * Script models: TypeScript a person writes, compiled when saved and run by an agent in a fresh
 * sandbox. A script may call the project's LLM models through ctx.llm (metered and budgeted by the
 * conductor) but has no network of its own.
 */
export const scriptKind: KindModule<ScriptModel> = {
  key: 'script',
  extensionId: 'built-in.script',
  label: 'Script',
  editor: 'code',
  role: () => 'agent',
  capabilities: { network: [], llm: true, secrets: [] },
  async work(model, { spawned, inputs, spawnedAt, ports, host }) {
    const result = await ports.agents.run(
      {
        agentId: spawned.agentId,
        code: model.compiled,
        inputs,
        outputPorts: model.outputs.map((p) => p.name),
        seed: spawned.seed,
        now: spawnedAt,
        deadlineMs: spawned.deadlineMs,
      },
      host,
    );
    if (!result.ok) return { ok: false, reason: result.reason, errorClass: result.errorClass ?? 'script-error', logs: result.logs, durationMs: result.durationMs };
    return { ok: true, emitted: new Map(result.emitted.map(({ port, value }) => [port, value])), logs: result.logs, durationMs: result.durationMs };
  },
  badge: () => undefined,
  // Written in the code editor, not from a JSON template.
  templates: [],
  templateOf: () => 'script',
  docs: {},
  runsIntentAgents: true,
};

/** Narrows a model to a script model: the code editor edits only these. */
export const isScriptModel = (model: ModelDefinition | null): model is ScriptModel => model?.kind === 'script';
