import { describeDuration } from '../text/describeDuration';
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
