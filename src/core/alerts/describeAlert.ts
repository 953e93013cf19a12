import type { AlertUnit } from './alertCondition';

/** A metric's value as a person reads it: 40%, 3, $0.0120, 21 min 5 s. */
export function describeValue(value: number, unit: AlertUnit): string {
  switch (unit) {
    case '%':
      return `${Math.round(value * 10) / 10}%`;
    case '$':
      return `$${value < 1 ? value.toFixed(4) : value.toFixed(2)}`;
    case 'ms':
      return describeDuration(value);
    case 'count':
      return String(value);
  }
}

function describeDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1_000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}
