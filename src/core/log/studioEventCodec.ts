import { createEventCodec, type EventCodec } from '../events/eventCodec';
import type { StoredEvent } from '../events/storedEvent';
import { studioCatalogue } from '../catalogue/studioCatalogue';

/** The studio's own codec: today's schemas and every upcaster that ever shipped, from the catalogue. */
export const defaultEventCodec: EventCodec = createEventCodec(studioCatalogue.events);

/**
 * Decodes one record read from storage, a worker message or an import: its data is brought up to
 * the current version of its type, one upcaster at a time, then parsed. Throws a path-first
 * StudioError. It does not verify the chain: `openLog` does that, over the records, first.
 */
export function parseStoredEvent(raw: unknown): StoredEvent {
  return defaultEventCodec.decode(raw);
}
