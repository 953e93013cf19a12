import { z } from 'zod';
import { flowIdSchema, stepIdSchema } from '../events/primitives';
import { importedSourceSchema } from '../kinds/imported/importedSchema';

/** The import's provenance: written right after `project.created` of a project made from another tool's file. */
export const importEventSchemas = {
  'project.imported': z.strictObject({
    fileName: z.string().min(1).max(500),
    format: z.enum(['rivet', 'n8n']),
    /** The format's version as the file states it (Rivet's `version`; n8n's node types with their versions). */
    formatVersion: z.string().max(500),
    /** SHA-256 of the file's bytes as read, so a re-import can tell whether the file changed. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** The report's summary line (“38 of 41 nodes imported; 3 placeholders: …”). */
    summary: z.string().max(2_000),
    /** Each node that became a step: the step it became (its main step) and the node it came from. */
    steps: z
      .array(z.strictObject({ flowId: flowIdSchema, stepId: stepIdSchema, source: importedSourceSchema }))
      .max(50_000),
  }),
} as const;

type ImportEventSchemas = typeof importEventSchemas;
declare module '../events/eventMap' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the import's events join the one event map
  interface EventSchemas extends ImportEventSchemas {}
}
