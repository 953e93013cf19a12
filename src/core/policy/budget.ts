import type { Limits } from './policy';

/** What has been spent: tokens, dollars and agent wall time. */
export interface Spend {
  tokens: number;
  costUsd: number;
  wallMs: number;
}
export const noSpend: Spend = { tokens: 0, costUsd: 0, wallMs: 0 };

export const addSpend = (a: Spend, b: Partial<Spend>): Spend => ({
  tokens: a.tokens + (b.tokens ?? 0),
  costUsd: a.costUsd + (b.costUsd ?? 0),
  wallMs: a.wallMs + (b.wallMs ?? 0),
});

/** What one agent spent, from its agent.resolved: tokens and dollars (LLM calls) and its working time. */
export const spendOf = (resolved: {
  durationMs: number;
  usage?: { promptTokens: number; completionTokens: number; costUsd: number } | undefined;
}): Spend => ({
  tokens: resolved.usage ? resolved.usage.promptTokens + resolved.usage.completionTokens : 0,
  costUsd: resolved.usage?.costUsd ?? 0,
  wallMs: resolved.durationMs,
});

/** Dollars for a call, from per-million-token prices. */
export const costOf = (
  promptTokens: number,
  completionTokens: number,
  pricing: { inputPerMTok: number; outputPerMTok: number },
): number => (promptTokens * pricing.inputPerMTok + completionTokens * pricing.outputPerMTok) / 1_000_000;

export interface Headroom {
  tokens: number;
  costUsd: number;
  wallMs: number;
}

/** What is left under each limit (Infinity where there is none). */
export function headroom(limits: Limits | undefined, spent: Spend): Headroom {
  return {
    tokens: limits?.tokens === undefined ? Infinity : limits.tokens - spent.tokens,
    costUsd: limits?.costUsd === undefined ? Infinity : limits.costUsd - spent.costUsd,
    wallMs: limits?.wallMs === undefined ? Infinity : limits.wallMs - spent.wallMs,
  };
}

export const minHeadroom = (...rooms: Headroom[]): Headroom => ({
  tokens: Math.min(...rooms.map((r) => r.tokens)),
  costUsd: Math.min(...rooms.map((r) => r.costUsd)),
  wallMs: Math.min(...rooms.map((r) => r.wallMs)),
});

/**
 * Whether another agent may start under `room`: refused (with which limit, for a person) when
 * any limit is used up, or when a known estimate of the agent's spend would not fit.
 */
export function admits(
  room: Headroom,
  estimate: Partial<Spend> = {},
): { ok: true } | { ok: false; limit: 'tokens' | 'costUsd' | 'wallMs'; detail: string } {
  const checks = [
    [
      'tokens',
      room.tokens,
      estimate.tokens ?? 1,
      (n: number) => `${Math.max(0, Math.floor(n)).toLocaleString('en')} tokens`,
    ],
    ['costUsd', room.costUsd, estimate.costUsd ?? Number.MIN_VALUE, (n: number) => `$${Math.max(0, n).toFixed(4)}`],
    ['wallMs', room.wallMs, estimate.wallMs ?? 1, (n: number) => `${Math.max(0, Math.round(n))} ms`],
  ] as const;
  for (const [limit, left, need, say] of checks) {
    if (left < need) return { ok: false, limit, detail: `${say(left)} left, and this needs ${say(need)}` };
  }
  return { ok: true };
}
