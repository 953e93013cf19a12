import type { EventData } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { RunId } from '../ids';
import type { BusSender } from './busEvents';
import type { BusScope } from './busLimits';

/** One message as the bus keeps it: its event's seq is its place in the order and its cursor. */
export interface BusMessage {
  seq: number;
  ts: number;
  runId: RunId;
  messageId: string;
  topic: string;
  scope: BusScope;
  from: BusSender;
  body: unknown;
}

/** Someone waiting in ctx.bus.next for the next message on a topic its run sees. */
interface Waiter {
  runId: RunId;
  topic: string;
  since: number;
  agentId?: string;
  resolve(message: BusMessage | null): void;
}

/**
 * The conductor's index of the bus, folded from the log: messages by topic in log order, who sees
 * what (scopes), claims and their holders, and each agent's recent posts (its rate). Pure and
 * synchronous like every fold; the only live part is the list of agents waiting in ctx.bus.next,
 * which a folded message (or the waiter's agent resolving) settles.
 *
 * Scopes: a message posted with scope `tree` is seen by its own run and every run below it (a
 * sub-flow's run sees its outer run's topics, however deep); `project` is seen by every run. A
 * claim in scope `tree` competes with the claims made anywhere in the same tree (the same root run).
 */
export class BusIndex {
  private readonly byTopic = new Map<string, BusMessage[]>();
  private readonly all: BusMessage[] = [];
  /** Sub-flow runs: child → the outer run that started it. */
  private readonly parentOf = new Map<RunId, RunId>();
  private readonly holders = new Map<string, BusSender>();
  private readonly postTimes = new Map<string, number[]>();
  private waiters: Waiter[] = [];

  observe(event: StoredEvent): void {
    switch (event.type) {
      case 'run.started':
        if (event.data.parentStep) this.parentOf.set(event.data.runId, event.data.parentStep.runId);
        return;
      case 'bus.posted':
        return this.posted(event.seq, event.ts, event.runId as RunId, event.data);
      case 'bus.claimed':
        if (event.data.won)
          this.holders.set(this.claimKey(event.runId as RunId, event.data.scope, event.data.key), event.data.by);
        return;
      case 'agent.resolved':
        // Its agent is gone: whatever it still waited for, it waits no more.
        return this.settleWaiters((w) => w.agentId === event.data.agentId, null);
      default:
        return;
    }
  }

  /** The root of a run's tree: the outermost run above it. */
  rootOf(runId: RunId): RunId {
    let at = runId;
    for (let up = this.parentOf.get(at); up !== undefined; up = this.parentOf.get(at)) at = up;
    return at;
  }

  /** Whether a reader in `runId` sees a message: a project message, or one of its own run or a run above it. */
  sees(runId: RunId, message: BusMessage): boolean {
    if (message.scope === 'project') return true;
    for (let at: RunId | undefined = runId; at !== undefined; at = this.parentOf.get(at))
      if (at === message.runId) return true;
    return false;
  }

  /** The messages on `topic` a reader in `runId` sees, after the cursor `since` (a seq), oldest first. */
  read(runId: RunId, topic: string, since = -1, limit = Infinity): BusMessage[] {
    const out: BusMessage[] = [];
    const list = this.byTopic.get(topic) ?? [];
    // Messages are in seq order: start after the cursor by binary search, so a tail read stays cheap.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as BusMessage).seq <= since) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length && out.length < limit; i += 1) {
      const message = list[i] as BusMessage;
      if (this.sees(runId, message)) out.push(message);
    }
    return out;
  }

  /** Every message, in log order (what the page and the export show). */
  messages(): readonly BusMessage[] {
    return this.all;
  }

  /** Who holds a claim on `key` in the scope a claimer in `runId` would compete in, if anyone. */
  holderOf(runId: RunId, scope: BusScope, key: string): BusSender | undefined {
    return this.holders.get(this.claimKey(runId, scope, key));
  }

  /** How many posts an agent made in all, and since `from` (a time on the log's clock). */
  postsBy(agentId: string, from: number): { total: number; recent: number } {
    const times = this.postTimes.get(agentId) ?? [];
    let recent = 0;
    for (let i = times.length - 1; i >= 0 && (times[i] as number) >= from; i -= 1) recent += 1;
    return { total: times.length, recent };
  }

  /**
   * Waits for the next message on `topic` that `runId` sees after `since`: resolves at once with one
   * already written, else with the next one folded, or with null when the waiting agent resolves.
   */
  next(runId: RunId, topic: string, since: number, agentId?: string): Promise<BusMessage | null> {
    const [ready] = this.read(runId, topic, since, 1);
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) =>
      this.waiters.push({ runId, topic, since, resolve, ...(agentId !== undefined ? { agentId } : {}) }),
    );
  }

  private posted(seq: number, ts: number, runId: RunId, data: EventData<'bus.posted'>): void {
    const message: BusMessage = { seq, ts, runId, ...data, body: data.body };
    const list = this.byTopic.get(data.topic);
    if (list) list.push(message);
    else this.byTopic.set(data.topic, [message]);
    this.all.push(message);
    if (data.from.kind === 'agent') {
      const times = this.postTimes.get(data.from.agentId);
      if (times) times.push(ts);
      else this.postTimes.set(data.from.agentId, [ts]);
    }
    if (this.waiters.length > 0)
      this.settleWaiters((w) => w.topic === data.topic && w.since < seq && this.sees(w.runId, message), message);
  }

  private settleWaiters(matches: (w: Waiter) => boolean, message: BusMessage | null): void {
    const keep: Waiter[] = [];
    const settled: Waiter[] = [];
    for (const w of this.waiters) (matches(w) ? settled : keep).push(w);
    if (settled.length === 0) return;
    this.waiters = keep;
    for (const w of settled) w.resolve(message);
  }

  private claimKey(runId: RunId, scope: BusScope, key: string): string {
    return scope === 'project' ? `project\u0000${key}` : `tree\u0000${this.rootOf(runId)}\u0000${key}`;
  }
}
