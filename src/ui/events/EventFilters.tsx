import type { EventFilter, EventRows } from './eventRows';

/** Type, run, step and text filters over the Events table. */
export function EventFilters({
  filter,
  onChange,
  rows,
}: {
  filter: EventFilter;
  onChange: (next: EventFilter) => void;
  rows: EventRows;
}) {
  const set = (patch: Partial<EventFilter>) => onChange({ ...filter, ...patch });
  return (
    <div className="events-filters" role="search" aria-label="Filter events">
      <label className="field">
        <span>Type</span>
        <select aria-label="Type" value={filter.type} onChange={(e) => set({ type: e.target.value })}>
          <option value="">All types</option>
          {[...rows.types].sort().map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Run</span>
        <select aria-label="Run" value={filter.runId} onChange={(e) => set({ runId: e.target.value })}>
          <option value="">All runs</option>
          {[...rows.runs].map(([runId, name]) => (
            <option key={runId} value={runId}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Step</span>
        <select aria-label="Step" value={filter.step} onChange={(e) => set({ step: e.target.value })}>
          <option value="">All steps</option>
          {[...rows.steps].sort().map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="field events-filters__text">
        <span>Text</span>
        <input
          type="search"
          aria-label="Text"
          value={filter.text}
          placeholder="seq, type, step, words…"
          onChange={(e) => set({ text: e.target.value })}
        />
      </label>
    </div>
  );
}
