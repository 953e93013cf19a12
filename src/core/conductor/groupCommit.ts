/**
 * How a group-commit queue writes: `prepare` turns one caller's item into what is written (and
 * may refuse it: that caller alone hears the error), `commit` writes a whole batch in one
 * transaction and returns one result per prepared item, in order.
 */
export interface GroupCommitSteps<Item, Prepared, Result> {
  /**
   * Prepares one item, after every earlier item of the same batch (`before`, in order): a hash
   * chain links each caller's events to the previous caller's. Throwing refuses only this item.
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

/**
 * One write path with group commit: items that arrive while a batch is being written share the
 * next batch, so a busy writer pays one transaction per batch instead of one per caller. No timer:
 * a batch starts as soon as the previous one is over, holding whatever arrived meanwhile.
 *
 * Guarantees: batches are written one at a time, in arrival order, and items keep their order
 * inside a batch; each caller's item is written whole or not at all; a caller's promise settles
 * only once the batch holding its item committed (or failed), so nothing acknowledged is lost.
 */
export class GroupCommitQueue<Item, Result, Prepared = Item> {
  private waiting: Array<Waiting<Item, Result>> = [];
  private writing = false;

  constructor(private readonly steps: GroupCommitSteps<Item, Prepared, Result>) {}

  /** Queues an item; resolves with its result after the batch holding it committed. */
  enqueue(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  /** Whether a batch is being prepared or written now. */
  get busy(): boolean {
    return this.writing;
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        await this.write(batch);
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: ReadonlyArray<Waiting<Item, Result>>): Promise<void> {
    const accepted: Array<Waiting<Item, Result>> = [];
    const prepared: Prepared[] = [];
    for (const entry of batch) {
      try {
        prepared.push(await this.steps.prepare(entry.item, prepared));
        accepted.push(entry);
      } catch (error) {
        entry.reject(error);
      }
    }
    if (accepted.length === 0) return;
    let results: readonly Result[];
    try {
      results = await this.steps.commit(prepared);
      if (results.length !== accepted.length) throw new Error(`A group commit returned ${results.length} results for ${accepted.length} items.`);
    } catch (error) {
      for (const entry of accepted) entry.reject(error);
      return;
    }
    accepted.forEach((entry, i) => entry.resolve(results[i] as Result));
  }
}

