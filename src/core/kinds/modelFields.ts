import { z } from 'zod';
import { modelIdSchema, labelSchema, portSchema } from '../events/primitives';

export const MAX_MODEL_SOURCE_CHARS = 200_000;
export const DEFAULT_TIMEOUT_MS = 10_000;

const uniquePorts = (ports: { name: string }[]) => new Set(ports.map((p) => p.name)).size === ports.length;

/** The fields every model has, whatever its kind: each kind's schema spreads them. */
export const modelFields = {
  modelId: modelIdSchema,
  name: labelSchema,
  description: z.string().max(2_000).default(''),
  version: z.number().int().positive(),
  inputs: z.array(portSchema).max(16).refine(uniquePorts, 'port names must be unique'),
  outputs: z
    .array(portSchema)
    .min(1, 'a model needs at least one output')
    .max(16)
    .refine(uniquePorts, 'port names must be unique'),
  timeoutMs: z.number().int().min(100).max(86_400_000).default(DEFAULT_TIMEOUT_MS),
};

/** What every stored model is, whatever its kind: the fields above and its `kind`. */
export type StoredModel = z.output<z.ZodObject<typeof modelFields>> & { kind: string };

/** Hover text for the fields every model has. */
export const modelFieldDocs: Readonly<Record<string, string>> = {
  modelId: 'The model this document updates (saving makes a new version). Leave out to create a new model.',
  kind: 'What backs the model: llm, human, branch, gate, subflow or extension. Script models are written in the code editor.',
  name: 'How the model is listed and how new steps of it are named.',
  description: 'A sentence on what the model does.',
  inputs: 'Input ports: { "name", "type" } with type text, json, table or any.',
  outputs: 'Output ports: { "name", "type" }; at least one.',
  timeoutMs: 'The longest one attempt may take, in milliseconds; for a person, how long to wait for an answer.',
};

/** The first line of every definition template. */
export const TEMPLATE_HEADER =
  '// JSON with comments. Ctrl+Space completes a field, hovering one explains it; Ctrl+S saves.';
