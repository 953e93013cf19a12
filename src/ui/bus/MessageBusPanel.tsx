import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useProjectView, useSession } from '../../app/useProjectSession';
import type { BusMessageRow } from '../../core/bus/busView';
import { messageBusMarkdown } from '../../core/bus/messageBusMarkdown';
import type { FlowDefinition } from '../../core/project/projectState';
import { PanelHeader } from '../shell/PanelHeader';
import { showEventOnTimeline } from '../timeline/showEventOnTimeline';
import { NO_BUS_FILTER, busFilterChoices, busRunNames, busTime, filterBusRows, type BusFilter } from './busRows';
import './bus.css';

const ROW_HEIGHT = 52;
const NO_MESSAGES: readonly BusMessageRow[] = [];

/**
 * Observe ▾ → Message bus: every message agents, people and callers posted (seed 004's
 * MESSAGE-BUS.md, live), as a virtualised tail that follows new messages while it is at the
 * bottom. Filter by topic, sender and run; a row moves the timeline to its message; the filtered
 * list exports as MESSAGE-BUS.md, one line per message.
 */
export default function MessageBusPanel({ flow }: { flow: FlowDefinition }) {
  const session = useSession();
  const { messages, runs, flows } = useProjectView(
    useShallow((v) => ({ messages: v.bus?.messages ?? NO_MESSAGES, runs: v.runs, flows: v.defs.flows })),
  );
  const [filter, setFilter] = useState<BusFilter>(NO_BUS_FILTER);
  const [status, setStatus] = useState<string | null>(null);
  const shown = useMemo(() => filterBusRows(messages, filter), [messages, filter]);
  const choices = useMemo(() => busFilterChoices(messages), [messages]);
  const runName = useMemo(() => busRunNames(runs, (flowId) => flows.get(flowId as never)?.name), [runs, flows]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  // A tail: while the list is scrolled to its end, new messages keep it there.
  const following = useRef(true);
  useEffect(() => {
    if (following.current && shown.length > 0) virtual.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [shown.length, virtual]);
  const onScroll = () => {
    const el = scroller.current;
    if (el) following.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
  };

  const show = (m: BusMessageRow) =>
    setStatus(
      showEventOnTimeline(session, runs, flow.flowId, {
        seq: m.seq,
        runId: m.runId,
        stepId: m.from.kind === 'agent' ? m.from.stepId : undefined,
      }),
    );

  const exportMarkdown = () => {
    const text = messageBusMarkdown(shown, {
      run: (m) => runName.get(m.runId) ?? m.runId,
      time: (ts) => new Date(ts).toISOString(),
    });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'MESSAGE-BUS.md';
    link.click();
    URL.revokeObjectURL(url);
    setStatus(`Exported ${shown.length} message${shown.length === 1 ? '' : 's'} as MESSAGE-BUS.md.`);
  };

  const select = (key: keyof BusFilter, label: string, options: Array<[string, string]>) => (
    <label className="bus-filter">
      <span>{label}</span>
      <select value={filter[key]} onChange={(e) => setFilter({ ...filter, [key]: e.target.value })}>
        <option value="">All</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <aside className="inspector bus-panel" aria-label="Message bus">
      <PanelHeader title="Message bus" maximisable />
      {messages.length === 0 ? (
        <div className="bus-panel__empty">
          <p>No messages yet.</p>
          <p className="muted">
            Agents post with <code>await ctx.bus.post('work-items', {'{ item: 1 }'})</code> and read with{' '}
            <code>ctx.bus.read</code> or <code>ctx.bus.next</code>; a <strong>Listen</strong> model’s step runs when a
            message it filters for arrives. Every message shows here as it is posted.
          </p>
        </div>
      ) : (
        <>
          <div className="bus-panel__filters" role="group" aria-label="Filter messages">
            {select(
              'topic',
              'Topic',
              choices.topics.map((t) => [t, t]),
            )}
            {select(
              'agent',
              'Agent',
              choices.agents.map((a) => [a, a]),
            )}
            {select(
              'runId',
              'Run',
              choices.runIds.map((r) => [r, runName.get(r) ?? r]),
            )}
          </div>
          <div className="bus-panel__bar">
            <span className="muted" aria-live="polite">
              {shown.length === messages.length
                ? `${messages.length.toLocaleString()} message${messages.length === 1 ? '' : 's'}`
                : `${shown.length.toLocaleString()} of ${messages.length.toLocaleString()} messages`}
            </span>
            <button type="button" className="button small" onClick={exportMarkdown} disabled={shown.length === 0}>
              Export as MESSAGE-BUS.md
            </button>
          </div>
          {status && (
            <p className="muted bus-panel__status" role="status">
              {status}
            </p>
          )}
          <div ref={scroller} className="bus-panel__list" role="list" aria-label="Messages" onScroll={onScroll}>
            {shown.length === 0 && <p className="muted bus-panel__none">No message matches these filters.</p>}
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {virtual.getVirtualItems().map((item) => {
                const m = shown[item.index] as BusMessageRow;
                const run = runName.get(m.runId) ?? m.runId;
                return (
                  <button
                    key={m.seq}
                    type="button"
                    role="listitem"
                    className="bus-row"
                    style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                    aria-label={`${m.from.name} on ${m.topic} in ${run}: ${m.text}`}
                    title="Show this message on the timeline"
                    onClick={() => show(m)}
                  >
                    <span className="bus-row__head">
                      <span className="bus-row__time">{busTime(m.ts)}</span>
                      <span className="bus-row__run">{run}</span>
                      <span className="bus-row__from">{m.from.name}</span>
                      <span className="bus-row__topic">{m.topic}</span>
                      {m.scope === 'project' && <span className="bus-row__scope">project</span>}
                    </span>
                    <span className="bus-row__text">{m.text}</span>
                  </button>
                );
              })}
            </div>
          </div>
        </>
      )}
    </aside>
  );
}
