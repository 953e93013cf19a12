import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../runtime/sha256';
import type { StoredEvent } from '../events/storedEvent';
import { playScenario, randomScenario } from '../testing/randomRuns';
import { syntheticRuns } from '../testing/syntheticRuns';
import { MetricsFold } from './metricsFold';
import { callsOver, DAY_MS, metricsOver, type Metrics, type MetricsFilter } from './metricsQuery';

type Ev<T extends StoredEvent['type']> = Extract<StoredEvent, { type: T }>;

/** Nearest rank, written out the long way. */
function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  let rank = Math.ceil(p * sorted.length);
  if (rank < 1) rank = 1;
  return sorted[rank - 1] as number;
}
const q = (values: number[]) =>
  values.length === 0 ? null : { p50: nearestRank(values, 0.5), p95: nearestRank(values, 0.95) };
const div = (a: number, b: number) => (b === 0 ? null : a / b);

/**
 * The metrics computed the slow, obvious way: for each run, every question answered by scanning
 * its events again. No state carried between events except within one question.
 */
function reference(events: readonly StoredEvent[], filter: MetricsFilter) {
  const starts = events.filter((e): e is Ev<'run.started'> => e.type === 'run.started');
  const seen = new Set<string>();
  const runs = starts
    .filter((s) => !seen.has(s.data.runId) && seen.add(s.data.runId))
    .map((start) => {
      const runId = start.data.runId;
      const own = events.filter((e) => e.runId === runId && e.seq > start.seq);
      const ends = own.filter((e) => e.type === 'run.finished' || e.type === 'run.resumed');
      const last = ends.at(-1);
      const status = last?.type === 'run.finished' ? last.data.status : 'running';
      const finishedAt = last?.type === 'run.finished' ? last.ts : undefined;
      const spawned = own.filter((e): e is Ev<'agent.spawned'> => e.type === 'agent.spawned');
      const resolved = own.filter(
        (e): e is Ev<'agent.resolved'> =>
          e.type === 'agent.resolved' && spawned.some((s) => s.data.agentId === e.data.agentId && s.seq < e.seq),
      );
      const spawnOf = (agentId: string) => spawned.find((s) => s.data.agentId === agentId) as Ev<'agent.spawned'>;
      const keyOf = (stepId: string, item: number | undefined) => (item === undefined ? stepId : `${stepId}#${item}`);
      const needed = new Set(
        resolved
          .filter((r) => r.data.outcome === 'succeeded')
          .map((r) => keyOf(r.data.stepId, spawnOf(r.data.agentId).data.item)),
      ).size;
      // Failures: replay each step's outcomes in order; an episode opens on a failure and closes on a success (or a skip).
      let failures = 0;
      let recovered = 0;
      for (const stepId of new Set(
        own.map((e) => ('stepId' in e.data ? (e.data.stepId as string) : '')).filter(Boolean),
      )) {
        const open = new Map<string, boolean>();
        for (const e of own) {
          if (e.type === 'agent.resolved' && e.data.stepId === stepId && resolved.includes(e)) {
            const key = keyOf(stepId, spawnOf(e.data.agentId).data.item);
            if (e.data.outcome === 'failed' && open.get(key) !== false) {
              open.set(key, false);
              failures++;
            }
            if (e.data.outcome === 'succeeded' && open.get(key) === false) {
              open.set(key, true);
              recovered++;
            }
          } else if (e.type === 'step.failed' && e.data.stepId === stepId && ![...open.values()].includes(false)) {
            open.set(stepId, false);
            failures++;
          } else if (e.type === 'step.skipped' && e.data.stepId === stepId) {
            for (const [key, ok] of open) {
              if (ok) continue;
              open.set(key, true);
              recovered++;
            }
          }
        }
      }
      const approvals = own.filter(
        (e): e is Ev<'person.asked'> => e.type === 'person.asked' && e.data.kind === 'approval',
      );
      const firstAnswers = [...new Set(approvals.map((a) => a.data.stepId))]
        .map((stepId) =>
          own.find(
            (e): e is Ev<'person.answered'> =>
              e.type === 'person.answered' &&
              approvals.some((a) => a.data.stepId === stepId && a.data.askId === e.data.askId),
          ),
        )
        .filter((a) => a !== undefined);
      const sum = (list: Ev<'agent.resolved'>[], f: (r: Ev<'agent.resolved'>) => number) =>
        list.reduce((t, r) => t + f(r), 0);
      const tokensOf = (r: Ev<'agent.resolved'>) =>
        r.data.usage ? r.data.usage.promptTokens + r.data.usage.completionTokens : 0;
      const costOf = (r: Ev<'agent.resolved'>) => r.data.usage?.costUsd ?? 0;
      return {
        runId,
        flowId: start.data.flowId,
        startedAt: start.ts,
        finishedAt,
        status,
        spawned,
        resolved,
        spawnOf,
        needed,
        failures,
        recovered,
        firstAnswers,
        tokens: sum(resolved, tokensOf),
        costUsd: sum(resolved, costOf),
        wallMs: sum(resolved, (r) => r.data.durationMs),
      };
    })
    .filter((run) => {
      if (filter.flowId !== undefined && run.flowId !== filter.flowId) return false;
      const at = filter.by === 'finished' ? run.finishedAt : run.startedAt;
      return (
        at !== undefined &&
        (filter.from === undefined || at >= filter.from) &&
        (filter.to === undefined || at < filter.to)
      );
    });
  const count = (s: string) => runs.filter((r) => r.status === s).length;
  const finished = count('succeeded') + count('failed');
  const durations = runs
    .filter((r) => r.finishedAt !== undefined && r.status !== 'interrupted')
    .map((r) => (r.finishedAt as number) - r.startedAt);
  const calls = runs.reduce((t, r) => t + r.spawned.length, 0);
  const needed = runs.reduce((t, r) => t + r.needed, 0);
  const recovered = runs.reduce((t, r) => t + r.recovered, 0);
  const failures = runs.reduce((t, r) => t + (r.status === 'running' ? r.recovered : r.failures), 0);
  const reviewed = runs.reduce((t, r) => t + r.firstAnswers.length, 0);
  const approved = runs.reduce((t, r) => t + r.firstAnswers.filter((a) => a.data.decision === 'approve').length, 0);
  const stepKeys = [...new Set(runs.flatMap((r) => r.spawned.map((s) => `${r.flowId}|${s.data.stepId}`)))].sort();
  const steps = stepKeys.map((key) => {
    const [flowId, stepId] = key.split('|') as [string, string];
    const mine = runs.filter((r) => r.flowId === flowId && r.spawned.some((s) => s.data.stepId === stepId));
    const latencies = mine.flatMap((r) => {
      const resolved = r.resolved.filter((x) => x.data.stepId === stepId);
      const first = r.spawned.find((s) => s.data.stepId === stepId) as Ev<'agent.spawned'>;
      return resolved.length === 0 ? [] : [(resolved.at(-1) as Ev<'agent.resolved'>).ts - first.ts];
    });
    const callCount = mine.reduce((t, r) => t + r.spawned.filter((s) => s.data.stepId === stepId).length, 0);
    const failed = mine.reduce(
      (t, r) => t + r.resolved.filter((x) => x.data.stepId === stepId && x.data.outcome === 'failed').length,
      0,
    );
    return {
      key,
      runs: mine.length,
      calls: callCount,
      failedCalls: failed,
      failureRate: div(failed, callCount),
      latencyMs: q(latencies),
    };
  });
  const modelIds = [...new Set(runs.flatMap((r) => r.spawned.map((s) => s.data.modelId)))].sort();
  const models = modelIds.map((modelId) => ({
    modelId,
    calls: runs.reduce((t, r) => t + r.spawned.filter((s) => s.data.modelId === modelId).length, 0),
    failedCalls: runs.reduce(
      (t, r) =>
        t +
        r.resolved.filter((x) => x.data.outcome === 'failed' && r.spawnOf(x.data.agentId).data.modelId === modelId)
          .length,
      0,
    ),
  }));
  const dayStarts = [...new Set(runs.map((r) => r.startedAt - (r.startedAt % DAY_MS)))].sort((a, b) => a - b);
  const days = dayStarts.map((day) => {
    const mine = runs.filter((r) => r.startedAt >= day && r.startedAt < day + DAY_MS);
    return {
      day,
      started: mine.length,
      succeeded: mine.filter((r) => r.status === 'succeeded').length,
      failed: mine.filter((r) => r.status === 'failed').length,
    };
  });
  const first = filter.from ?? runs[0]?.startedAt ?? 0;
  const lastAt = filter.to ?? runs.at(-1)?.startedAt ?? 0;
  return {
    started: runs.length,
    running: count('running'),
    succeeded: count('succeeded'),
    failed: count('failed'),
    interrupted: count('interrupted'),
    completionRate: div(count('succeeded'), finished),
    errorRate: div(count('failed'), finished),
    runsPerDay: runs.length === 0 ? null : runs.length / Math.max(1, (lastAt - first) / DAY_MS),
    durationMs: q(durations),
    efficiency: { needed, calls, rate: div(needed, calls) },
    recovery: { failures, recovered, rate: div(recovered, failures) },
    gates: { reviewed, approvedFirst: approved, rate: div(approved, reviewed) },
    failedCalls: runs.reduce((t, r) => t + r.resolved.filter((x) => x.data.outcome === 'failed').length, 0),
    tokens: runs.reduce((t, r) => t + r.tokens, 0),
    costUsd: runs.reduce((t, r) => t + r.costUsd, 0),
    wallMs: runs.reduce((t, r) => t + r.wallMs, 0),
    runIds: runs.map((r) => r.runId),
    steps,
    models,
    days,
  };
}

