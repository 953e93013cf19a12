import type { RunId } from '../ids';

/** Something the log said that a metric counts, at its virtual time, with the event that said it. */
export interface AlertSample {
  at: number;
  flow: string | undefined;
  runId: RunId;
  seq: number;
  /** What it is: a run that finished, an agent that failed, or dollars spent. */
  stream?: 'finished' | 'agentFailure' | 'cost';
  /** A finished run: it failed; a gate in it did not pass. */
  failed?: boolean;
  blocked?: boolean;
  /** Dollars an agent spent. */
  usd?: number;
}

/**
 * A time window sliding over samples, with running sums, so a new sample and an expired one each
 * cost O(1): the rule's value never needs a walk over the log.
 */
export class SlidingWindow {
  private samples: AlertSample[] = [];
  private head = 0;
  count = 0;
  failed = 0;
  errors = 0;
  usd = 0;

  constructor(readonly windowMs: number) {}

  add(sample: AlertSample): void {
    this.samples.push(sample);
    this.apply(sample, 1);
  }

  /** Drops the samples older than the window ending at `now` (a sample exactly windowMs old is out). */
  advance(now: number): void {
    while (this.head < this.samples.length && (this.samples[this.head] as AlertSample).at <= now - this.windowMs) {
      this.apply(this.samples[this.head] as AlertSample, -1);
      this.head += 1;
    }
    // Compact now and then, so a long-lived window does not keep every sample it ever saw.
    if (this.head > 1024 && this.head * 2 > this.samples.length) {
      this.samples = this.samples.slice(this.head);
      this.head = 0;
    }
  }

  /** When the oldest sample leaves the window, if there is one. */
  nextExpiry(): number | undefined {
    const oldest = this.samples[this.head];
    return oldest ? oldest.at + this.windowMs : undefined;
  }

  /** The newest sample: the event that last moved the value. */
  get newest(): AlertSample | undefined {
    return this.head < this.samples.length ? this.samples[this.samples.length - 1] : undefined;
  }

  private apply(sample: AlertSample, sign: 1 | -1): void {
    this.count += sign;
    if (sample.failed) this.failed += sign;
    if (sample.failed || sample.blocked) this.errors += sign;
    if (sample.usd !== undefined) this.usd += sign * sample.usd;
  }
}

/** Samples of the last day, kept so that rules saved later start from what already happened. */
export class RecentSamples {
  private samples: AlertSample[] = [];
  private head = 0;

  constructor(private readonly keepMs: number) {}

  add(sample: AlertSample): void {
    this.samples.push(sample);
  }

  prune(now: number): void {
    while (this.head < this.samples.length && (this.samples[this.head] as AlertSample).at <= now - this.keepMs)
      this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.samples.length) {
      this.samples = this.samples.slice(this.head);
      this.head = 0;
    }
  }

  *since(at: number): Iterable<AlertSample> {
    for (let i = this.head; i < this.samples.length; i++) {
      const sample = this.samples[i] as AlertSample;
      if (sample.at > at) yield sample;
    }
  }
}
