import type { AgentHost, AgentResult, AgentRunner, AgentTask } from '../core/conductor/ports';
import { z } from 'zod';
import type { SandboxWorker } from './frameWorkers';
import {
  MAX_LOG_LINE_CHARS,
  MAX_LOG_LINES,
  type FromSandbox,
  type SandboxOutcome,
  type ToSandbox,
} from '../protocol/sandboxProtocol';
import { callMessageSchema, CallGate } from './sandboxCallGate';
import { AGENT_SENTENCES, pastDeadline, pastHostCap } from '../core/agents/agentContract';

export interface SandboxPoolOptions {
  /** How many sandboxes to keep started and idle, so an agent starts in a few ms. */
  size: number;
  createWorker?: () => SandboxWorker;
  /**
   * The longest any agent may run, whatever its model's timeout says. MAX_SANDBOX_DEADLINE_MS for
   * workers in the tab's process; workers in their own process (src/runtime/frameWorkers.ts) need
   * no cap, since a heap bomb there kills only their iframe.
   */
  maxDeadlineMs?: number;
  /** How long a sandbox may take to load and lock down before a run gives up on it. */
  startupTimeoutMs?: number;
}

export interface SandboxPoolStats {
  /** Idle sandboxes that have posted `ready`. */
  warm: number;
  /** Idle sandboxes still loading. */
  starting: number;
  /** Sandboxes running an agent. */
  busy: number;
}

/**
 * The longest any agent may run, whatever its model's timeout says. Mitigation, not a fix: a
 * worker that exhausts V8's heap crashes the process it runs in, and dedicated workers share the
 * studio's renderer. A heap bomb took 17-24 s to get there on our 2-core test machine, so this
 * cap ends most bombs first; a faster machine fills the heap sooner. The studio itself runs its
 * sandboxes in a sandboxed iframe, which Chromium gives its own process, without this cap
 * (src/runtime/frameWorkers.ts); the cap stays for workers in the tab's process.
 */
export const MAX_SANDBOX_DEADLINE_MS = 15_000;

const createSandboxWorker = (): SandboxWorker =>
  new Worker(new URL('../../workers/sandbox.worker.ts', import.meta.url), { type: 'module' });

/** A sandbox worker and the promise that it loaded and locked down (or why it did not). */
interface Sandbox {
  /** Null when the worker could not even be constructed. */
  worker: SandboxWorker | null;
  ready: Promise<true | string>;
  isReady: boolean;
}

/** Everything a sandbox posts is parsed against this before it is believed. */
const fromSandboxSchema: z.ZodType<FromSandbox> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('log'), taskId: z.string(), line: z.string().max(MAX_LOG_LINE_CHARS) }),
  z.strictObject({
    type: z.literal('result'),
    taskId: z.string(),
    outcome: z.discriminatedUnion('ok', [
      z.strictObject({
        ok: z.literal(true),
        emitted: z.array(z.strictObject({ port: z.string(), value: z.unknown() })),
      }),
      z.strictObject({ ok: z.literal(false), reason: z.string().max(10_000) }),
    ]),
  }),
  callMessageSchema,
]);

/**
 * Runs each agent in its own pre-warmed worker and kills it afterwards: one agent per isolate,
 * never reused, so nothing one agent did can be seen by the next. The worker is untrusted: every
 * message is parsed, and a worker that loops, crashes or posts nonsense is terminated and
 * reported in words. `run` always settles and never rejects.
 */
export class SandboxPool implements AgentRunner {
  private readonly idle: Sandbox[] = [];
  private readonly busy = new Map<SandboxWorker, (reason: string) => void>();
  private readonly createWorker: () => SandboxWorker;
  private readonly size: number;
  private readonly maxDeadlineMs: number;
  private readonly startupTimeoutMs: number;
  private nextTaskId = 1;
  private disposed = false;

  constructor(opts: SandboxPoolOptions) {
    this.size = Math.max(0, Math.floor(opts.size));
    this.createWorker = opts.createWorker ?? createSandboxWorker;
    this.startupTimeoutMs = opts.startupTimeoutMs ?? 10_000;
    this.maxDeadlineMs = opts.maxDeadlineMs ?? MAX_SANDBOX_DEADLINE_MS;
    this.refill();
  }

  async run(task: AgentTask, host?: AgentHost): Promise<AgentResult> {
    if (this.disposed) return { ok: false, reason: 'the sandbox pool was shut down.', logs: [], durationMs: 0 };
    const sandbox = this.idle.shift() ?? this.spawn();
    const warm = sandbox.isReady && sandbox.worker !== null;
    if (!warm) this.refill();
    const started = warm ? true : await sandbox.ready;
    if (started !== true || !sandbox.worker) {
      sandbox.worker?.terminate();
      return {
        ok: false,
        reason: `its sandbox could not start: ${started === true ? 'it has no worker.' : started}`,
        logs: [],
        durationMs: 0,
      };
    }
    if (this.disposed) return { ok: false, reason: 'the sandbox pool was shut down.', logs: [], durationMs: 0 };
    const result = this.runIn(sandbox.worker, task, host);
    // A warm agent's task is posted before its replacement is started: constructing a worker
    // costs this thread about a millisecond, which the agent should not wait for (npm run bench).
    if (warm) this.refill();
    return result;
  }

  stats(): SandboxPoolStats {
    const warm = this.idle.filter((s) => s.isReady).length;
    return { warm, starting: this.idle.length - warm, busy: this.busy.size };
  }

  /** Terminates every sandbox; runs in flight resolve as failures. */
  dispose(): void {
    this.disposed = true;
    for (const sandbox of this.idle.splice(0)) sandbox.worker?.terminate();
    for (const stop of [...this.busy.values()]) stop('the sandbox pool was shut down.');
  }

