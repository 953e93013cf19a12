import { useEffect, useRef, useState } from 'react';
import type { StoredEvent } from '../../core/events/storedEvent';
import type { RunReplay } from '../../core/replay/runReplay';

/** A forward move of at most this many events plays its artifacts' trips; a jump doesn't. */
const MAX_ANIMATED_STEP = 3;

/**
 * The events the timeline's cursor just stepped over, so a replay shows artifacts travelling
 * along edges as the live run did. Undefined while following live (the live batch is used).
 */
export function usePlaybackPulses(
  replay: RunReplay | undefined,
  cursor: number | null,
): readonly StoredEvent[] | undefined {
  const previous = useRef<number | null>(null);
  const [crossed, setCrossed] = useState<readonly StoredEvent[]>([]);
  useEffect(() => {
    const before = previous.current;
    previous.current = cursor;
    if (!replay || cursor === null || before === null || cursor <= before || cursor - before > MAX_ANIMATED_STEP)
      return setCrossed([]);
    const events: StoredEvent[] = [];
    for (let i = before + 1; i <= cursor; i++) {
      const event = replay.event(i);
      if (event) events.push(event);
    }
    setCrossed(events);
  }, [replay, cursor]);
  return cursor === null ? undefined : crossed;
}
