import { z } from 'zod';
import { StudioError } from '../errors/studioError';
import { formatIssues } from '../errors/formatIssues';
import type { ProjectId, RunId } from '../ids';
import { EVENT_TYPES, RUN_EVENT_TYPES, eventDataSchemas, type EventData, type EventType } from './eventMap';
import { projectIdSchema, runIdSchema } from './primitives';

/** Bumped when the stored shape of events changes; migrations go from N to N+1. */
export const EVENT_SCHEMA_VERSION = 1;
export const GENESIS_HASH = '0'.repeat(64);

export type StoredEvent = {
  [T in EventType]: {
    v: typeof EVENT_SCHEMA_VERSION;
    projectId: ProjectId;
    seq: number;
    ts: number;
    type: T;
    runId?: RunId;
    data: EventData<T>;
    prevHash: string;
    hash: string;
  };
}[EventType];

export type EventOfType<T extends EventType> = Extract<StoredEvent, { type: T }>;

const hashText = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lower-case hex');

const variants = EVENT_TYPES.map((type) =>
  z.strictObject({
    v: z.literal(EVENT_SCHEMA_VERSION),
    projectId: projectIdSchema,
    seq: z.number().int().nonnegative(),
    ts: z.number().finite().nonnegative(),
    type: z.literal(type),
    runId: runIdSchema.optional(),
    data: eventDataSchemas[type],
    prevHash: hashText,
    hash: hashText,
  }),
);

const storedEventSchema = z
  .discriminatedUnion('type', variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]])
  .refine((e) => RUN_EVENT_TYPES.has(e.type) === (e.runId !== undefined), {
    message: 'run events must carry a runId, and other events must not',
    path: ['runId'],
  });

/** Validates a record read from storage, a worker message or an import; throws a path-first StudioError. */
export function parseStoredEvent(raw: unknown): StoredEvent {
  const result = storedEventSchema.safeParse(raw);
  if (!result.success) {
    const where = typeof raw === 'object' && raw !== null && 'seq' in raw ? ` #${String(raw.seq)}` : '';
    throw new StudioError('invalid-event', `Event${where} is not valid. ${formatIssues(result.error)}`, 'The log may be damaged; export what you can and report it.');
  }
  return result.data as StoredEvent;
}
