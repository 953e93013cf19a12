import type { EventData } from '../../events/eventMap';
import { providerOf, type LlmModel } from './llmSchema';
import { costOf } from '../../policy/budget';
import type { ConductorPorts, ErrorClass } from '../../ports/ports';

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** Fills {{port}} placeholders with the inputs; unknown names are left as they are, so a typo shows. */
export function renderPrompt(template: string, inputs: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(inputs, name) ? asText(inputs[name]) : whole,
  );
}

/** JSON in a model's reply, with or without a ```json fence around it. */
function parseJsonReply(text: string): { ok: true; value: unknown } | { ok: false } {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  try {
    return { ok: true, value: JSON.parse((fenced?.[1] ?? text).trim()) };
  } catch {
    return { ok: false };
  }
}

type LlmWork =
  | {
      ok: true;
      emitted: Map<string, unknown>;
      logs: string[];
      durationMs: number;
      usage: { promptTokens: number; completionTokens: number; costUsd: number };
      cutAtMaxTokens?: true;
    }
  | {
      ok: false;
      reason: string;
      errorClass: ErrorClass;
      logs: string[];
      durationMs: number;
      retryAfterMs?: number;
      usage?: { promptTokens: number; completionTokens: number; costUsd: number };
    };

/**
 * An LLM model's work: one chat completion through the conductor's client (so tokens and cost are
 * metered and the reply is journaled as the artifact). One text output takes the reply as it is;
 * a json output, or several outputs, take it as JSON (an object keyed by output name for several).
 */
export async function runLlmModel(
  model: LlmModel,
  spawned: EventData<'agent.spawned'>,
  inputs: Record<string, unknown>,
  ports: Pick<ConductorPorts, 'llm' | 'onStream'>,
): Promise<LlmWork> {
  if (!ports.llm)
    return {
      ok: false,
      reason: 'this studio has no LLM client (model calls run in the conductor worker).',
      errorClass: 'network',
      logs: [],
      durationMs: 0,
    };
  const messages = [
    ...(model.system.trim() !== '' ? [{ role: 'system' as const, content: renderPrompt(model.system, inputs) }] : []),
    { role: 'user' as const, content: renderPrompt(model.prompt, inputs) },
  ];
  const maxTokens = spawned.maxTokens ?? model.maxTokens;
  if (maxTokens === 0)
    return {
      ok: false,
      reason: 'its budget leaves no tokens for a reply.',
      errorClass: 'budget',
      logs: [],
      durationMs: 0,
    };
  const result = await ports.llm.complete(
    {
      agentId: spawned.agentId,
      provider: providerOf(model),
      baseUrl: model.baseUrl,
      model: model.model,
      ...(model.apiKeyName !== undefined ? { apiKeyName: model.apiKeyName } : {}),
      messages,
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...(model.temperature !== undefined ? { temperature: model.temperature } : {}),
      deadlineMs: spawned.deadlineMs,
    },
    (text) => ports.onStream?.(spawned.agentId, text),
  );
  ports.onStream?.(spawned.agentId, null);
  const usageOf = (u: { promptTokens: number; completionTokens: number }) => ({
    ...u,
    costUsd: costOf(u.promptTokens, u.completionTokens, model.pricing),
  });
  const logs = [`${model.model} at ${model.baseUrl}`];
  if (!result.ok) {
    return {
      ok: false,
      reason: result.reason,
      errorClass: result.errorClass,
      logs,
      durationMs: result.durationMs,
      ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
      ...(result.usage ? { usage: usageOf(result.usage) } : {}),
    };
  }
  const usage = usageOf(result.usage);
  logs.push(
    `finished: ${result.finishReason}; ${result.usage.promptTokens} prompt + ${result.usage.completionTokens} completion tokens`,
  );
  const emitted = new Map<string, unknown>();
  const [only] = model.outputs;
  if (model.outputs.length === 1 && only && only.type === 'text') emitted.set(only.name, result.text);
  else {
    const parsed = parseJsonReply(result.text);
    if (!parsed.ok)
      return {
        ok: false,
        reason: `its reply is not the JSON its outputs need: “${result.text.slice(0, 200)}”`,
        errorClass: 'invalid-output',
        logs,
        durationMs: result.durationMs,
        usage,
      };
    if (model.outputs.length === 1 && only) emitted.set(only.name, parsed.value);
    else {
      const object = parsed.value;
      if (typeof object !== 'object' || object === null || Array.isArray(object))
        return {
          ok: false,
          reason: 'its reply must be a JSON object with a key per output.',
          errorClass: 'invalid-output',
          logs,
          durationMs: result.durationMs,
          usage,
        };
      for (const port of model.outputs)
        if (Object.hasOwn(object, port.name)) emitted.set(port.name, (object as Record<string, unknown>)[port.name]);
    }
  }
  return {
    ok: true,
    emitted,
    logs,
    durationMs: result.durationMs,
    usage,
    ...(result.finishReason === 'length' ? { cutAtMaxTokens: true as const } : {}),
  };
}
