import { z } from 'zod';
import { StudioError } from '../errors/studioError';
import { formatIssues } from '../errors/formatIssues';
import type { EventUpcaster } from './eventUpcasters';
import { projectIdSchema, runIdSchema } from './primitives';
import type { EventRecord, StoredEvent } from './storedEvent';

/** What a codec reads by: the current data schema of each type and the upcasters that lead to it (see src/core/catalogue). */
export interface EventCatalogue {
  schemas: Readonly<Record<string, z.ZodType>>;
  upcasters: readonly EventUpcaster[];
  runEventTypes: ReadonlySet<string>;
}

export interface EventCodec {
  /** The version new events of `type` are written at; undefined for a type this studio does not know. */
  versionOf(type: string): number | undefined;
  /** Checks a record's envelope (what hashing needs) without touching its data. Throws a StudioError. */
  checkRecord(raw: unknown): EventRecord;
  /** Upcasts a record's data to the current version of its type, then parses it. Throws a StudioError. */
  decode(raw: unknown): StoredEvent;
  /** Validates a draft for writing: the version and the parsed data a new record gets. Throws a StudioError. */
  encode(draft: { type: string; runId?: string | undefined; data: unknown }): { v: number; data: unknown };
}

const hashText = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex');

/** Every field but `data`: the shape every version of every type shares. */
const envelopeSchema = z
  .strictObject({
    v: z.number().int().positive(),
    projectId: projectIdSchema,
    seq: z.number().int().nonnegative(),
    ts: z.number().finite().nonnegative(),
    type: z.string().min(1).max(80),
    runId: runIdSchema.optional(),
    data: z.unknown(),
    prevHash: hashText,
    hash: hashText,
  })
  .refine((e) => e.data !== undefined, { message: 'an event needs its data', path: ['data'] });

const seqOf = (raw: unknown): string =>
  typeof raw === 'object' && raw !== null && 'seq' in raw ? ` #${String(raw.seq)}` : '';

/**
 * Builds a codec from a catalogue, checking its invariant first: each type's upcasters go 2, 3, 4…
 * with no gap or repeat. Tests build codecs of evolved catalogues to prove old logs still open.
 */
export function createEventCodec(catalogue: EventCatalogue): EventCodec {
  const chains = new Map<string, EventUpcaster[]>();
  for (const upcaster of catalogue.upcasters) {
    if (!(upcaster.type in catalogue.schemas))
      throw new Error(`An upcaster names the unknown event type ${upcaster.type}`);
    const chain = chains.get(upcaster.type) ?? [];
    if (upcaster.to !== chain.length + 2)
      throw new Error(
        `The upcasters of ${upcaster.type} go ${[...chain.map((u) => u.to), upcaster.to].join(', ')}; they must go 2, 3, 4… with no gap`,
      );
    chain.push(upcaster);
    chains.set(upcaster.type, chain);
  }
  const versionOf = (type: string): number | undefined =>
    Object.hasOwn(catalogue.schemas, type) ? (chains.get(type)?.length ?? 0) + 1 : undefined;

  const checkRecord = (raw: unknown): EventRecord => {
    const result = envelopeSchema.safeParse(raw);
    if (!result.success)
      throw new StudioError(
        'invalid-event',
        `Event${seqOf(raw)} is not valid. ${formatIssues(result.error)}`,
        'The log may be damaged; export what you can and report it.',
      );
    return raw as EventRecord;
  };

  const decode = (raw: unknown): StoredEvent => {
    const record = checkRecord(raw);
    const current = versionOf(record.type);
    if (current === undefined || record.v > current) {
      const what =
        current === undefined
          ? `is of a type this studio does not know (“${record.type.slice(0, 80)}”)`
          : `is version ${record.v} of ${record.type}; this studio reads up to version ${current}`;
      throw new StudioError(
        'newer-studio',
        `Event #${record.seq} ${what}: it was made by a newer studio (event version ${record.v}).`,
        'Update the studio (reload it) to open this project. Nothing was changed.',
      );
    }
    let data = record.data;
    for (const upcaster of (chains.get(record.type) ?? []).slice(record.v - 1)) {
      try {
        data = upcaster.up(data);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new StudioError(
          'invalid-event',
          `Event #${record.seq} could not be brought up to version ${upcaster.to} of ${record.type}: ${detail}`,
          'The log may be damaged; export what you can and report it.',
        );
      }
    }
    const parsed = (catalogue.schemas[record.type] as z.ZodType).safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['data', ...issue.path] }));
      throw new StudioError(
        'invalid-event',
        `Event #${record.seq} is not valid. ${formatIssues(new z.ZodError(issues))}`,
        'The log may be damaged; export what you can and report it.',
      );
    }
    if (catalogue.runEventTypes.has(record.type) !== (record.runId !== undefined)) {
      throw new StudioError(
        'invalid-event',
        `Event #${record.seq} is not valid. At runId: run events must carry a runId, and other events must not.`,
        'The log may be damaged; export what you can and report it.',
      );
    }
    return { ...record, v: current, data: parsed.data } as StoredEvent;
  };

  const encode = (draft: { type: string; runId?: string | undefined; data: unknown }): { v: number; data: unknown } => {
    const v = versionOf(draft.type);
    if (v === undefined)
      throw new StudioError(
        'invalid-event',
        `An event of the unknown type “${draft.type.slice(0, 80)}” was refused.`,
        'Nothing was written.',
      );
    const parsed = (catalogue.schemas[draft.type] as z.ZodType).safeParse(draft.data);
    if (!parsed.success)
      throw new StudioError(
        'invalid-event',
        `A ${draft.type} event was refused. ${formatIssues(parsed.error)}`,
        'Nothing was written.',
      );
    if (catalogue.runEventTypes.has(draft.type) !== (draft.runId !== undefined)) {
      throw new StudioError(
        'invalid-event',
        `A ${draft.type} event was refused: its runId is ${draft.runId === undefined ? 'missing' : 'not allowed'}.`,
        'Nothing was written.',
      );
    }
    return { v, data: parsed.data };
  };

  return { versionOf, checkRecord, decode, encode };
}
