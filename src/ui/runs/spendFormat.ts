import { formatDuration } from '../format';

/** 950, 12.4k, 3.1M tokens. */
export function formatTokens(n: number): string {
  if (n < 1_000) return String(Math.round(n));
  if (n < 1_000_000) return `${(n / 1_000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** $0.0012, $0.42, $12.30: small amounts keep enough digits to be seen at all. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** The three things a budget limits, with how to say an amount of each. */
export const SPEND_MEASURES = [
  { key: 'tokens', name: 'tokens', format: (n: number) => `${formatTokens(n)} tokens` },
  { key: 'costUsd', name: 'cost', format: formatCost },
  { key: 'wallMs', name: 'time', format: formatDuration },
] as const;
