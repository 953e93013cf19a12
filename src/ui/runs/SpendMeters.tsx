import type { Spend } from '../../core/policy/budget';
import type { Limits } from '../../core/policy/policy';
import { SPEND_MEASURES } from './spendFormat';
import './spendMeters.css';

/**
 * Spend against a budget: one meter (role "meter", labelled "<label> tokens|cost|time") per
 * limit that is set, and a plain total for each other measure spent on. With no budget at all it
 * is one line of totals. Re-rendered with the run, so it moves as agents report their spend.
 */
export function SpendMeters({ label, spend, limits }: { label: string; spend: Spend; limits: Limits | undefined }) {
  const limited = SPEND_MEASURES.filter((m) => limits?.[m.key] !== undefined);
  // Without a limit, a measure is worth a word only once something was spent on it.
  const totals = SPEND_MEASURES.filter((m) => limits?.[m.key] === undefined && spend[m.key] > 0);
  return (
    <div className="spend-meters" role="group" aria-label={`${label} spend`}>
      {limited.map((m) => {
        const max = limits?.[m.key] ?? 0;
        const value = spend[m.key];
        const share = max > 0 ? value / max : value > 0 ? 1 : 0;
        const tone = share >= 1 ? 'is-over' : share >= 0.8 ? 'is-near' : '';
        return (
          <div key={m.key} className="spend-meter">
            <span className="spend-meter__name">{m.name}</span>
            <div
              className={`spend-meter__bar ${tone}`}
              role="meter"
              aria-label={`${label} ${m.name}`}
              aria-valuemin={0}
              aria-valuemax={max}
              aria-valuenow={Math.min(value, max)}
              aria-valuetext={`${m.format(value)} of ${m.format(max)}`}
              data-spent={value}
            >
              <div className="spend-meter__fill" style={{ width: `${Math.min(100, share * 100)}%` }} />
            </div>
            <span className="spend-meter__text">
              {m.format(value)} / {m.format(max)}
            </span>
          </div>
        );
      })}
      {totals.length > 0 && (
        <p className="spend-meters__totals" aria-label={`${label} totals`}>
          {limited.length > 0 ? 'also ' : ''}
          {totals.map((m) => m.format(spend[m.key])).join(' · ')}
        </p>
      )}
    </div>
  );
}
