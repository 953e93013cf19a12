import { Worker } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentHost, AgentResult, AgentRunner, AgentTask } from '../../src/core/conductor/ports';
import { answerRelayedCall } from '../../src/runtime/relayedHost';
import type { FromScriptThread, ToScriptThread } from './scriptThreadProtocol';

/**
 * Script agents on worker threads: a process runs at most `slots` scripts at once (one by default,
 * RUNNER_SCRIPT_SLOTS to change it) and queues the rest, so the way to use more cores is more
 * runner processes, anywhere, which is what Restate spreads work over. A thread that dies or does
 * not answer well past the agent's own deadline is ended and replaced; its agent fails with a
 * sentence that says so. An agent's ctx.fetch and ctx.llm come back from its thread to this one and
 * are answered by the host given with it (on the runner, a relay to the project's driver).
 */
const GRACE_MS = 5_000;

// QuickJS is WebAssembly. By default V8 first compiles it with its quick baseline compiler and
// moves a function up to optimized code only once it has run a while, so the first CPU-bound agent
// on a fresh thread ran at well under half speed for its first second. Optimizing from the start
// costs about 0.2 s once per thread (at boot, see warm), and every agent runs at full speed. The
// flag is process-wide and is read as a thread's module is compiled, so it is set before any starts.
setFlagsFromString('--no-liftoff');

/** The agent a thread runs first (see warm): loading QuickJS is most of it; the rest compiles the paths every agent takes. */
const WARM_UP: AgentTask = {
  agentId: 'warm_up',
  code: `exports.default = (ctx) => { ctx.log('warm'); ctx.emit('out', [ctx.inputs.n, ctx.random()].map((x) => x * 2)); };`,
  inputs: { n: 1 },
  outputPorts: ['out'],
  seed: 1,
  now: 0,
  deadlineMs: 10_000,
};

interface Queued {
  task: AgentTask;
  host: AgentHost | undefined;
  finish: (result: AgentResult) => void;
}

interface Slot {
  worker: Worker;
  busy: (Queued & { id: number; timer: ReturnType<typeof setTimeout> }) | null;
}

/** RUNNER_SCRIPT_SLOTS: scripts a runner process works on at once (at least one). The balancer hands out no more. */
export function scriptSlotsFromEnv(): number {
  return Math.max(1, Number(process.env['RUNNER_SCRIPT_SLOTS'] ?? 1) || 1);
}

export function defaultScriptThreadFile(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'scriptThread.mjs');
}

export class ScriptThreads implements AgentRunner {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size = scriptSlotsFromEnv(),
    private readonly file = defaultScriptThreadFile(),
  ) {}

  /** Scripts at work on a thread, and waiting for one. */
  get load(): { working: number; waiting: number } {
    return { working: this.slots.filter((slot) => slot.busy !== null).length, waiting: this.queue.length };
  }

  run(task: AgentTask, host?: AgentHost): Promise<AgentResult> {
    if (this.closed) return Promise.resolve(failure('the runner process is shutting down', 'server'));
    return new Promise((finish) => {
      this.queue.push({ task, host, finish });
      this.dispatch();
    });
  }

  /**
   * Starts every slot's thread and has it run a small agent (loading QuickJS), so agents find
   * their threads ready: a runner process does this as it starts. Resolves when each thread is
   * ready or has failed (a failed one is replaced when an agent needs it); agents sent meanwhile
   * wait their turn.
   */
  warm(): Promise<void> {
    const ready = Array.from(
      { length: this.size - this.slots.length },
      () =>
        new Promise<void>((done) => {
          this.queue.unshift({ task: WARM_UP, host: undefined, finish: () => done() });
        }),
    );
    this.dispatch();
    return Promise.all(ready).then(() => undefined);
  }

  /** Ends every thread; queued agents fail (Restate runs them again elsewhere if the process goes). */
  async close(): Promise<void> {
    this.closed = true;
    for (const { finish } of this.queue.splice(0)) finish(failure('the runner process is shutting down', 'server'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    for (;;) {
      const slot = this.freeSlot();
      const next = slot && this.queue.shift();
      if (!slot || !next) return;
      const id = this.nextId++;
      const timer = setTimeout(
        () =>
          this.replace(
            slot,
            failure(
              `it did not answer within ${next.task.deadlineMs + GRACE_MS} ms, so its thread was ended`,
              'timeout',
            ),
          ),
        next.task.deadlineMs + GRACE_MS,
      );
      slot.busy = { ...next, id, timer };
      this.send(slot.worker, { id, task: next.task, withHost: next.host !== undefined });
    }
  }

  private freeSlot(): Slot | undefined {
    const idle = this.slots.find((slot) => slot.busy === null);
    if (idle) return idle;
    if (this.slots.length >= this.size) return undefined;
    const slot: Slot = { worker: this.spawn(), busy: null };
    this.slots.push(slot);
    this.watch(slot);
    return slot;
  }

  private spawn(): Worker {
    const worker = new Worker(this.file);
    worker.unref();
    return worker;
  }

  private watch(slot: Slot): void {
    const worker = slot.worker;
    worker.on('message', (message: FromScriptThread) => {
      const busy = slot.busy;
      if (slot.worker !== worker || busy?.id !== message.id) return;
      if ('result' in message) return this.done(slot, message.result);
      const { callId, call } = message.call;
      void answerRelayedCall(busy.host, call).then((reply) => {
        // The agent may be over (its deadline) or its thread replaced by now: then nobody waits.
        if (slot.worker === worker && slot.busy === busy) this.send(worker, { id: busy.id, callId, reply });
      });
    });
    worker.on('error', (error) => {
      if (slot.worker === worker) this.replace(slot, failure(`its script thread failed: ${error.message}`, 'server'));
    });
    worker.on('exit', () => {
      if (slot.worker === worker && !this.closed) this.replace(slot, failure('its script thread exited', 'server'));
    });
  }

  private send(worker: Worker, message: ToScriptThread): void {
    worker.postMessage(message);
  }

  private done(slot: Slot, result: AgentResult): void {
    const busy = slot.busy;
    if (!busy) return;
    clearTimeout(busy.timer);
    slot.busy = null;
    busy.finish(result);
    this.dispatch();
  }

  private replace(slot: Slot, result: AgentResult): void {
    const old = slot.worker;
    slot.worker = this.spawn();
    this.watch(slot);
    void old.terminate();
    this.done(slot, result);
  }
}

function failure(reason: string, errorClass: 'timeout' | 'server'): AgentResult {
  return { ok: false, reason, logs: [], durationMs: 0, errorClass };
}
