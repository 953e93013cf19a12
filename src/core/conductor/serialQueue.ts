/**
 * The conductor's one queue. Jobs run one at a time, in the order they were queued, so every
 * append is observed in the order the log wrote it and no decision reads state half folded.
 *
 * Some jobs are batches (`batched`): items that wait for their turn together share one job. That is
 * how agents' results are appended with group commit: their appends reach the log at once, so it
 * writes them in one transaction and parallel agents don't pay one disk commit each, while they
 * still wait in the same line as every other append. No timer: a batch closes when its job starts.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues a job; resolves (or rejects) with its outcome. A failed job does not stop the queue. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every job queued so far is over. */
  drained(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  /**
   * An entry point for items that share jobs: `commit` gets the items of one batch, in the order
   * they were queued, and returns one settled outcome per item. Each caller hears only its own
   * item's outcome; if `commit` itself throws, every caller of that batch hears it.
   */
  batched<Item, Result>(
    commit: (items: Item[]) => Promise<ReadonlyArray<PromiseSettledResult<Result>>>,
  ): (item: Item) => Promise<Result> {
    let open: Array<{ item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }> | null = null;
    return (item) =>
      new Promise<Result>((resolve, reject) => {
        if (open) {
          open.push({ item, resolve, reject });
          return;
        }
        const batch = [{ item, resolve, reject }];
        open = batch;
        this.run(async () => {
          // The batch closes as its job starts: what arrives from now on waits for the next job.
          open = null;
          const outcomes = await commit(batch.map((b) => b.item));
          batch.forEach((b, i) => {
            const outcome = outcomes[i];
            if (outcome?.status === 'fulfilled') b.resolve(outcome.value);
            else
              b.reject(
                outcome
                  ? outcome.reason
                  : new Error(`A batch returned ${outcomes.length} outcomes for ${batch.length} items.`),
              );
          });
        }).catch((error: unknown) => {
          for (const b of batch) b.reject(error);
        });
      });
  }
}
