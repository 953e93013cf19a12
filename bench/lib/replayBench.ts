import type { StoredEvent } from '../../src/core/events/storedEvent';
import type { RunId } from '../../src/core/ids';
import { completeRun } from './syntheticLog';
import { pause } from './stats';

/**
 * Seek and step over one recorded run, through src/core/replay (issue: replay/fork/undo). Loaded
 * through import.meta.glob so the bench still builds while that module does not exist yet.
 */
interface ReplayLike {
  at(index: number): unknown;
  readonly length: number;
}
type ReplayCtor = new (events: Iterable<StoredEvent>) => ReplayLike;

const modules = import.meta.glob('../../src/core/replay/runReplay.ts');

export interface ReplayResult {
  available: boolean;
  note?: string;
  events: number;
  steps: number;
  buildMs: number;
  seekMs: number[];
  stepMs: number[];
  snapshotEvery?: number;
}

/** Deterministic pseudo-random indices, so every run seeks the same places. */
function* indices(n: number, count: number): Generator<number> {
  let s = 12345;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    yield s % n;
  }
}

export async function benchReplay(opts: { steps: number; seeks: number; stepRuns: number }): Promise<ReplayResult> {
  const load = modules['../../src/core/replay/runReplay.ts'];
  const empty: ReplayResult = { available: false, events: 0, steps: opts.steps, buildMs: 0, seekMs: [], stepMs: [] };
  if (!load) return { ...empty, note: 'src/core/replay/runReplay.ts does not exist yet' };
  const mod = (await load()) as { RunReplay?: ReplayCtor; SNAPSHOT_EVERY?: number };
  if (typeof mod.RunReplay !== 'function')
    return { ...empty, note: 'src/core/replay/runReplay.ts has no RunReplay class yet' };
  // One run of steps × 5 events (gap opened, agent spawned, artifact, resolved, gap closed).
  const events = completeRun('run_replay' as RunId, { steps: opts.steps, width: 100 });
  const t0 = performance.now();
  const replay = new mod.RunReplay(events);
  const buildMs = performance.now() - t0;
  const n = replay.length;
  const result: ReplayResult = {
    available: true,
    events: n,
    steps: opts.steps,
    buildMs,
    seekMs: [],
    stepMs: [],
    ...(mod.SNAPSHOT_EVERY !== undefined ? { snapshotEvery: mod.SNAPSHOT_EVERY } : {}),
  };
  await pause(10);
  for (const target of indices(n, opts.seeks)) {
    const t = performance.now();
    replay.at(target);
    result.seekMs.push(performance.now() - t);
  }
  // Stepping: from random places, one event forward ten times, then one back ten times, as a
  // person holding an arrow key would.
  for (const start of indices(n - 20, opts.stepRuns)) {
    for (let d = 1; d <= 10; d++) {
      const t = performance.now();
      replay.at(start + d);
      result.stepMs.push(performance.now() - t);
    }
    for (let d = 9; d >= 0; d--) {
      const t = performance.now();
      replay.at(start + d);
      result.stepMs.push(performance.now() - t);
    }
  }
  return result;
}
