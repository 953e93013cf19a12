import type { RunProgress, SpendShare } from '../../core/run/runProgress';
import type { RunState } from '../../core/run/runState';
import { SPEND_MEASURES } from './spendFormat';

/** "2 of 5 steps · 40%". */
export const progressText = (p: RunProgress): string =>
  `${p.done} of ${p.total} step${p.total === 1 ? '' : 's'} · ${p.percent}%`;

/** "Now: Draft" / "Now: Sign off (asking), Lint (retrying)"; nothing at work: undefined. */
export function stageText(p: RunProgress): string | undefined {
  if (p.current.length === 0) return undefined;
  return `Now: ${p.current.map((s) => (s.status === 'running' ? s.label : `${s.label} (${s.status})`)).join(', ')}`;
}

/** "Next gate: Sign off" / "Gate: Sign off waits for approval"; no gate ahead: undefined. */
export function gateText(p: RunProgress): string | undefined {
  const gate = p.nextGate;
  if (!gate) return undefined;
  if (gate.state === 'asking') return `Gate: ${gate.label} waits for approval`;
  return `Next gate: ${gate.label}${gate.state === 'checking' ? ' (checking)' : ''}`;
}

const formatOf = (measure: SpendShare['measure']) => SPEND_MEASURES.find((m) => m.key === measure)?.format ?? String;

/** "Spend: 1.2 s of 1 min 0 s · $0.0040 of $0.10"; nothing spent and no budget: "Spend: none yet". */
export function spendText(p: RunProgress): string {
  if (p.spend.length === 0) return 'Spend: none yet';
  return `Spend: ${p.spend.map((s) => (s.limit !== undefined ? `${formatOf(s.measure)(s.spent)} of ${formatOf(s.measure)(s.limit)}` : formatOf(s.measure)(s.spent))).join(' · ')}`;
}

/** A run's status in a word or three: a run a gate ended early reads so, not just “succeeded”. */
export const runStatusWord = (run: Pick<RunState, 'status' | 'stoppedAt'>): string =>
  run.status === 'succeeded' && run.stoppedAt !== undefined ? 'stopped at a gate' : run.status;
