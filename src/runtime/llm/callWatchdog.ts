/** Why a call was aborted by its watchdog (or cancelled through it); undefined while it has not. */
export type WatchdogCause = 'deadline' | 'stall' | 'cancelled' | undefined;

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

  /** Its run was stopped: abort the fetch now, so the server stops generating (and billing). */
  cancel(): void {
    this.fire('cancelled');
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

  private fire(cause: 'deadline' | 'stall' | 'cancelled'): void {
    if (this.firedCause) return;
    this.firedCause = cause;
    this.dispose();
    this.controller.abort(
      cause === 'cancelled'
        ? new DOMException('The call was stopped with its run.', 'AbortError')
        : new DOMException(`The call hit its ${cause} limit.`, 'TimeoutError'),
    );
  }
}

/**
 * The calls in flight, by agent, so a stopped run can abort its agents' calls (LlmClient.cancel).
 * One per LLM client, shared by its adapters.
 */
export class CallsInFlight {
  private readonly byAgent = new Map<string, Set<CallWatchdog>>();

  /** Tracks a call until the returned function is called (when it settles). */
  track(agentId: string, watchdog: CallWatchdog): () => void {
    const calls = this.byAgent.get(agentId) ?? new Set<CallWatchdog>();
    calls.add(watchdog);
    this.byAgent.set(agentId, calls);
    return () => {
      calls.delete(watchdog);
      if (calls.size === 0 && this.byAgent.get(agentId) === calls) this.byAgent.delete(agentId);
    };
  }

  cancel(agentId: string): void {
    for (const watchdog of this.byAgent.get(agentId) ?? []) watchdog.cancel();
  }
}
