import { z } from 'zod';

/**
 * The intents document: what should happen, declared. One zod schema is the source of the TS
 * types, the validator the conductor runs on every save, and (through `z.toJSONSchema`) the JSON
 * Schema Monaco uses for completion, hover docs and inline errors.
 */

export const factNameSchema = z
  .string()
  .max(80)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'must be a dotted lower-case name such as call.logged')
  .describe('A kind of fact, as recorded in the log: a dotted lower-case name such as `call.logged`.');

export const intentIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, 'must start with a letter and use letters, digits, _ or - (60 at most)')
  .describe('A name for this intent, unique in the document. Gaps and inbox items refer to it.');

export const conditionSchema = z
  .string()
  .min(1, 'cannot be empty')
  .max(500)
  .describe(
    'A CEL condition. Variables: `data` (the fact’s fields), `subject` and `fact`. Example: `data.risk >= 0.7`.',
  );

const modelNameSchema = z
  .string()
  .min(1)
  .max(120)
  .describe(
    'The name of the script model whose agents close this intent’s gaps. Its outputs: `facts` (json: an array of {fact, subject?, data}) and, optionally, `needs_person` (text).',
  );

const factPatternSchema = z
  .strictObject({
    fact: factNameSchema,
    if: conditionSchema.optional(),
  })
  .describe('Which facts match: their kind, and optionally a CEL condition they must satisfy.');

const expectationSchema = z
  .strictObject({
    fact: factNameSchema,
    sameSubject: z
      .boolean()
      .optional()
      .describe('Whether the expected fact must be about the same subject as the trigger (default true).'),
  })
  .describe('The fact that should follow.');

const common = {
  id: intentIdSchema,
  description: z.string().max(500).optional().describe('What this intent is for, in words.'),
  model: modelNameSchema.optional(),
  severity: z
    .number()
    .int()
    .min(1)
    .max(5)
    .optional()
    .describe('1 (low) to 5 (high), default 3. When the budget is short, more severe gaps get agents first.'),
  urgency: z
    .enum(['normal', 'high'])
    .optional()
    .describe(
      '`high`: agents for gaps with overlapping scopes race in parallel (optimistic) instead of queueing (serialised). Default normal.',
    ),
  cost: z.number().min(0).max(1_000).optional().describe('Budget units one agent for this intent costs (default 1).'),
  mayEmit: z
    .array(factNameSchema)
    .max(20)
    .optional()
    .describe(
      'Facts an agent for this intent may record (policy). Default: the expected fact, or the fact the invariant or projection is about.',
    ),
};

export const reactionIntentSchema = z
  .strictObject({
    ...common,
    kind: z.literal('reaction'),
    when: factPatternSchema,
    expect: expectationSchema,
    withinMs: z
      .number()
      .int()
      .positive()
      .max(31_536_000_000)
      .optional()
      .describe(
        'Expect the consequence within this many ms of (virtual) time. Without it, the reaction is checked once the work the trigger started has settled.',
      ),
  })
  .describe(
    'When a fact matching `when` is recorded, expect the fact `expect`. A missing consequence is a reaction gap.',
  );

export const invariantIntentSchema = z
  .strictObject({
    ...common,
    kind: z.literal('invariant'),
    over: factPatternSchema,
    require: conditionSchema.describe(
      'A CEL condition every latest fact of this kind (per subject) must satisfy, e.g. `has(data.explanation)`.',
    ),
  })
  .describe(
    'Every fact of a kind (the latest one per subject) satisfies a condition. Adding one opens an intent gap for the facts that already break it; agents backfill them.',
  );

export const qualityIntentSchema = z
  .strictObject({
    ...common,
    kind: z.literal('quality'),
    metric: z
      .enum(['p95-step-latency-ms', 'step-failure-rate'])
      .describe('A metric computed from the log over the last `window` finished steps.'),
    target: z
      .strictObject({ max: z.number().optional(), min: z.number().optional() })
      .refine((t) => t.max !== undefined || t.min !== undefined, 'give max, min or both')
      .describe('The bound the metric should stay within.'),
    window: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .optional()
      .describe('How many recent steps the metric covers (default 20).'),
  })
  .describe('A target on a metric computed from the log. Missing it is a quality gap.');