/** The fold's answer in the reference's shape (sums of dollars compared apart, as they add in another order). */
function shaped(m: Metrics) {
  return {
    started: m.started,
    running: m.running,
    succeeded: m.succeeded,
    failed: m.failed,
    interrupted: m.interrupted,
    completionRate: m.completionRate,
    errorRate: m.errorRate,
    runsPerDay: m.runsPerDay,
    durationMs: m.durationMs,
    efficiency: m.efficiency,
    recovery: m.recovery,
    gates: m.gates,
    failedCalls: m.failedCalls,
    tokens: m.spend.tokens,
    costUsd: m.spend.costUsd,
    wallMs: m.spend.wallMs,
    runIds: m.runs.map((r) => r.runId),
    steps: m.steps
      .filter((s) => s.calls > 0)
      .map((s) => ({
        key: `${s.flowId}|${s.stepId}`,
        runs: s.runs,
        calls: s.calls,
        failedCalls: s.failedCalls,
        failureRate: s.failureRate,
        latencyMs: s.latencyMs,
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
    models: m.models
      .map((x) => ({ modelId: x.modelId, calls: x.calls, failedCalls: x.failedCalls }))
      .sort((a, b) => (a.modelId < b.modelId ? -1 : 1)),
    days: m.days.map(({ day, started, succeeded, failed }) => ({ day, started, succeeded, failed })),
  };
}

function expectSame(actual: Metrics, expected: ReturnType<typeof reference>): void {
  const got = shaped(actual);
  expect(got.costUsd).toBeCloseTo(expected.costUsd, 9);
  expect({ ...got, costUsd: 0 }).toEqual({ ...expected, costUsd: 0 });
}

/** A window somewhere over the log's runs, by start or by finish, of one flow or all. */
const filterOver = (events: readonly StoredEvent[]) => {
  const first = events[0]?.ts ?? 0;
  const span = Math.max(1, (events.at(-1)?.ts ?? 0) - first);
  const flows = [...new Set(events.flatMap((e) => (e.type === 'run.started' ? [e.data.flowId] : [])))];
  return fc
    .record(
      {
        flowId: fc.constantFrom(undefined, ...flows),
        from: fc.option(
          fc.integer({ min: 0, max: span }).map((n) => first + n),
          { nil: undefined },
        ),
        to: fc.option(
          fc.integer({ min: 0, max: span + 1 }).map((n) => first + n),
          { nil: undefined },
        ),
        by: fc.constantFrom(undefined, 'started' as const, 'finished' as const),
      },
      { requiredKeys: [] },
    )
    .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as MetricsFilter);
};

const synthetic = fc.record({
  runs: fc.integer({ min: 0, max: 25 }),
  seed: fc.nat(),
  mapItems: fc.nat(3),
  unfinished: fc.nat(3),
  everyMs: fc.constantFrom(1_000, 600_000, 20 * DAY_MS),
});

describe('metrics fold', () => {
  it('agrees with the brute-force reference over random synthetic logs and windows', () => {
    fc.assert(
      fc.property(
        synthetic.chain((o) => {
          const events = syntheticRuns(o);
          return fc.tuple(fc.constant(events), filterOver(events));
        }),
        ([events, filter]) => {
          const fold = new MetricsFold().observeAll(events);
          expectSame(metricsOver(fold, filter), reference(events, filter));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('agrees with the reference over logs the conductor wrote (retries, maps, gates, sub-flows, cut and resumed)', async () => {
    await fc.assert(
      fc.asyncProperty(randomScenario, fc.array(fc.nat(5_000), { minLength: 1, maxLength: 50 }), async (s, gaps) => {
        // The test studio's clock barely moves: spread the events out in time so windows and latencies mean something.
        let t = 0;
        const events = (await playScenario(sha256, s)).map((e, i) => ({
          ...e,
          ts: e.ts + (t += gaps[i % gaps.length] as number),
        }));
        const fold = new MetricsFold().observeAll(events);
        for (const filter of [
          {},
          { by: 'finished' as const },
          { from: events[Math.floor(events.length / 2)]?.ts ?? 0 },
        ])
          expectSame(metricsOver(fold, filter), reference(events, filter));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('folded in any batches, with queries between them, equals the fold from scratch', () => {
    fc.assert(
      fc.property(synthetic, fc.array(fc.nat(), { maxLength: 8 }), (o, cuts) => {
        const events = syntheticRuns(o);
        const whole = new MetricsFold().observeAll(events);
        const parts = new MetricsFold();
        const at = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const cut of [...at, events.length]) {
          parts.observeAll(events.slice(from, cut));
          metricsOver(parts, { by: 'finished' });
          from = cut;
        }
        expect(parts.eventCount).toBe(events.length);
        expect(metricsOver(parts)).toEqual(metricsOver(whole));
        expect(parts.calls).toEqual(whole.calls);
      }),
      { numRuns: 100 },
    );
  });

  it('counts agent calls in a time window as a scan of every call would', () => {
    fc.assert(
      fc.property(
        synthetic.chain((o) => {
          const events = syntheticRuns(o);
          return fc.tuple(fc.constant(events), filterOver(events));
        }),
        ([events, { by: _by, ...filter }]) => {
          const fold = new MetricsFold().observeAll(events);
          const resolved = events.filter((e): e is Ev<'agent.resolved'> => e.type === 'agent.resolved');
          const flowOf = new Map(
            events.flatMap((e) => (e.type === 'run.started' ? [[e.data.runId, e.data.flowId] as const] : [])),
          );
          const inWindow = resolved.filter(
            (e) =>
              (filter.flowId === undefined || flowOf.get(e.runId as never) === filter.flowId) &&
              (filter.from === undefined || e.ts >= filter.from) &&
              (filter.to === undefined || e.ts < filter.to),
          );
          const got = callsOver(fold, filter);
          expect({ calls: got.calls, failed: got.failed }).toEqual({
            calls: inWindow.length,
            failed: inWindow.filter((e) => e.data.outcome === 'failed').length,
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('says nothing rather than 0 % when there is nothing to count', () => {
    const m = metricsOver(new MetricsFold());
    expect([
      m.completionRate,
      m.errorRate,
      m.runsPerDay,
      m.durationMs,
      m.efficiency.rate,
      m.recovery.rate,
      m.gates.rate,
    ]).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('step names in the metrics', () => {
  it('read as the flow names them now: a renamed step is not listed by its old name', () => {
    const fold = new MetricsFold();
    fold.observeAll(syntheticRuns({ runs: 20, seed: 3 }));
    const before = metricsOver(fold).steps;
    expect(before.length).toBeGreaterThan(0);
    const [first] = before;
    const renamed = metricsOver(fold, {}, (flowId, stepId) =>
      flowId === first?.flowId && stepId === first.stepId ? 'Renamed step' : undefined,
    ).steps;
    expect(renamed.find((s) => s.stepId === first?.stepId && s.flowId === first.flowId)?.label).toBe('Renamed step');
    expect(renamed.filter((s) => s.label === 'Renamed step')).toHaveLength(1);
  });
});
