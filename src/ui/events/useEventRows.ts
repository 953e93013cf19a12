import { useEffect, useMemo, useState } from 'react';
import { useFoldedEventCount, useProjectView, useSession } from '../../app/useProjectSession';
import { EventRows, FilteredRows, type EventFilter } from './eventRows';

/** How long one slice of filtering may hold the main thread, so typing and scrolling stay smooth. */
const SLICE_MS = 8;

/** Says yes once `ms` have passed since it was made. */
function yieldAfter(ms: number): () => boolean {
  const deadline = performance.now() + ms;
  return () => performance.now() > deadline;
}

/**
 * The project's event rows, grown as events arrive, and the indices of those that pass the filter. Both are
 * caches that only ever append (EventRows, FilteredRows): the memos below decide when they run.
 * A filter that needs more than a slice of work (a first text search over 100k events) is
 * finished over the next tasks; `progress` says how far it has got (1 when done).
 */
export function useEventRows(filter: EventFilter): {
  all: EventRows;
  shown: number[];
  count: number;
  progress: number;
} {
  const session = useSession();
  const runs = useProjectView((v) => v.runs);
  const [rows] = useState(() => new EventRows());
  const [filtered] = useState(() => new FilteredRows());
  const [slice, setSlice] = useState(0);
  const count = useFoldedEventCount();
  const events = session.events();
  const rowCount = useMemo(() => {
    rows.sync(events, runs);
    return rows.length;
    // `events` grows in place: its length says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [count, rows]);
  const shown = useMemo(() => {
    return filtered.of(rows, filter, yieldAfter(SLICE_MS));
    // `slice` asks for the next slice of an unfinished filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, filtered, rowCount, filter, slice]);
  const complete = filtered.complete;
  useEffect(() => {
    if (complete) return;
    // A macrotask, not a microtask: the browser paints and handles input in between.
    const next = setTimeout(() => setSlice((n) => n + 1), 0);
    return () => clearTimeout(next);
  }, [complete, shown]);
  return { all: rows, shown, count: rowCount, progress: filtered.progress };
}
