/**
 * How often a project's long polls are answered: at most once per `gapMs`. A studio asks again as
 * soon as it has an answer, so without this a fast run (an append every few milliseconds) meant a
 * Restate wait, wake and answer per append, which on a small machine took a seventh of its CPU
 * away from the agents. A poll that comes within the gap waits out the rest of it here, on a local
 * timer that costs nothing, and then gets everything that landed meanwhile in one page. What a
 * person sees is at most `gapMs` later; a plain read (no wait) is never held back.
 */
export class AnswerPacer {
  private readonly answeredAt = new Map<string, number>();

  constructor(
    private readonly gapMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long a long poll on `key` should wait before it looks: 0 when the gap is over. */
  holdFor(key: string): number {
    const at = this.answeredAt.get(key);
    return at === undefined ? 0 : Math.max(0, at + this.gapMs - this.now());
  }

  /** A long poll on `key` was answered just now. */
  answered(key: string): void {
    const now = this.now();
    // Projects nobody watches any more: their entries only matter within the gap.
    if (this.answeredAt.size >= 1000)
      for (const [k, at] of this.answeredAt) if (at + this.gapMs <= now) this.answeredAt.delete(k);
    this.answeredAt.set(key, now);
  }
}