  private refill(): void {
    while (!this.disposed && this.idle.length < this.size) this.idle.push(this.spawn());
  }

  private spawn(): Sandbox {
    let worker: SandboxWorker;
    try {
      worker = this.createWorker();
    } catch (error) {
      // Keep the shape; the run that takes this sandbox reports why.
      const reason = error instanceof Error ? error.message : String(error);
      return { worker: null, ready: Promise.resolve(reason), isReady: false };
    }
    const sandbox: Sandbox = { worker, isReady: false, ready: Promise.resolve(true) };
    sandbox.ready = new Promise<true | string>((resolve) => {
      let settled = false;
      const settle = (result: true | string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        if (result === true) {
          sandbox.isReady = true;
          // A warm sandbox can still die while it waits (its iframe crashed): drop it, so no run
          // is handed a dead one.
          const onIdleError = (event: Event): void => {
            worker.removeEventListener('error', onIdleError);
            if (!this.idle.includes(sandbox)) return;
            event.preventDefault();
            this.forget(sandbox);
          };
          worker.addEventListener('error', onIdleError);
        } else this.forget(sandbox);
        resolve(result);
      };
      const onMessage = (event: MessageEvent): void => {
        const parsed = fromSandboxSchema.safeParse(event.data);
        settle(parsed.success && parsed.data.type === 'ready' ? true : 'it sent an unexpected message while starting.');
      };
      const onError = (event: Event): void => {
        event.preventDefault();
        settle(`it failed to load${event instanceof ErrorEvent && event.message ? ` (${event.message})` : ''}.`);
      };
      const timer = setTimeout(
        () => settle(`it did not start within ${this.startupTimeoutMs} ms.`),
        this.startupTimeoutMs,
      );
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
    });
    return sandbox;
  }

  /** A sandbox that failed to start leaves the idle list, so the pool never hands it out. */
  private forget(sandbox: Sandbox): void {
    const at = this.idle.indexOf(sandbox);
    if (at >= 0) this.idle.splice(at, 1);
    sandbox.worker?.terminate();
  }

  private runIn(worker: SandboxWorker, task: AgentTask, host: AgentHost | undefined): Promise<AgentResult> {
    const taskId = `${task.agentId}#${this.nextTaskId++}`;
    const logs: string[] = [];
    const startedAt = performance.now();
    return new Promise<AgentResult>((resolve) => {
      let settled = false;
      // Answers the agent's ctx.fetch and ctx.llm through the host, while this worker lives.
      const gate = new CallGate(host, (reply) => {
        if (settled) return;
        try {
          worker.postMessage({ type: 'reply', taskId, ...reply } satisfies ToSandbox);
        } catch (error) {
          worker.postMessage({
            type: 'reply',
            taskId,
            callId: reply.callId,
            reply: {
              ok: false,
              message: `the answer could not be sent into the sandbox (${error instanceof Error ? error.message : String(error)}).`,
            },
          } satisfies ToSandbox);
        }
      });
      const end = (outcome: SandboxOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        worker.terminate();
        this.busy.delete(worker);
        const durationMs = performance.now() - startedAt;
        resolve(
          outcome.ok
            ? { ok: true, emitted: outcome.emitted, logs, durationMs }
            : {
                ok: false,
                reason: outcome.reason,
                logs,
                durationMs,
                errorClass: 'errorClass' in outcome && outcome.errorClass === 'timeout' ? 'timeout' : 'script-error',
              },
        );
      };
      const onMessage = (event: MessageEvent): void => {
        const parsed = fromSandboxSchema.safeParse(event.data);
        if (!parsed.success || !this.belongs(parsed.data, taskId))
          return end({ ok: false, reason: 'its sandbox sent a malformed message, so it was stopped.' });
        const message = parsed.data;
        if (message.type === 'log') {
          if (logs.length < MAX_LOG_LINES) logs.push(message.line);
        } else if (message.type === 'result') end(message.outcome);
        else if (message.type === 'call' && !gate.accept(message))
          end({ ok: false, reason: 'its sandbox repeated or reused a call number, so it was stopped.' });
      };
      const onError = (event: Event): void => {
        event.preventDefault();
        // An uncaught throw arrives as an ErrorEvent with a message; a crashed isolate (Chromium
        // stops a worker that exhausts its heap) arrives as a bare event.
        const detail =
          event instanceof ErrorEvent && event.message ? event.message.replace(/^Uncaught\s+(\w*Error:\s*)?/, '') : '';
        end({ ok: false, reason: detail ? `it threw: ${detail}` : AGENT_SENTENCES.heap });
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.addEventListener('messageerror', () =>
        end({ ok: false, reason: 'its result could not be read (it was not plain data).' }),
      );
      const capped = task.deadlineMs > this.maxDeadlineMs;
      const deadline = setTimeout(
        () =>
          end({
            ok: false,
            errorClass: 'timeout',
            reason: capped ? pastHostCap(this.maxDeadlineMs) : pastDeadline(task.deadlineMs),
          }),
        Math.min(task.deadlineMs, this.maxDeadlineMs),
      );
      this.busy.set(worker, (reason) => end({ ok: false, reason }));
      try {
        const message: ToSandbox = { type: 'run', taskId, task };
        worker.postMessage(message);
      } catch (error) {
        end({
          ok: false,
          reason: `its inputs cannot be sent to the sandbox (${error instanceof Error ? error.message : String(error)}).`,
        });
      }
    });
  }

  private belongs(message: FromSandbox, taskId: string): boolean {
    return message.type !== 'ready' && message.taskId === taskId;
  }
}