export const deadlineIntentSchema = z
  .strictObject({
    ...common,
    kind: z.literal('deadline'),
    after: factPatternSchema,
    expect: expectationSchema,
    withinMs: z
      .number()
      .int()
      .positive()
      .max(31_536_000_000)
      .describe('How long (virtual time, ms) after `after` the expected fact is due.'),
  })
  .describe('Something should have happened by a time. When the virtual clock passes it, that is a temporal gap.');

export const consistencyIntentSchema = z
  .strictObject({
    ...common,
    kind: z.literal('consistency'),
    projection: z
      .strictObject({
        fact: factNameSchema,
        field: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
          .optional()
          .describe('The count field (default `count`).'),
      })
      .describe('The fact that publishes the projection; its latest value holds a count.'),
    counts: z.strictObject({ fact: factNameSchema }).describe('The facts in the log the projection should count.'),
  })
  .describe(
    'A projection agrees with the log: its published count equals the number of facts it counts. A disagreement is a consistency gap.',
  );

export const intentSchema = z.discriminatedUnion('kind', [
  reactionIntentSchema,
  invariantIntentSchema,
  qualityIntentSchema,
  deadlineIntentSchema,
  consistencyIntentSchema,
]);

export const breakersSchema = z
  .strictObject({
    maxDepth: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .describe('Stop when resolving a gap leads to a gap this many levels deep (default 5).'),
    maxConcurrentAgents: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe('Agents running at once across the project (default 20).'),
    maxAgentsPerGap: z
      .number()
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe('Agents sent to one gap before it goes to a person (default 3).'),
    cooldownMs: z
      .number()
      .int()
      .min(0)
      .max(86_400_000)
      .optional()
      .describe('Wait this long (virtual ms) after an agent before sending another to the same gap (default 30000).'),
    budgetPerHour: z
      .number()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe('Budget units agents may spend per hour of virtual time (default 100).'),
  })
  .describe('Circuit breakers that stop a spiral. Tripping one is recorded and goes to the inbox.');

export const intentsDocumentSchema = z
  .strictObject({
    $schema: z.string().max(200).optional(),
    version: z.literal(1).describe('The document format version.'),
    breakers: breakersSchema.optional(),
    intents: z.array(intentSchema).max(5_000).describe('The rules the conductor compares with the log.'),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.intents.forEach((intent, i) => {
      if (seen.has(intent.id))
        ctx.addIssue({
          code: 'custom',
          message: `“${intent.id}” is used by an earlier intent; ids must be unique`,
          path: ['intents', i, 'id'],
        });
      seen.add(intent.id);
    });
  });

export type IntentsDocument = z.infer<typeof intentsDocumentSchema>;
export type Intent = z.infer<typeof intentSchema>;
export type ReactionIntent = z.infer<typeof reactionIntentSchema>;
export type InvariantIntent = z.infer<typeof invariantIntentSchema>;
export type QualityIntent = z.infer<typeof qualityIntentSchema>;
export type DeadlineIntent = z.infer<typeof deadlineIntentSchema>;
export type ConsistencyIntent = z.infer<typeof consistencyIntentSchema>;
export interface Breakers {
  maxDepth: number;
  maxConcurrentAgents: number;
  maxAgentsPerGap: number;
  cooldownMs: number;
  budgetPerHour: number;
}

export const defaultBreakers: Breakers = {
  maxDepth: 5,
  maxConcurrentAgents: 20,
  maxAgentsPerGap: 3,
  cooldownMs: 30_000,
  budgetPerHour: 100,
};

export function breakersOf(doc: IntentsDocument | null): Breakers {
  const given = doc?.breakers ?? {};
  const out = { ...defaultBreakers };
  for (const key of Object.keys(out) as Array<keyof Breakers>) {
    const value = given[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export const EMPTY_INTENTS_SOURCE = `// Intents: what should happen. The conductor compares them with the log and sends agents to close gaps.
{
  "version": 1,
  "intents": []
}
`;

/** The JSON Schema Monaco validates the document with: generated from the same zod schema. */
export function intentsJsonSchema(): unknown {
  return z.toJSONSchema(intentsDocumentSchema, { io: 'input', unrepresentable: 'any' });
}
