import { describe, expect, it } from 'vitest';
import type { BusMessageRow } from '../../core/bus/busView';
import { NO_BUS_FILTER, busFilterChoices, filterBusRows } from './busRows';

const row = (seq: number, runId: string, topic: string, name: string): BusMessageRow =>
  ({
    seq,
    ts: seq,
    runId,
    messageId: `m${seq}`,
    topic,
    scope: 'tree',
    from: { kind: 'person', name },
    text: `t${seq}`,
  }) as never;

const rows = [
  row(1, 'run_a', 'work-items', 'Producer'),
  row(2, 'run_a', 'done', 'Worker'),
  row(3, 'run_b', 'work-items', 'Producer'),
];

describe('the Message bus panel’s filters', () => {
  it('keep the messages of a topic, a sender and a run, in log order; no filter keeps all', () => {
    expect(filterBusRows(rows, NO_BUS_FILTER).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(filterBusRows(rows, { ...NO_BUS_FILTER, topic: 'work-items' }).map((m) => m.seq)).toEqual([1, 3]);
    expect(filterBusRows(rows, { topic: 'work-items', agent: 'Producer', runId: 'run_b' }).map((m) => m.seq)).toEqual([
      3,
    ]);
    expect(filterBusRows(rows, { ...NO_BUS_FILTER, agent: 'Nobody' })).toEqual([]);
  });

  it('offer each topic and sender once, sorted, and each run once', () => {
    expect(busFilterChoices(rows)).toEqual({
      topics: ['done', 'work-items'],
      agents: ['Producer', 'Worker'],
      runIds: ['run_a', 'run_b'],
    });
  });
});
