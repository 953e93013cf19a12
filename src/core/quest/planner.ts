import type { QuestFunction, QuestLevel } from './levelSchema';
import { QuestWorld, scoreAttempt, type QuestCall, type QuestScore } from './questWorld';

/** What a player sees of a function: its name, parameters and return type, never its rules. */
export type Signature = Pick<QuestFunction, 'name' | 'description' | 'params' | 'returns'>;
export const signaturesOf = (level: QuestLevel): Signature[] =>
  level.functions.map(({ name, description, params, returns }) => ({ name, description, params, returns }));

export interface PlannerRun {
  calls: QuestCall[];
  score: QuestScore;
  /** Calls grouped by what they wait for: calls in one round do not need each other and could run in parallel. */
  rounds: number;
  /** Why each call was made, in order: the planner's reasoning, for a person to read. */
  reasons: string[];
}

/**
 * Solves a level from the functions' declared signatures and what the calls return:
 *  - backward from the goal's type: to get a value of type T, call the cheapest function that
 *    returns T (cost = calls needed, its parameters' types included), getting its arguments first;
 *  - a branch: a parameter that accepts only some values (`oneOf`) is tried only once the value
 *    it would take has been observed and fits;
 *  - recovery: a call that fails means a hidden precondition; the planner then calls a function it
 *    has not tried yet (the cheapest), and tries again, until nothing is left to try;
 *  - it never calls what the goal does not need, so a level with a budget and decoys is not overspent.
 */
export function solveLevel(level: QuestLevel): PlannerRun {
  const world = new QuestWorld(level);
  const signatures = signaturesOf(level);
  const known = new Map<string, string[]>();
  const round = new Map<string, number>();
  const reasons: string[] = [];
  const remember = (type: string, value: string, at: number) => {
    known.set(type, [...(known.get(type) ?? []), value]);
    round.set(`${type}\u0000${value}`, Math.max(round.get(`${type}\u0000${value}`) ?? 0, at));
  };
  for (const g of level.given) remember(g.type, g.value, 0);
  let rounds = 0;

  const cost = (type: string, seen: ReadonlySet<string> = new Set()): number => {
    if ((known.get(type) ?? []).length > 0) return 0;
    if (seen.has(type)) return Number.POSITIVE_INFINITY;
    const next = new Set(seen).add(type);
    return Math.min(
      Number.POSITIVE_INFINITY,
      ...signatures.filter((s) => s.returns === type).map((s) => callCost(s, next)),
    );
  };
  const callCost = (s: Signature, seen: ReadonlySet<string> = new Set()): number =>
    1 + s.params.reduce((sum, p) => sum + cost(p.type, seen), 0);

  /** Calls `s` with arguments from what is known; on a failure, tries untried functions first, then again. */
  const attempt = (s: Signature, args: Record<string, string>, why: string): QuestCall | undefined => {
    for (let tries = 0; tries <= signatures.length && !world.over; tries++) {
      reasons.push(tries === 0 ? why : `${s.name} again, now that something else has been done.`);
      const call = world.call(s.name, args);
      const at = 1 + Math.max(0, ...s.params.map((p) => round.get(`${p.type}\u0000${args[p.name] ?? ''}`) ?? 0));
      if (call.ok) {
        rounds = Math.max(rounds, at);
        remember(s.returns, call.value, at);
        return call;
      }
      // A hidden precondition: do the cheapest thing not yet tried, then try again.
      const tried = new Set(world.calls.map((c) => c.fn));
      const untried = signatures
        .filter((o) => !tried.has(o.name) && o.name !== s.name)
        .sort((a, b) => callCost(a) - callCost(b));
      const helper = untried.find(
        (o) =>
          obtain(o.returns, `${s.name} failed (“${call.value}”): maybe ${o.name} is what it waits for.`, o) !==
          undefined,
      );
      if (!helper) return undefined;
    }
    return undefined;
  };

  /** A value of `type`: one already known, or made by calling the cheapest function that returns it. */
  const obtain = (type: string, why: string, only?: Signature, depth = 0): string | undefined => {
    if (!only) {
      const have = known.get(type);
      if (have && have.length > 0) return have.at(-1);
    }
    if (depth > 12 || world.over) return undefined;
    const producers = (only ? [only] : signatures.filter((s) => s.returns === type)).sort(
      (a, b) => callCost(a) - callCost(b),
    );
    for (const s of producers) {
      const args: Record<string, string> = {};
      let fits = true;
      for (const p of s.params) {
        const value = p.oneOf
          ? ((known.get(p.type) ?? []).find((v) => p.oneOf?.includes(v)) ??
            (known.get(p.type)?.length
              ? undefined
              : obtain(p.type, `${s.name} needs a ${p.type}.`, undefined, depth + 1)))
          : obtain(p.type, `${s.name} needs a ${p.type}.`, undefined, depth + 1);
        if (value === undefined || (p.oneOf && !p.oneOf.includes(value))) {
          fits = false;
          break;
        }
        args[p.name] = value;
      }
      if (!fits) continue;
      const call = attempt(s, args, only ? why : `${s.name} gives a ${type}: ${why}`);
      if (call?.ok) return call.value;
    }
    return undefined;
  };

  // The goal is one value of its type: try its producers, cheapest first, until one returns it.
  const finals = signatures.filter((s) => s.returns === level.goal.type).sort((a, b) => callCost(a) - callCost(b));
  for (const s of finals) {
    if (world.won || world.over) break;
    obtain(level.goal.type, `${s.name} gives the goal's ${level.goal.type}.`, s);
  }
  return { calls: world.calls, score: scoreAttempt(level, world.calls), rounds, reasons };
}
