import type { Policy } from '../../policy/policy';
import type { Headroom } from '../../policy/budget';
import { DEFAULT_TIMEOUT_MS, type ModelDefinition } from '../../models/modelDefinition';
import type { KindModule } from '../../kinds/kindModule';

/** An agent's deadline and token cap, and which of them a budget set (not the model or the policy). */
export interface AgentLimits {
  deadlineMs: number;
  maxTokens?: number;
  /** The wall time left under a budget is what set the deadline. */
  deadlineByBudget?: true;
  /** The tokens (or the dollars) left under a budget are what set max_tokens. */
  maxTokensByBudget?: 'tokens' | 'costUsd';
}

/**
 * What one agent may spend, so that it cannot overspend rather than being caught after: its
 * deadline is the least of the model's timeout, the policy's and the wall time left; an LLM's
 * max_tokens is the least of the model's, the policy's, the tokens left and what the dollars left
 * buy at the model's output price.
 */
export function agentLimits(
  model: ModelDefinition | undefined,
  kind: KindModule | undefined,
  policy: Policy | undefined,
  room: Headroom,
): AgentLimits {
  const ownTimeout = Math.min(model?.timeoutMs ?? DEFAULT_TIMEOUT_MS, policy?.timeoutMs ?? Infinity);
  const deadlineMs = Math.max(1, Math.floor(Math.min(ownTimeout, room.wallMs)));
  const deadline = { deadlineMs, ...(room.wallMs <= ownTimeout ? { deadlineByBudget: true as const } : {}) };
  const tokenCap = model && kind?.tokenCap?.(model);
  if (!tokenCap) return deadline;
  const price = tokenCap.outputPerMTok;
  const affordable = price > 0 ? (room.costUsd * 1_000_000) / price : Infinity;
  const ownCap = Math.min(tokenCap.maxTokens ?? Infinity, policy?.maxTokens ?? Infinity);
  const cap = Math.min(ownCap, room.tokens, affordable);
  if (cap === Infinity) return deadline;
  const byBudget = cap >= ownCap ? undefined : cap === room.tokens ? 'tokens' : 'costUsd';
  return { ...deadline, maxTokens: Math.max(0, Math.floor(cap)), ...(byBudget ? { maxTokensByBudget: byBudget } : {}) };
}
