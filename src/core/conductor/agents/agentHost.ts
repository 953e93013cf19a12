import type { EventDraft } from '../../events/eventMap';
import type { RunId } from '../../ids';
import type { KindModule, Usage } from '../../kinds/kindModule';
import type { LlmModel } from '../../models/modelDefinition';
import { costOf } from '../../policy/budget';
import { providerOf } from '../../kinds/llm/llmSchema';
import { checkFetch, checkLlm, checkSecret } from '../../extensions/capabilities';

const SECRET_PLACEHOLDER = /\{\{secret:([A-Za-z0-9_.-]{1,64})\}\}/g;
import type { AgentHost, ConductorPorts, HostReply } from '../ports';

interface HostOptions {
  runId: RunId;
  agentId: string;
  stepId: string;
  kind: KindModule;
  /** Who is asking, in refusals: the extension's name, or "Script models". */
  asker: string;
  ports: Pick<ConductorPorts, 'http' | 'llm' | 'onStream' | 'secrets'>;
  /** The project's LLM models by name: ctx.llm names one. */
  llmModelNamed(name: string): LlmModel | undefined;
  /** Answers ctx.bus (see bus/agentBus.ts); without it the agent is told no bus is here. */
  bus?: AgentHost['bus'];
  /** The most tokens all of this agent's LLM calls may produce together (its budget). */
  maxTokens?: number;
  deadlineMs: number;
}

/**
 * The conductor's side of one agent's ctx.fetch and ctx.llm. Each call is checked against what the
 * agent's kind was granted (its extension's manifest; a script may call LLMs, never the network),
 * made by the conductor, and journaled as an `agent.called` event, granted or refused; LLM tokens
 * and dollars are added to the agent's usage, so the run's budget meters them.
 */
