import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { useUi } from '../../app/uiStore';
import type { FlowDefinition } from '../../core/project/projectState';
import { PanelHeader } from '../shell/PanelHeader';
import { showEventOnTimeline } from '../timeline/showEventOnTimeline';
import { NO_FILTER, type EventFilter, type EventRow } from './eventRows';
import { useEventRows } from './useEventRows';
import { EventFilters } from './EventFilters';
import { useVerifyChain } from './useVerifyChain';
import './events.css';

const time = (ts: number) => {
  const d = new Date(ts);
  return `${d.toLocaleTimeString([], { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
};

/**
 * Every event of the project in one virtualised table: filter by type, run, step and text, click
 * a row to move the timeline there, verify the hash chain, copy the selection as JSON.
 */
export default function EventsPanel({ flow }: { flow: FlowDefinition }) {
  const session = useSession();
  const runs = useProjectView((v) => v.runs);
  const cursor = useUi((s) => s.cursor);
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  // Typing stays responsive: the table catches up with the filter when it can.
  const { all, shown, progress } = useEventRows(useDeferredValue(filter));
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const verify = useVerifyChain();
  const scroller = useRef<HTMLDivElement>(null);
  const wide = useWide(scroller);
  const rowHeight = wide ? 28 : 44;
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  useEffect(() => virtual.measure(), [rowHeight, virtual]);
  const positionOf = useMemo(() => new Map(shown.map((index, i) => [all.event(index).seq, i])), [shown, all]);

  const choose = (row: EventRow, e: MouseEvent | KeyboardEvent) => {
    const at = positionOf.get(row.seq) ?? 0;
    if (e.shiftKey && anchor !== null) {
      const from = positionOf.get(anchor) ?? at;
      const [lo, hi] = from <= at ? [from, at] : [at, from];
      setSelected(new Set(shown.slice(lo, hi + 1).map((index) => all.event(index).seq)));
      return;
    }
    if (e.ctrlKey || e.metaKey) {
      const next = new Set(selected);
      if (next.has(row.seq)) next.delete(row.seq);
      else next.add(row.seq);
      setSelected(next);
      setAnchor(row.seq);
      return;
    }
    setSelected(new Set([row.seq]));
    setAnchor(row.seq);
    setStatus(showEventOnTimeline(session, runs, flow.flowId, { seq: row.seq, runId: row.runId, stepId: row.stepId }));
  };

  const copy = async () => {
    const chosen = session.events().filter((e) => selected.has(e.seq));
    const json = JSON.stringify(chosen, null, 2);
    try {
      await navigator.clipboard.writeText(json);
      setStatus(`Copied ${chosen.length} event${chosen.length === 1 ? '' : 's'} as JSON.`);
    } catch {
      setStatus(
        'The browser did not allow copying to the clipboard. Allow clipboard access for this page and try again.',
      );
    }
  };

  return (
    <aside className="inspector events-panel" aria-label="Events">
      <PanelHeader title="Events" maximisable />
      <EventFilters filter={filter} onChange={setFilter} rows={all} />
      <div className="events-panel__bar">
        <span className="muted" aria-live="polite">
          {shown.length === all.length
            ? `${all.length.toLocaleString()} events`
            : `${shown.length.toLocaleString()} of ${all.length.toLocaleString()} events`}
          {progress < 1 && ` · searching… ${Math.floor(progress * 100)}%`}
          {selected.size > 0 && ` · ${selected.size} selected`}
        </span>
        <span className="events-panel__actions">
          <button
            type="button"
            className="button small"
            onClick={() => void copy()}
            disabled={selected.size === 0}
            title="Copy the selected events (Ctrl+click or Shift+click to pick several) as JSON"
          >
            Copy selection as JSON
          </button>
          <button type="button" className="button small" onClick={() => void verify.run()} disabled={verify.busy}>
            {verify.busy ? 'Verifying…' : 'Verify chain'}
          </button>
        </span>
      </div>
      {verify.result && (
        <p className={`events-panel__verdict ${verify.result.ok ? 'is-ok' : 'is-broken'}`} role="status">
          {verify.result.text}
        </p>
      )}
      {status && (
        <p className="muted events-panel__status" role="status">
          {status}
        </p>
      )}
      <div
        className={`events-table ${wide ? 'is-wide' : ''}`}
        role="grid"
        aria-label="Event log"
        aria-rowcount={shown.length + 1}
        aria-multiselectable="true"
      >
        <div className="events-table__head" role="row" aria-rowindex={1}>
          {['Seq', 'Time', 'Type', 'Run', 'Step', 'Summary'].map((h) => (
            <span key={h} role="columnheader" className={`events-col events-col--${h.toLowerCase()}`}>
              {h}
            </span>
          ))}
        </div>
        <div ref={scroller} className="events-table__body" role="rowgroup">
          {shown.length === 0 && progress === 1 && (
            <p className="muted events-table__empty">
              {all.length === 0 ? 'No events yet.' : 'No event matches these filters.'}
            </p>
          )}
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const row = all.row(shown[item.index] as number);
              const atCursor =
                cursor !== null &&
                row.runId !== undefined &&
                session.replayOf(row.runId)?.event(cursor)?.seq === row.seq;
              return (
                <div
                  key={row.seq}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected.has(row.seq)}
                  tabIndex={0}
                  className={`events-row ${selected.has(row.seq) ? 'is-selected' : ''} ${atCursor ? 'is-cursor' : ''}`}
                  style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
                  onClick={(e) => choose(row, e)}
                  onKeyDown={(e) => e.key === 'Enter' && choose(row, e)}
                >
                  <span role="gridcell" className="events-col events-col--seq">
                    #{row.seq}
                  </span>
                  <span role="gridcell" className="events-col events-col--time">
                    {time(row.ts)}
                  </span>
                  <span role="gridcell" className="events-col events-col--type">
                    {row.type}
                  </span>
                  <span role="gridcell" className="events-col events-col--run">
                    {row.run}
                  </span>
                  <span role="gridcell" className="events-col events-col--step">
                    {row.step}
                  </span>
                  <span role="gridcell" className="events-col events-col--summary" title={row.summary}>
                    {row.summary}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </aside>
  );
}

/** Whether the table has room for one line per event (else each row wraps into two). */
function useWide(ref: React.RefObject<HTMLElement | null>): boolean {
  const [wide, setWide] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWide((entry?.contentRect.width ?? 0) >= 640));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return wide;
}
