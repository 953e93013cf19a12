import { z } from 'zod';
import { labelSchema, projectIdSchema } from '../core/events/primitives';
import { exportSignatureSchema } from './signature';

/**
 * The export file: one JSON document holding a project's hash-chained log and the artifacts it
 * points at. Every file carries `format` and `version`; older versions are migrated up, one
 * version at a time, before the current schema is applied (see migrations.ts).
 *
 *  v1  the first cut: `project {projectId, name}`, `events`, `artifacts`; always the whole log.
 *  v2  adds `contents` (a person chooses definitions only, or everything) and `project.head`,
 *      the last event's seq and hash, so a log cut short is told apart from a complete one.
 *  v3  adds `signature`: the exporting studio's signature over the head hash, the artifact
 *      manifest and the envelope (see signature.ts), or null when the file is not signed.
 */
export const EXPORT_FORMAT = 'conductor-studio/project';
export const CURRENT_EXPORT_VERSION = 3;

/** Files above this are refused from File.size alone, before a byte is read. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
export const MAX_IMPORT_EVENTS = 500_000;
export const MAX_IMPORT_ARTIFACTS = 100_000;

export const exportContentsSchema = z.enum(['definitions', 'everything']);
/** `definitions`: models and flows as they are now, no history, no runs. `everything`: the whole log and its artifacts. */
export type ExportContents = z.infer<typeof exportContentsSchema>;

const hashText = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex');

/**
 * The current version's envelope. Unknown fields are refused, not stripped: a field this studio
 * does not know is either damage or a newer format, and importing it silently would lose data.
 * Events and artifacts are checked one by one afterwards, so their errors can name the item.
 */
export const exportDocSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(CURRENT_EXPORT_VERSION),
  exportedAt: z.number().finite().nonnegative(),
  contents: exportContentsSchema,
  project: z.strictObject({
    projectId: projectIdSchema,
    name: labelSchema,
    head: z.strictObject({ seq: z.number().int().nonnegative(), hash: hashText }).nullable(),
  }),
  events: z.array(z.unknown()).min(1, 'an export holds at least the project.created event').max(MAX_IMPORT_EVENTS),
  artifacts: z.array(z.unknown()).max(MAX_IMPORT_ARTIFACTS),
  /** Missing or null: not signed. A stripped signature reads the same, so “not signed” is said as plainly as a signer. */
  signature: exportSignatureSchema.nullish(),
});
export type ExportDoc = z.infer<typeof exportDocSchema>;

/** What is read first, to learn which migrations apply. */
export const exportEnvelopeSchema = z.looseObject({
  format: z.literal(EXPORT_FORMAT, { error: 'this is not a Conductor Studio export' }),
  version: z.number().int().positive(),
});

export const exportFileName = (name: string, contents: ExportContents): string => {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'project';
  return `${slug}${contents === 'definitions' ? '.definitions' : ''}.conductor.json`;
};
