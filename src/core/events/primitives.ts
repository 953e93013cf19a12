import { z } from 'zod';
import type { AgentId, ArtifactHash, EdgeId, FlowId, GapId, ModelId, ProjectId, RunId, StepId } from '../ids';

/** Ids are short, printable and safe as object keys (never `__proto__` and friends). */
const idText = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits, _ . : or -')
  .refine((s) => !['__proto__', 'constructor', 'prototype'].includes(s), 'is a reserved name');

export const projectIdSchema = idText.transform((s) => s as ProjectId);
export const flowIdSchema = idText.transform((s) => s as FlowId);
export const stepIdSchema = idText.transform((s) => s as StepId);
export const edgeIdSchema = idText.transform((s) => s as EdgeId);
export const modelIdSchema = idText.transform((s) => s as ModelId);
/** A flow as a person writes it in a document: its name or its id (resolved to the id on save). */
export const flowReferenceSchema = z.string().min(1).max(200);
export const runIdSchema = idText.transform((s) => s as RunId);
export const agentIdSchema = idText.transform((s) => s as AgentId);
export const gapIdSchema = idText.transform((s) => s as GapId);
export const artifactHashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex')
  .transform((s) => s as ArtifactHash);

export const labelSchema = z.string().trim().min(1, 'cannot be empty').max(120, 'is longer than 120 characters');
export const positionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

export const portTypeSchema = z.enum(['text', 'json', 'table', 'any']);
export type PortType = z.infer<typeof portTypeSchema>;
export const portNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/, 'must be an identifier (letters, digits, _; 40 at most)')
  .refine((s) => !['__proto__', 'constructor', 'prototype'].includes(s), 'is a reserved name');
export const portSchema = z.strictObject({ name: portNameSchema, type: portTypeSchema });
export type Port = z.infer<typeof portSchema>;

/** What an artifact holds: plain text, JSON, or a table (a JSON array of flat row objects). */
export const artifactKindSchema = z.enum(['text', 'json', 'table']);
export type ArtifactKind = z.infer<typeof artifactKindSchema>;

/** How an event points at an artifact: payloads live in the artifact store, not in the log. */
export const artifactRefSchema = z.strictObject({
  hash: artifactHashSchema,
  kind: artifactKindSchema,
  size: z.number().int().nonnegative(),
});
export type ArtifactRef = z.infer<typeof artifactRefSchema>;
