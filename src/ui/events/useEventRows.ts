import { useMemo, useState } from 'react';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { EventRows, FilteredRows, type EventFilter } from './eventRows';

/**
 * The project's event rows, grown as events arrive, and the indices of those that pass the filter. Both are
 * caches that only ever append (EventRows, FilteredRows): the memos below decide when they run.
 */
export function useEventRows(filter: EventFilter): { all: EventRows; shown: number[]; count: number } {
  const session = useSession();
  const view = useProjectView();
  const [rows] = useState(() => new EventRows());
  const [filtered] = useState(() => new FilteredRows());
  const events = session.events();
  const count = events.length;
  const rowCount = useMemo(() => {
    rows.sync(events, view.runs);
    return rows.length;
    // `events` grows in place: its length says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [count, rows]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const shown = useMemo(() => filtered.of(rows, filter), [rows, filtered, rowCount, filter]);
  return { all: rows, shown, count: rowCount };
}
