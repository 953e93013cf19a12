import type { QuestLevel } from './levelSchema';

/** One call made in a level, and how it went. */
export interface QuestCall {
  fn: string;
  args: Record<string, string>;
  ok: boolean;
  /** The returned value, or the failure sentence. */
  value: string;
}

/**
 * A level being played: calls go through `call`, which applies the functions' rules (their hidden
 * preconditions included) to what has succeeded so far. Pure: no clock, no randomness; the same
 * calls always give the same answers.
 */
export class QuestWorld {
  readonly calls: QuestCall[] = [];
  private readonly succeeded = new Set<string>();
  constructor(readonly level: QuestLevel) {}

  call(fn: string, args: Record<string, string> = {}): QuestCall {
    const def = this.level.functions.find((f) => f.name === fn);
    let record: QuestCall;
    if (!def) record = { fn, args, ok: false, value: `There is no function called ${fn} in this level.` };
    else if (this.over)
      record = {
        fn,
        args,
        ok: false,
        value: this.won ? 'The level is already won.' : 'The budget is spent: no more calls.',
      };
    else {
      const rule = def.rules.find(
        (r) =>
          (r.after ?? []).every((name) => this.succeeded.has(name)) &&
          Object.entries(r.args ?? {}).every(([k, v]) => args[k] === v),
      );
      record = rule ? { fn, args, ok: true, value: rule.result } : { fn, args, ok: false, value: def.fails };
      if (rule) this.succeeded.add(fn);
    }
    this.calls.push(record);
    return record;
  }

  /**
   * Takes in a call already made, as it went (its answer is not worked out again): how a world is
   * rebuilt from a run's log, where calls that ran at once are recorded in the order they finished.
   */
  replay(call: QuestCall): void {
    this.calls.push(call);
    if (call.ok) this.succeeded.add(call.fn);
  }

  get won(): boolean {
    return this.calls.some((c) => c.ok && c.value === this.level.goal.value);
  }

  get over(): boolean {
    return this.won || (this.level.budget !== undefined && this.calls.length >= this.level.budget);
  }
}

export interface QuestScore {
  won: boolean;
  callsUsed: number;
  /** minimum calls ÷ calls used, for a win; 0 for a loss. */
  efficiency: number;
  sentence: string;
}

/** Scores an attempt: won or not, and efficiency = minimum calls ÷ calls used (to the winning call). */
export function scoreAttempt(level: QuestLevel, calls: readonly QuestCall[]): QuestScore {
  const winAt = calls.findIndex((c) => c.ok && c.value === level.goal.value);
  const withinBudget = level.budget === undefined || winAt + 1 <= level.budget;
  if (winAt < 0 || !withinBudget) {
    const why =
      winAt < 0
        ? `the goal (“${level.goal.value}”) was not reached in ${calls.length} call${calls.length === 1 ? '' : 's'}`
        : `the goal took ${winAt + 1} calls, over the budget of ${level.budget}`;
    return { won: false, callsUsed: calls.length, efficiency: 0, sentence: `Not won: ${why}.` };
  }
  const used = winAt + 1;
  const efficiency = level.minCalls / used;
  return {
    won: true,
    callsUsed: used,
    efficiency,
    sentence: `Won in ${used} call${used === 1 ? '' : 's'} (the fewest is ${level.minCalls}): efficiency ${Math.round(efficiency * 100)}%.`,
  };
}
