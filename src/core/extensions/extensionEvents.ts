import { z } from 'zod';
import { agentIdSchema, stepIdSchema } from '../events/primitives';
import { extensionSlugSchema } from '../kinds/extension/extensionModelSchema';

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/);
const versionSchema = z.string().regex(/^\d+\.\d+\.\d+$/);
const extensionRef = { extensionId: extensionSlugSchema };
const usageSchema = z.strictObject({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
});

/**
 * The lifecycle of an extension, in the log (seed 001's chambering flow): registered when a
 * person installs it (the manifest and code travel in the event, so an export carries them,
 * hashed and signed with the log), enabled or disabled, removed; activated by the conductor on
 * first use, used by each agent of one of its kinds, unloaded when disabled, removed or idle.
 * Every call an agent makes through the conductor (ctx.fetch, ctx.llm) is journaled as
 * `agent.called`, granted or refused.
 */
export const extensionEventSchemas = {
  'extension.registered': z.strictObject({
    ...extensionRef,
    version: versionSchema,
    /** sha256 of the manifest's canonical JSON; the manifest names its code's hash. */
    hash: hashSchema,
    /** The manifest as installed: validated by the extension package schema before it is written. */
    manifest: z.record(z.string(), z.json()),
    code: z.string().max(500_000),
  }),
  'extension.enabled': z.strictObject(extensionRef),
  'extension.disabled': z.strictObject(extensionRef),
  'extension.removed': z.strictObject(extensionRef),
  'extension.activated': z.strictObject({ ...extensionRef, version: versionSchema, hash: hashSchema }),
  'extension.unloaded': z.strictObject({ ...extensionRef, reason: z.enum(['disabled', 'removed', 'idle']) }),
  'extension.used': z.strictObject({
    ...extensionRef,
    version: versionSchema,
    kind: extensionSlugSchema,
    agentId: agentIdSchema,
    stepId: stepIdSchema,
  }),
  'agent.called': z.strictObject({
    agentId: agentIdSchema,
    stepId: stepIdSchema,
    capability: z.enum(['network', 'llm']),
    /** What was asked, for a person: "GET http://127.0.0.1:4610/echo", "LLM “Summarise” (llama3.2)". */
    summary: z.string().max(500),
    outcome: z.enum(['ok', 'refused', 'failed']),
    /** The HTTP status, for a network call that got an answer. */
    status: z.number().int().min(100).max(599).optional(),
    bytes: z.number().int().nonnegative().optional(),
    durationMs: z.number().nonnegative(),
    usage: usageSchema.optional(),
    /** For a refusal or failure: the sentence the agent's code saw. */
    detail: z.string().max(2_000).optional(),
  }),
} as const;

/** Lifecycle and call events that belong to a run. */
export const EXTENSION_RUN_EVENT_TYPES = ['extension.used', 'agent.called'] as const;

type ExtensionEventSchemas = typeof extensionEventSchemas;
declare module '../events/eventMap' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the extensions' events join the one event map
  interface EventSchemas extends ExtensionEventSchemas {}
}
