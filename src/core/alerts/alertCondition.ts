/**
 * The small language of an alert's condition, e.g. `error_rate > 5% over 5m`,
 * `daily_cost > 0.8 × budget`, `run_duration > 20m`, `agent_failures > 2 in 10m`.
 *
 *   condition := metric comparison threshold [("over" | "in") duration]
 *
 * Pure: the editor marks a broken condition with it as a person types, and the conductor parses
 * again on save, so a rule that cannot be read is never stored.
 */

/** What a rule can watch; each is computed by the conductor from the log alone (see alertWindows.ts). */
export const ALERT_METRICS = {
  error_rate: {
    unit: '%',
    windowed: true,
    text: 'runs that failed or were blocked by a gate, in % of the runs that finished in the window',
  },
  failure_rate: { unit: '%', windowed: true, text: 'runs that failed, in % of the runs that finished in the window' },
  agent_failures: {
    unit: 'count',
    windowed: true,
    text: 'agents that failed in the window (each failed attempt counts)',
  },
  daily_cost: { unit: '$', windowed: false, text: 'dollars the agents spent in the last 24 hours' },
  run_duration: { unit: 'ms', windowed: false, text: 'how long the longest run still going has been running' },
} as const;
export type AlertMetric = keyof typeof ALERT_METRICS;
export type AlertUnit = (typeof ALERT_METRICS)[AlertMetric]['unit'];
export type Comparison = '>' | '>=' | '<' | '<=';

export interface ParsedCondition {
  metric: AlertMetric;
  comparison: Comparison;
  /** In the metric's unit: %, a count, dollars or ms. For `N × budget`, resolved with the rule's budgetUsd. */
  threshold: number;
  /** Set for `N × budget`: the factor, so the threshold follows the rule's budget. */
  budgetFactor?: number;
  /** The sliding window of a windowed metric, in ms (daily_cost: always 24 h). */
  windowMs?: number;
}

export type ConditionResult = { ok: true; condition: ParsedCondition } | { ok: false; message: string; column: number };

export const MAX_WINDOW_MS = 86_400_000;
const DAY_MS = 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: DAY_MS };
const METRIC_NAMES = Object.keys(ALERT_METRICS) as AlertMetric[];

interface Token {
  text: string;
  column: number;
}

/** Numbers with an optional unit glued on (5%, 20m, $400), words, and comparison signs. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\$?\d+(?:\.\d+)?(?:%|ms|min|[smhd])?|[A-Za-z_]+|>=|<=|≥|≤|[<>×*]|\S/g;
  for (const match of source.matchAll(pattern)) tokens.push({ text: match[0], column: (match.index ?? 0) + 1 });
  return tokens;
}

const COMPARISONS: Readonly<Record<string, Comparison>> = {
  '>': '>',
  '>=': '>=',
  '≥': '>=',
  '<': '<',
  '<=': '<=',
  '≤': '<=',
};

/** A duration such as `5m`, `90s`, `2h`, `1d` in ms, or undefined. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|min|[smhd])$/.exec(text);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (UNIT_MS[match[2] as string] as number));
}

/** Parses a condition; a failure says what was expected and at which character (1-based). */
export function parseAlertCondition(source: string): ConditionResult {
  const tokens = tokenize(source);
  let at = 0;
  const end = source.length + 1;
  const fail = (message: string, token = tokens[at]): ConditionResult => ({
    ok: false,
    message,
    column: token?.column ?? end,
  });
  const first = tokens[at];
  if (!first) return fail(`write a condition such as “error_rate > 5% over 5m”; metrics: ${METRIC_NAMES.join(', ')}`);
  // "run duration" and "agent failures" read as they are said; both spellings name one metric.
  let word = first.text.toLowerCase();
  const second = tokens[at + 1];
  if (
    second &&
    /^[a-z_]+$/i.test(second.text) &&
    METRIC_NAMES.includes(`${word}_${second.text.toLowerCase()}` as AlertMetric)
  ) {
    word = `${word}_${second.text.toLowerCase()}`;
    at += 1;
  }
  if (!METRIC_NAMES.includes(word as AlertMetric))
    return fail(`“${first.text}” is not a metric an alert can watch; use one of ${METRIC_NAMES.join(', ')}`, first);
  const metric = word as AlertMetric;
  const spec = ALERT_METRICS[metric];
  at += 1;
  const sign = tokens[at];
  const comparison = sign ? COMPARISONS[sign.text] : undefined;
  if (!comparison) return fail(`after “${word}” write a comparison: >, >=, < or <=`);
  at += 1;
  const threshold = readThreshold(tokens, at, metric);
  if (!threshold.ok) return fail(threshold.message, tokens[threshold.at]);
  at = threshold.next;
  const condition: ParsedCondition = {
    metric,
    comparison,
    threshold: threshold.value,
    ...(threshold.budgetFactor !== undefined ? { budgetFactor: threshold.budgetFactor } : {}),
  };
  const keyword = tokens[at];
  if (keyword && /^(over|in)$/i.test(keyword.text)) {
    if (!spec.windowed)
      return fail(
        `${word} has no window of its own${metric === 'daily_cost' ? ' (it is always the last 24 hours)' : ''}; remove “${keyword.text} …”`,
      );
    const windowToken = tokens[at + 1];
    const ms = windowToken ? parseDuration(windowToken.text) : undefined;
    if (ms === undefined || ms <= 0)
      return fail(`after “${keyword.text}” write a window such as 5m, 30s, 1h`, windowToken);
    if (ms > MAX_WINDOW_MS) return fail('a window can be at most 1 day (1d)', windowToken);
    condition.windowMs = ms;
    at += 2;
  } else if (spec.windowed) {
    return fail(`${word} is measured over a window: add “over 5m” (or another length) at the end`);
  }
  if (metric === 'daily_cost') condition.windowMs = DAY_MS;
  if (tokens[at])
    return fail(
      `“${tokens[at]?.text ?? ''}” was not expected here; the condition ends after its threshold${spec.windowed ? ' and window' : ''}`,
    );
  return { ok: true, condition };
}

