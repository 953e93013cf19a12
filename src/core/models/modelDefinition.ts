import { z } from 'zod';
import { flowIdSchema, labelSchema, modelIdSchema, portNameSchema, portSchema } from '../events/primitives';

export const MAX_MODEL_SOURCE_CHARS = 200_000;
export const DEFAULT_TIMEOUT_MS = 10_000;

const uniquePorts = (ports: { name: string }[]) => new Set(ports.map((p) => p.name)).size === ports.length;

/**
 * A script model: user TypeScript run in a sandbox. `source` is what the person wrote; `compiled`
 * is the JavaScript the conductor derived from it when it was saved, so a run never compiles.
 */
export const scriptModelSchema = z.strictObject({
  modelId: modelIdSchema,
  kind: z.literal('script'),
  name: labelSchema,
  description: z.string().max(2_000).default(''),
  version: z.number().int().positive(),
  inputs: z.array(portSchema).max(16).refine(uniquePorts, 'port names must be unique'),
  outputs: z.array(portSchema).min(1, 'a model needs at least one output').max(16).refine(uniquePorts, 'port names must be unique'),
  source: z.string().max(MAX_MODEL_SOURCE_CHARS),
  compiled: z.string().max(MAX_MODEL_SOURCE_CHARS * 2),
  timeoutMs: z.number().int().min(100).max(600_000).default(DEFAULT_TIMEOUT_MS),
});
export type ScriptModel = z.infer<typeof scriptModelSchema>;

const common = {
  modelId: modelIdSchema,
  name: labelSchema,
  description: z.string().max(2_000).default(''),
  version: z.number().int().positive(),
  inputs: z.array(portSchema).max(16).refine(uniquePorts, 'port names must be unique'),
  outputs: z.array(portSchema).min(1, 'a model needs at least one output').max(16).refine(uniquePorts, 'port names must be unique'),
  timeoutMs: z.number().int().min(100).max(86_400_000).default(DEFAULT_TIMEOUT_MS),
};

/**
 * A model backed by an OpenAI-compatible chat-completions server (OpenAI, Ollama, llama.cpp…).
 * `prompt` is a template: {{port}} is replaced by that input's artifact. The key is named, never
 * stored here: keys stay in this browser's key store and never enter the log or an export.
 */
export const llmModelSchema = z.strictObject({
  ...common,
  kind: z.literal('llm'),
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://localhost:11434/v1' }).max(500),
  model: z.string().trim().min(1).max(200),
  apiKeyName: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'use letters, digits, - _ or .').optional(),
  system: z.string().max(20_000).default(''),
  prompt: z.string().min(1).max(50_000),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(1_000_000).optional(),
  /** US dollars per million tokens, so runs can meter cost; 0 for a local server. */
  pricing: z.strictObject({ inputPerMTok: z.number().nonnegative(), outputPerMTok: z.number().nonnegative() }).default({ inputPerMTok: 0, outputPerMTok: 0 }),
});
export type LlmModel = z.infer<typeof llmModelSchema>;

/** A model backed by a person: when its step is due, the inbox asks them to type or upload each output. */
export const humanModelSchema = z.strictObject({ ...common, kind: z.literal('human'), instructions: z.string().max(5_000).default('') });

const routeSchema = z.strictObject({ port: portNameSchema, when: z.string().trim().min(1).max(2_000) });

/**
 * Routes its one input to the first output whose CEL condition holds (`value` is the artifact);
 * the other outputs are skipped, and so is everything downstream that needs them.
 */
export const branchModelSchema = z.strictObject({ ...common, kind: z.literal('branch'), routes: z.array(routeSchema).min(1).max(16) });

/**
 * A gate passes its input on `pass` (or `approved`) or stops it. `quality` checks a CEL rule on the
 * artifact; `approval` asks a person; `budget` checks what the run has left.
 */
export const gateModelSchema = z.strictObject({
  ...common,
  kind: z.literal('gate'),
  check: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('quality'), rule: z.string().trim().min(1).max(2_000) }),
    z.strictObject({
      type: z.literal('approval'),
      question: z.string().max(2_000).default('Approve this?'),
      /** How long a person has to answer; without it, the run waits for as long as it takes. */
      answerWithinMs: z.number().int().min(100).max(31_536_000_000).optional(),
      /** What happens when nobody answers in time. */
      onTimeout: z.enum(['reject', 'approve', 'fail']).default('reject'),
    }),
    z.strictObject({
      type: z.literal('budget'),
      /** What the rest of the run needs: the gate passes only if the run's budget has this left. */
      reserve: z.strictObject({ tokens: z.number().nonnegative().optional(), costUsd: z.number().nonnegative().optional() }),
    }),
  ]),
});

/** Runs another flow of the project with this step's input as that run's input. */
export const subflowModelSchema = z.strictObject({ ...common, kind: z.literal('subflow'), flowId: flowIdSchema });

export const modelSchema = z.discriminatedUnion('kind', [scriptModelSchema, llmModelSchema, humanModelSchema, branchModelSchema, gateModelSchema, subflowModelSchema]);
export type ModelDefinition = z.infer<typeof modelSchema>;
export type ModelKind = ModelDefinition['kind'];
export type GateModel = z.infer<typeof gateModelSchema>;
export type BranchModel = z.infer<typeof branchModelSchema>;

/** Kinds the conductor decides itself, without an agent. */
export const isBuiltInDecision = (m: ModelDefinition): m is BranchModel | GateModel => m.kind === 'branch' || (m.kind === 'gate' && m.check.type !== 'approval');
