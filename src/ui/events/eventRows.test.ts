import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import { emitAll, TestStudio } from '../../core/testing/testStudio';
import { EventRows, FilteredRows, matches, NO_FILTER, type EventFilter } from './eventRows';

async function studioWithRuns() {
  const studio = await new TestStudio(sha256, { echo: emitAll((i) => Object.values(i).join('+')) }).open();
  const flowId = await studio.do({ type: 'createFlow', name: 'Checks' });
  const a = await studio.do({
    type: 'addStep',
    flowId,
    modelId: await studio.model('Lint', ['in'], ['out'], 'echo'),
    position: { x: 0, y: 0 },
    label: 'Lint',
  });
  const b = await studio.do({
    type: 'addStep',
    flowId,
    modelId: await studio.model('Ship', ['in'], ['out'], 'echo'),
    position: { x: 0, y: 0 },
    label: 'Ship',
  });
  await studio.do({ type: 'connect', flowId, source: { stepId: a, port: 'out' }, target: { stepId: b, port: 'in' } });
  return { studio, flowId };
}

describe('the Events view rows', () => {
  it('names runs and steps, and describes run events as the timeline does', async () => {
    const { studio, flowId } = await studioWithRuns();
    await studio.do({ type: 'startRun', flowId, input: 'x' });
    await studio.conductor.whenIdle();
    const rows = new EventRows();
    rows.sync(studio.events, studio.runs);
    expect(rows.length).toBe(studio.events.length);
    const all = studio.events.map((_, i) => rows.row(i));
    const produced = all.find((r) => r.type === 'artifact.produced');
    expect(produced).toMatchObject({ run: 'Run 1 · Checks', step: 'Lint', summary: '“Lint” produced out' });
    expect(all.find((r) => r.type === 'flow.created')?.summary).toBe('Flow “Checks” created');
    expect(all.find((r) => r.type === 'step.added')?.step).toBe('Lint');
    expect([...rows.steps].sort()).toEqual(['Lint', 'Ship']);
  });

  it('filtering as the log grows gives what filtering everything at once gives', async () => {
    const { studio, flowId } = await studioWithRuns();
    const rows = new EventRows();
    const filtered = new FilteredRows();
    const filters: EventFilter[] = [
      NO_FILTER,
      { ...NO_FILTER, type: 'agent.spawned' },
      { ...NO_FILTER, step: 'Ship', text: 'done' },
      { ...NO_FILTER, text: 'PRODUCED' },
    ];
    for (let round = 0; round < 3; round++) {
      await studio.do({ type: 'startRun', flowId, input: `x${round}` });
      await studio.conductor.whenIdle();
      rows.sync(studio.events, studio.runs);
      for (const filter of filters) {
        const everything = studio.events
          .map((_, i) => i)
          .filter((i) => matches(rows, i, filter, filter.text.trim().toLowerCase()));
        expect(everything.length).toBeGreaterThan(0);
        // Same filter twice in a row, as the log grows: the second call only tests new rows.
        expect(filtered.of(rows, filter)).toEqual(everything);
        expect(filtered.of(rows, filter)).toEqual(everything);
      }
    }
    const runId = rows.row(rows.length - 1).runId as string;
    const ofRun = filtered.of(rows, { ...NO_FILTER, runId });
    expect(ofRun.length).toBeGreaterThan(5);
    expect(ofRun.every((i) => rows.row(i).run === 'Run 3 · Checks')).toBe(true);
  });

  it('a filter stopped by shouldYield goes on where it stopped and ends with what one pass gives', async () => {
    const { studio, flowId } = await studioWithRuns();
    for (let round = 0; round < 60; round++) await studio.do({ type: 'startRun', flowId, input: `x${round}` });
    await studio.conductor.whenIdle();
    const rows = new EventRows();
    rows.sync(studio.events, studio.runs);
    expect(rows.length).toBeGreaterThan(2 * 256);
    const filter = { ...NO_FILTER, text: 'produced' };
    const oneGo = new FilteredRows().of(rows, filter);
    const sliced = new FilteredRows();
    let slices = 0;
    let last = 0;
    let shown: number[];
    do {
      // Yield at the first chance: one chunk per call.
      shown = sliced.of(rows, filter, () => true);
      slices++;
      expect(sliced.progress).toBeGreaterThan(last);
      last = sliced.progress;
    } while (!sliced.complete);
    expect(slices).toBeGreaterThan(1);
    expect(sliced.progress).toBe(1);
    expect(shown).toEqual(oneGo);
    // A changed filter starts again from the first event.
    sliced.of(rows, { ...NO_FILTER, text: 'done' }, () => true);
    expect(sliced.complete).toBe(false);
  });
});