type Threshold =
  { ok: true; value: number; budgetFactor?: number; next: number } | { ok: false; message: string; at: number };

function readThreshold(tokens: Token[], at: number, metric: AlertMetric): Threshold {
  const unit = ALERT_METRICS[metric].unit;
  const token = tokens[at];
  const example = { '%': '5%', count: '2', $: '400 or 0.8 × budget', ms: '20m' }[unit];
  if (!token) return { ok: false, message: `write a threshold after the comparison, such as ${example}`, at };
  if (unit === '$') {
    // `budget * 0.8`, `0.8 × budget`, `$400`, `400`.
    const times = (t: Token | undefined) => t !== undefined && /^[×*x]$/.test(t.text);
    if (token.text.toLowerCase() === 'budget') {
      const factor = tokens[at + 2];
      if (!times(tokens[at + 1]) || !factor || !/^\d+(\.\d+)?$/.test(factor.text))
        return { ok: false, message: 'write “budget × 0.8” (or “0.8 × budget”)', at: at + 1 };
      return { ok: true, value: 0, budgetFactor: Number(factor.text), next: at + 3 };
    }
    const number = /^\$?(\d+(?:\.\d+)?)$/.exec(token.text);
    if (!number) return { ok: false, message: `daily_cost is in dollars: write a number such as ${example}`, at };
    if (times(tokens[at + 1]) && tokens[at + 2]?.text.toLowerCase() === 'budget')
      return { ok: true, value: 0, budgetFactor: Number(number[1]), next: at + 3 };
    return { ok: true, value: Number(number[1]), next: at + 1 };
  }
  if (unit === 'ms') {
    const ms = parseDuration(token.text);
    if (ms === undefined)
      return {
        ok: false,
        message: `run_duration is a length of time: write it with its unit, such as ${example}, 90s or 2h`,
        at,
      };
    return { ok: true, value: ms, next: at + 1 };
  }
  if (unit === '%') {
    const percent = /^(\d+(?:\.\d+)?)%$/.exec(token.text);
    if (!percent) return { ok: false, message: `${metric} is a percentage: write it with %, such as ${example}`, at };
    const value = Number(percent[1]);
    if (value > 100) return { ok: false, message: 'a percentage can be at most 100%', at };
    return { ok: true, value, next: at + 1 };
  }
  if (!/^\d+$/.test(token.text))
    return { ok: false, message: `${metric} is a count: write a whole number such as ${example}`, at };
  return { ok: true, value: Number(token.text), next: at + 1 };
}

/** Whether `value` meets the condition (the alert fires while it does). */
export function conditionHolds(comparison: Comparison, value: number, threshold: number): boolean {
  switch (comparison) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}
