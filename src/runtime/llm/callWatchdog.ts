/** Why a call was aborted by its watchdog; undefined while it has not. */
export type WatchdogCause = 'deadline' | 'stall' | undefined;

/**
 * The two clocks on a model call: a deadline for the whole call, and a stall timer that any byte from
 * the server resets (keep-alive comments included: they prove the server is still there). Either one
 * aborts the fetch through `signal`, and `cause` says which, so the abort maps to a `timeout` reason.
 */
export class CallWatchdog {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private firedCause: WatchdogCause;
  private readonly deadlineTimer: ReturnType<typeof setTimeout>;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether any byte of a response has arrived: a stall before that is a silent server, after it a model that stopped. */
  heardFromServer = false;

  constructor(
    deadlineMs: number,
    private readonly stallMs: number,
  ) {
    this.signal = this.controller.signal;
    this.deadlineTimer = setTimeout(() => this.fire('deadline'), Math.max(0, deadlineMs));
    this.armStall();
  }

  get cause(): WatchdogCause {
    return this.firedCause;
  }

  /** The server sent something: restart the stall timer. */
  touch(): void {
    this.heardFromServer = true;
    this.armStall();
  }

  dispose(): void {
    clearTimeout(this.deadlineTimer);
    clearTimeout(this.stallTimer);
  }

  private armStall(): void {
    clearTimeout(this.stallTimer);
    if (this.firedCause) return;
    this.stallTimer = setTimeout(() => this.fire('stall'), Math.max(0, this.stallMs));
  }

  private fire(cause: 'deadline' | 'stall'): void {
    if (this.firedCause) return;
    this.firedCause = cause;
    this.dispose();
    this.controller.abort(new DOMException(`The call hit its ${cause} limit.`, 'TimeoutError'));
  }
}