export function mediatedHost(opts: HostOptions): {
  host: AgentHost;
  journal: () => EventDraft[];
  usage: () => Usage | undefined;
} {
  const journal: EventDraft[] = [];
  let usage: Usage | undefined;
  let tokensLeft = opts.maxTokens ?? Infinity;
  const caps = opts.kind.capabilities ?? { network: [], llm: false, secrets: [] };
  const record = (data: Omit<Extract<EventDraft, { type: 'agent.called' }>['data'], 'agentId' | 'stepId'>) =>
    journal.push({
      type: 'agent.called',
      runId: opts.runId,
      data: { agentId: opts.agentId, stepId: opts.stepId, ...data } as never,
    });
  const refuse = <T>(capability: 'network' | 'llm', summary: string, message: string): HostReply<T> => {
    record({ capability, summary, outcome: 'refused', durationMs: 0, detail: message });
    return { ok: false, message };
  };

  /**
   * `{{secret:NAME}}` in a header is replaced, here in the conductor, by the key called NAME, if
   * the manifest declares it: the agent can use a key without ever seeing it.
   */
  const withSecrets = async (
    headers: Record<string, string> | undefined,
  ): Promise<{ ok: true; value: Record<string, string> | undefined } | { ok: false; message: string }> => {
    if (!headers) return { ok: true, value: undefined };
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      let text = String(value);
      for (const match of text.matchAll(SECRET_PLACEHOLDER)) {
        const key = match[1] ?? '';
        const allowed = checkSecret(opts.asker, caps, key);
        if (!allowed.ok) return allowed;
        const secret = await opts.ports.secrets?.(key);
        if (secret === undefined)
          return {
            ok: false,
            message: `There is no API key named “${key}” in this browser. Add it under Project ▾ → API keys.`,
          };
        text = text.replace(match[0], secret);
      }
      out[name] = text;
    }
    return { ok: true, value: out };
  };

  const host: AgentHost = {
    async fetch(request) {
      const method = (request.method ?? 'GET').toUpperCase();
      const summary = `${method} ${String(request.url).slice(0, 400)}`;
      // A built-in kind has no manifest to add an origin to: say what it can do instead.
      if (!opts.kind.provided && (caps.network ?? []).length === 0)
        return refuse(
          'network',
          summary,
          `${opts.asker} cannot reach the network: only an extension's kinds can, for the origins their manifests grant. Pass the data in through an input, or use ctx.llm to ask one of the project's LLM models.`,
        );
      const allowed = checkFetch(opts.asker, caps, request.url);
      if (!allowed.ok) return refuse('network', summary, allowed.message);
      if (!opts.ports.http)
        return refuse('network', summary, 'This studio cannot make network requests for agents here.');
      const headers = await withSecrets(request.headers);
      if (!headers.ok) return refuse('network', summary, headers.message);
      const result = await opts.ports.http.request({
        ...request,
        ...(headers.value ? { headers: headers.value } : {}),
        method,
        deadlineMs: opts.deadlineMs,
      });
      if (!result.ok) {
        record({
          capability: 'network',
          summary,
          outcome: 'failed',
          durationMs: result.durationMs,
          detail: result.reason,
        });
        return { ok: false, message: result.reason };
      }
      record({
        capability: 'network',
        summary,
        outcome: 'ok',
        status: result.status,
        bytes: result.bytes,
        durationMs: result.durationMs,
      });
      return {
        ok: true,
        value: {
          ok: result.ok,
          status: result.status,
          statusText: result.statusText,
          headers: result.headers,
          text: result.text,
        },
      };
    },
    async llm(request) {
      const summary = `LLM “${String(request.model).slice(0, 200)}”`;
      const allowed = checkLlm(opts.asker, caps);
      if (!allowed.ok) return refuse('llm', summary, allowed.message);
      const model = opts.llmModelNamed(request.model);
      if (!model)
        return refuse(
          'llm',
          summary,
          `There is no LLM model called “${request.model}” in this project. ctx.llm names one of the project's LLM models.`,
        );
      if (!opts.ports.llm) return refuse('llm', summary, 'This studio has no LLM client here.');
      const cap = Math.min(request.maxTokens ?? Infinity, model.maxTokens ?? Infinity, tokensLeft);
      if (cap <= 0) return refuse('llm', summary, 'Its budget leaves no tokens for another LLM call.');
      const system = request.system ?? model.system;
      const result = await opts.ports.llm.complete(
        {
          agentId: opts.agentId,
          provider: providerOf(model),
          baseUrl: model.baseUrl,
          model: model.model,
          ...(model.apiKeyName !== undefined ? { apiKeyName: model.apiKeyName } : {}),
          messages: [
            ...(system.trim() !== '' ? [{ role: 'system' as const, content: system }] : []),
            { role: 'user' as const, content: String(request.prompt) },
          ],
          ...(cap !== Infinity ? { maxTokens: Math.floor(cap) } : {}),
          ...((request.temperature ?? model.temperature) !== undefined
            ? { temperature: (request.temperature ?? model.temperature) as number }
            : {}),
          deadlineMs: opts.deadlineMs,
        },
        (text) => opts.ports.onStream?.(opts.agentId, text),
      );
      opts.ports.onStream?.(opts.agentId, null);
      const spent = result.usage
        ? { ...result.usage, costUsd: costOf(result.usage.promptTokens, result.usage.completionTokens, model.pricing) }
        : undefined;
      if (spent) {
        usage = {
          promptTokens: (usage?.promptTokens ?? 0) + spent.promptTokens,
          completionTokens: (usage?.completionTokens ?? 0) + spent.completionTokens,
          costUsd: (usage?.costUsd ?? 0) + spent.costUsd,
        };
        tokensLeft -= spent.completionTokens;
      }
      const called = `${summary} (${model.model})`;
      if (!result.ok) {
        record({
          capability: 'llm',
          summary: called,
          outcome: 'failed',
          durationMs: result.durationMs,
          ...(spent ? { usage: spent } : {}),
          detail: result.reason,
        });
        return { ok: false, message: result.reason };
      }
      record({
        capability: 'llm',
        summary: called,
        outcome: 'ok',
        durationMs: result.durationMs,
        ...(spent ? { usage: spent } : {}),
      });
      return { ok: true, value: { text: result.text, usage: result.usage } };
    },
  };
  if (opts.bus) host.bus = opts.bus;
  return { host, journal: () => [...journal], usage: () => usage };
}
