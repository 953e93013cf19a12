import type { ArtifactHash } from '../../ids';

/** One item of a map step: queued, running, failed (its agent resolved failed), or its results by port. */
export type MapItemState = 'queued' | 'running' | 'failed' | Record<string, ArtifactHash>;

/**
 * A map step's items: one agent per item of its list, at most `concurrency` at once, gathered
 * when every item has all of the step's outputs. The only place item state changes: the gap loop
 * tells it what the log says (an agent spawned, produced, failed, died with the page) and asks it
 * which items may start; every count it keeps (running, finished) moves with the item it counts.
 *
 * Invariants: an item is in `queue` exactly when it is `queued`; `running` counts the items that
 * are `running`; `finished` counts items with all their outputs; a failed item stays failed.
 */
export class MapStep {
  private readonly state: MapItemState[];
  private queue: number[];
  private runningNow = 0;
  private finishedNow = 0;
  private anyFailed = false;

  /** `items` from `map.expanded`; `outputs`: how many outputs each item must produce. */
  constructor(
    private readonly items: readonly ArtifactHash[],
    readonly concurrency: number,
    private readonly outputs: number,
  ) {
    this.state = items.map(() => 'queued' as const);
    this.queue = items.map((_, i) => i);
  }

  /** Items whose agents are at work. */
  get running(): number {
    return this.runningNow;
  }

  /** Some item waits for an agent. */
  get hasQueued(): boolean {
    return this.queue.length > 0;
  }

  /** An item's agent resolved failed: no new item starts, and the step fails once the running ones end. */
  get failed(): boolean {
    return this.anyFailed;
  }

  /** Every item has all its outputs: the step gathers them. */
  get allFinished(): boolean {
    return this.finishedNow === this.items.length;
  }

  /** The artifact an item's agent works on. */
  itemAt(item: number): ArtifactHash | undefined {
    return this.items[item];
  }

  /** Each item's results by port, in item order; complete only once `allFinished`. */
  results(): Array<Record<string, ArtifactHash>> {
    return this.state.map((s) => (typeof s === 'object' ? s : {}));
  }

  /** A state of one item, for tests and explanations. */
  stateOf(item: number): MapItemState | undefined {
    return this.state[item];
  }

  /**
   * Takes up to `limit` queued items, as concurrency allows, and marks them running: their
   * spawn decisions are being made now. Oldest first.
   */
  start(limit: number): number[] {
    const started: number[] = [];
    while (this.queue.length > 0 && this.runningNow < this.concurrency && started.length < limit) {
      const item = this.queue.shift() as number;
      this.state[item] = 'running';
      this.runningNow += 1;
      started.push(item);
    }
    return started;
  }

  /** `agent.spawned` for an item: running. Live it was taken by `start` already; in a replay it is taken now. */
  spawned(item: number): void {
    if (this.state[item] !== 'queued') return;
    this.queue = this.queue.filter((i) => i !== item);
    this.state[item] = 'running';
    this.runningNow += 1;
  }

  /** `artifact.produced` for an item. True when that completed the item (its last output). */
  produced(item: number, port: string, hash: ArtifactHash): boolean {
    const state = this.state[item];
    const results = typeof state === 'object' ? state : {};
    results[port] = hash;
    this.state[item] = results;
    if (Object.keys(results).length !== this.outputs) return false;
    this.runningNow -= 1;
    this.finishedNow += 1;
    return true;
  }

  /** An item's agent resolved failed. Marked failed, not left running: an interruption must not queue it again (nor count it twice). */
  failedItem(item: number): void {
    this.anyFailed = true;
    const state = this.state[item];
    const complete = typeof state === 'object' && Object.keys(state).length === this.outputs;
    if (state !== undefined && state !== 'queued' && state !== 'failed' && !complete) {
      this.state[item] = 'failed';
      this.runningNow -= 1;
    }
  }

  /** An item whose agent died with the page goes back in the queue; false if it was not running. */
  requeue(item: number): boolean {
    if (this.state[item] !== 'running') return false;
    this.state[item] = 'queued';
    this.queue.push(item);
    this.runningNow -= 1;
    return true;
  }

  /** The run was interrupted: every running item goes back in the queue, for the resume to send again. */
  requeueRunning(): void {
    this.state.forEach((_, i) => this.requeue(i));
  }
}
