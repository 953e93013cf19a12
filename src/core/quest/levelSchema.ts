import { z } from 'zod';

const name = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a lower-case identifier (letters, digits, _)');
const value = z.string().min(1).max(500);

/** A parameter as the function declares it: its type, and for a branch the values it accepts. */
export const paramSchema = z.strictObject({ name, type: name, oneOf: z.array(value).min(1).optional() });

/**
 * One way a call can go: when every function in `after` has already succeeded and the arguments
 * equal `args`, the call returns `result`. Rules are tried in order; a call no rule fits fails
 * with the function's `fails` sentence. `after` is the hidden precondition: it is not part of the
 * signature a player (or the planner) sees.
 */
export const ruleSchema = z.strictObject({
  after: z.array(name).optional(),
  args: z.record(name, value).optional(),
  result: value,
});

export const questFunctionSchema = z.strictObject({
  name,
  description: z.string().max(500),
  params: z.array(paramSchema).max(6),
  returns: name,
  rules: z.array(ruleSchema).min(1),
  fails: z.string().max(500),
});

export const CONCEPTS = ['sequence', 'branch', 'parallel', 'reverse', 'recovery', 'budget'] as const;

export const levelSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,60}$/),
    /** Where the level sits in the ladder: levels unlock in this order. */
    order: z.number().int().positive(),
    title: z.string().min(1).max(120),
    story: z.string().max(2_000),
    concepts: z.array(z.enum(CONCEPTS)).min(1),
    functions: z.array(questFunctionSchema).min(1).max(20),
    /** What the player holds from the start, by type (a reverse level hands over the downstream artifact). */
    given: z.array(z.strictObject({ type: name, value })).default([]),
    /** The goal artifact: the level is won when a call returns exactly this. */
    goal: z.strictObject({ type: name, value }),
    /** The fewest calls that reach the goal, knowing every hidden precondition. */
    minCalls: z.number().int().positive(),
    /** At most this many calls; one more and the attempt is lost. */
    budget: z.number().int().positive().optional(),
    /** True when the signatures alone lead to the goal in `minCalls` (no hidden precondition stands in the way). */
    optimalFromSignatures: z.boolean(),
  })
  .refine((l) => l.budget === undefined || l.budget >= l.minCalls, {
    message: 'a budget below the minimum number of calls makes the level unwinnable',
    path: ['budget'],
  })
  .refine((l) => new Set(l.functions.map((f) => f.name)).size === l.functions.length, {
    message: 'function names must differ',
    path: ['functions'],
  });

export type QuestLevel = z.infer<typeof levelSchema>;
export type QuestFunction = z.infer<typeof questFunctionSchema>;
export type Concept = (typeof CONCEPTS)[number];
