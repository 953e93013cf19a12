import type { Policy } from '../policy/policy';
import type { Headroom } from '../policy/budget';
import { DEFAULT_TIMEOUT_MS, type ModelDefinition } from '../models/modelDefinition';
import type { KindModule } from '../kinds/kindModule';

/**
 * What one agent may spend, so that it cannot overspend rather than being caught after: its
 * deadline is the least of the model's timeout, the policy's and the wall time left; an LLM's
 * max_tokens is the least of the model's, the policy's, the tokens left and what the dollars left
 * buy at the model's output price.
 */
export function agentLimits(model: ModelDefinition | undefined, kind: KindModule | undefined, policy: Policy | undefined, room: Headroom): { deadlineMs: number; maxTokens?: number } {
  const deadline = Math.min(model?.timeoutMs ?? DEFAULT_TIMEOUT_MS, policy?.timeoutMs ?? Infinity, room.wallMs);
  const deadlineMs = Math.max(1, Math.floor(deadline));
  const tokenCap = model && kind?.tokenCap?.(model);
  if (!tokenCap) return { deadlineMs };
  const price = tokenCap.outputPerMTok;
  const affordable = price > 0 ? (room.costUsd * 1_000_000) / price : Infinity;
  const cap = Math.min(tokenCap.maxTokens ?? Infinity, policy?.maxTokens ?? Infinity, room.tokens, affordable);
  return cap === Infinity ? { deadlineMs } : { deadlineMs, maxTokens: Math.max(0, Math.floor(cap)) };
}
