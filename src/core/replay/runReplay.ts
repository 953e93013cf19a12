import type { StoredEvent } from '../events/storedEvent';
import { RunWriter, startRunState, type RunState } from '../run/runState';

/** How often a snapshot is kept: a seek folds at most this many events. */
export const SNAPSHOT_EVERY = 256;

export type MarkerKind = 'failure' | 'gap' | 'agent';

/**
 * Time travel over one run: the run's state after any of its events, by folding recorded events
 * only (replay never calls a model). Snapshots every K events bound a seek to at most K folds.
 * Folds write in place into a private copy (RunWriter), so a seek costs one copy of a snapshot
 * plus K cheap folds, not K copies of the run.
 */
export class RunReplay {
  private readonly events: StoredEvent[] = [];
  private readonly snapshots: RunState[] = [];
  private readonly markers: Record<MarkerKind, number[]> = { failure: [], gap: [], agent: [] };
  /** The run's state after its newest event, folded in place (copy on write once handed out). */
  private working: RunWriter | undefined;

  /** `events`: the run's own events in log order, starting with its run.started. */
  constructor(events: Iterable<StoredEvent> = []) {
    for (const event of events) this.push(event);
  }

  /** Adds the run's next event (a live run grows while it is watched). */
  push(event: StoredEvent): void {
    const index = this.events.length;
    if (index === 0) {
      if (event.type !== 'run.started') throw new Error('A replay starts with its run.started event');
      this.working = new RunWriter(startRunState(event), true);
    } else {
      (this.working as RunWriter).apply(event);
    }
    this.events.push(event);
    // A snapshot is the working state handed out: the next write copies it once, then folds in place.
    if (index % SNAPSHOT_EVERY === 0) this.snapshots.push((this.working as RunWriter).release());
    this.mark(event, index);
  }

  get length(): number {
    return this.events.length;
  }

  event(index: number): StoredEvent | undefined {
    return this.events[index];
  }

  /** The run's state right after its `index`-th event (clamped to the run's extent). */
  at(index: number): RunState {
    if (this.events.length === 0) throw new Error('An empty replay has no state');
    const target = Math.max(0, Math.min(index, this.events.length - 1));
    if (target === this.events.length - 1) return (this.working as RunWriter).release();
    const slot = Math.floor(target / SNAPSHOT_EVERY);
    // One copy of the snapshot, then at most K folds in place: a seek costs O(steps + K).
    const writer = new RunWriter(this.snapshots[slot] as RunState);
    for (let i = slot * SNAPSHOT_EVERY + 1; i <= target; i++) writer.apply(this.events[i] as StoredEvent);
    return writer.state;
  }

  /** How many events a seek to `index` folds after loading its snapshot: never more than K. */
  foldsToReach(index: number): number {
    const target = Math.max(0, Math.min(index, this.events.length - 1));
    return target === this.events.length - 1 ? 0 : target % SNAPSHOT_EVERY;
  }

  /** The index of the event with sequence number `seq`, or of the last one before it. */
  indexOfSeq(seq: number): number {
    let lo = 0;
    let hi = this.events.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.events[mid] as StoredEvent).seq <= seq) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The next (or previous) marker of a kind after (before) `index`, if any. */
  nextMarker(kind: MarkerKind, index: number, direction: 1 | -1 = 1): number | undefined {
    const list = this.markers[kind];
    if (direction === 1) return list.find((i) => i > index);
    return list.findLast((i) => i < index);
  }

  private mark(event: StoredEvent, index: number): void {
    if (
      (event.type === 'agent.resolved' && event.data.outcome === 'failed') ||
      (event.type === 'run.finished' && event.data.status !== 'succeeded')
    )
      this.markers.failure.push(index);
    else if (event.type === 'gap.opened') this.markers.gap.push(index);
    else if (event.type === 'agent.spawned') this.markers.agent.push(index);
  }
}
