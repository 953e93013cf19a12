import { explain } from '../../src/core/explain/explain';
import { emptyRuns, foldRunsBatch } from '../../src/core/run/runState';
import { EventRows, FilteredRows, NO_FILTER, type EventFilter } from '../../src/ui/events/eventRows';
import { gapLoopLog } from '../lib/syntheticLog';

const ms = (since: number) => Math.round((performance.now() - since) * 100) / 100;

/**
 * What the Events view and Explain cost over a large log, in Node (the pure parts: building rows,
 * filtering, appending; the DOM is virtualised, so only ~30 rows are ever drawn). Beside each, a
 * bare loop over the same events testing the type, as the floor.
 */
export function runEventsViewBench(total: number) {
  const log = gapLoopLog(total, 10, { steps: 400, width: 10 }).events.map((e, seq) => ({ ...e, seq }));
  const runs = foldRunsBatch(emptyRuns, log);

  let t = performance.now();
  let bare = 0;
  for (const e of log) if (e.type === 'agent.resolved' || e.seq % 97 === 0) bare++;
  const bareMs = ms(t);

  t = performance.now();
  const rows = new EventRows();
  rows.sync(log, runs);
  const buildMs = ms(t);

  // Scrolling: each frame draws about 30 rows somewhere in the log (described on first sight).
  t = performance.now();
  for (let frame = 0; frame < 200; frame++) {
    const top = Math.floor((((frame * 7919) % 1000) / 1000) * (total - 30));
    for (let i = top; i < top + 30; i++) rows.row(i);
  }
  const scrollMsPerFrame = Math.round((ms(t) / 200) * 1_000) / 1_000;

  const filters: Array<[string, EventFilter]> = [
    ['type', { ...NO_FILTER, type: 'agent.resolved' }],
    ['run', { ...NO_FILTER, runId: 'run_3' }],
    ['step', { ...NO_FILTER, step: 'Step 17' }],
    ['text', { ...NO_FILTER, text: 'produced side_3' }],
  ];
  const filterMs: Record<string, number> = {};
  const matched: Record<string, number> = {};
  for (const [name, filter] of filters) {
    const fresh = new FilteredRows();
    t = performance.now();
    matched[name] = fresh.of(rows, filter).length;
    filterMs[name] = ms(t);
  }

  // The view's way: a fresh text filter over rows never described, in 8 ms slices (useEventRows);
  // the longest slice is how long the page is held at once.
  const sliced = new EventRows();
  sliced.sync(log, runs);
  const slicing = new FilteredRows();
  let slices = 0;
  let longestSliceMs = 0;
  do {
    t = performance.now();
    const deadline = t + 8;
    slicing.of(sliced, filters[3]![1], () => performance.now() > deadline);
    longestSliceMs = Math.max(longestSliceMs, ms(t));
    slices++;
  } while (!slicing.complete);

  // Typing on: another text once every row has been described.
  t = performance.now();
  matched.textAgain = new FilteredRows().of(rows, { ...NO_FILTER, text: 'step 17 done' }).length;
  filterMs.textAgain = ms(t);

  // A live log: 1,000 events arrive one by one under a text filter; each costs only itself.
  const live = new EventRows();
  const head = log.slice(0, total - 1_000);
  live.sync(head, runs);
  const filtered = new FilteredRows();
  const textFilter = { ...NO_FILTER, text: 'done' };
  filtered.of(live, textFilter);
  const grow = head.slice();
  t = performance.now();
  for (const e of log.slice(total - 1_000)) {
    grow.push(e);
    live.sync(grow, runs);
    filtered.of(live, textFilter);
  }
  const appendMsPerEvent = Math.round((ms(t) / 1_000) * 1_000) / 1_000;

  const step = log.find((e) => e.type === 'agent.resolved');
  t = performance.now();
  const explained = step?.runId ? explain(log, { kind: 'event', seq: step.seq }) : undefined;
  const explainMs = ms(t);

  return {
    events: total,
    bareLoopMs: bareMs,
    bare,
    buildRowsMs: buildMs,
    scrollMsPerFrame,
    filterMs,
    textSlices: slices,
    longestSliceMs,
    matched,
    appendMsPerEvent,
    explainMs,
    explainLines: explained?.lines.length ?? 0,
  };
}
