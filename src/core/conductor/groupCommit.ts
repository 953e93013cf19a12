/**
 * How a group-commit queue writes: `prepare` turns one caller's item into what is written (and
 * may refuse it: that caller alone hears the error), `commit` writes a whole batch in one
 * transaction and returns one result per prepared item, in order.
 */
export interface GroupCommitSteps<Item, Prepared, Result> {
  /**
   * Prepares one item after everything prepared ahead of it that is not yet known to be
   * committed (`before`, oldest first: the batch being written, then earlier items of its own
   * batch), as a hash chain links each caller's events to the previous caller's. If the batch
   * ahead fails, the item is prepared again after what did commit. Throwing refuses only this item.
   */
  prepare(item: Item, before: readonly Prepared[]): Prepared | Promise<Prepared>;
  /** Writes the prepared items together, all or none. Throwing fails every caller of this batch, and only them. */
  commit(prepared: readonly Prepared[]): Promise<readonly Result[]>;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

interface Batch<Item, Prepared, Result> {
  entries: Array<Waiting<Item, Result>>;
  prepared: Prepared[];
}

interface InFlight<Item, Prepared, Result> {
  batch: Batch<Item, Prepared, Result>;
  /** Settles when the batch is over (its callers have heard). */
  committed: Promise<void>;
  settled: boolean;
  /** Once settled: whether it committed (false: it failed, and its callers heard so). */
  ok: boolean;
}

/**
 * One write path with group commit: items that arrive while a batch is being written share the
 * next batch, so a busy writer pays one transaction per batch instead of one per caller. No timer:
 * a batch starts as soon as the previous one is over, holding whatever arrived meanwhile, and is
 * prepared while the previous one commits (sealing and hashing overlap the disk's work).
 *
 * Guarantees: batches commit one at a time, in arrival order, and items keep their order inside a
 * batch; each caller's item is written whole or not at all; a caller's promise settles only once
 * the batch holding its item committed (or failed), so nothing acknowledged is lost.
 */
export class GroupCommitQueue<Item, Result, Prepared = Item> {
  private waiting: Array<Waiting<Item, Result>> = [];
  private writing = false;
  /** Set while the writer waits on a commit with nothing to prepare: an arrival wakes it. */
  private wake: (() => void) | null = null;

  constructor(private readonly steps: GroupCommitSteps<Item, Prepared, Result>) {}

  /** Queues an item; resolves with its result after the batch holding it committed. */
  enqueue(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
      else this.wake?.();
    });
  }

  /** Whether a batch is being prepared or written now. */
  get busy(): boolean {
    return this.writing;
  }

  private async drain(): Promise<void> {
    this.writing = true;
    let ahead: InFlight<Item, Prepared, Result> | null = null;
    try {
      for (;;) {
        // The next batch holds everything that arrives until the batch ahead has committed, and
        // is prepared meanwhile, item by item as they arrive.
        let next = await this.gather(ahead);
        // Prepared after a batch that then failed: prepare again, after what did commit.
        if (ahead && !ahead.ok) next = await this.prepare(next.entries, []);
        ahead = null;
        if (next.entries.length === 0) {
          if (this.waiting.length === 0) break;
          continue;
        }
        ahead = this.commit(next);
      }
    } finally {
      this.writing = false;
    }
  }

  /** Prepares what arrives until the batch ahead (if any) has settled and nothing waits. */
  private async gather(ahead: InFlight<Item, Prepared, Result> | null): Promise<Batch<Item, Prepared, Result>> {
    const next: Batch<Item, Prepared, Result> = { entries: [], prepared: [] };
    for (;;) {
      if (this.waiting.length > 0) {
        const arrived = this.waiting;
        this.waiting = [];
        const more = await this.prepare(arrived, [...(ahead?.batch.prepared ?? []), ...next.prepared]);
        next.entries.push(...more.entries);
        next.prepared.push(...more.prepared);
        continue;
      }
      if (!ahead || ahead.settled) return next;
      // Wait for the batch ahead to commit, or for items to prepare meanwhile.
      const arrival = new Promise<void>((resolve) => (this.wake = resolve));
      await Promise.race([ahead.committed, arrival]);
      this.wake = null;
    }
  }

  private async prepare(
    entries: ReadonlyArray<Waiting<Item, Result>>,
    ahead: readonly Prepared[],
  ): Promise<Batch<Item, Prepared, Result>> {
    const batch: Batch<Item, Prepared, Result> = { entries: [], prepared: [] };
    const before = [...ahead];
    for (const entry of entries) {
      try {
        const prepared = await this.steps.prepare(entry.item, before);
        before.push(prepared);
        batch.prepared.push(prepared);
        batch.entries.push(entry);
      } catch (error) {
        entry.reject(error);
      }
    }
    return batch;
  }

  /** Starts committing a batch; its callers are settled when it is over. */
  private commit(batch: Batch<Item, Prepared, Result>): InFlight<Item, Prepared, Result> {
    const inFlight: InFlight<Item, Prepared, Result> = {
      batch,
      committed: Promise.resolve(),
      settled: false,
      ok: false,
    };
    inFlight.committed = this.write(batch).then((ok) => {
      inFlight.ok = ok;
      inFlight.settled = true;
    });
    return inFlight;
  }

  /** Writes a batch and settles its callers; resolves with whether it committed. */
  private async write(batch: Batch<Item, Prepared, Result>): Promise<boolean> {
    let results: readonly Result[];
    try {
      results = await this.steps.commit(batch.prepared);
      if (results.length !== batch.entries.length)
        throw new Error(`A group commit returned ${results.length} results for ${batch.entries.length} items.`);
    } catch (error) {
      for (const entry of batch.entries) entry.reject(error);
      return false;
    }
    batch.entries.forEach((entry, i) => entry.resolve(results[i] as Result));
    return true;
  }
}
