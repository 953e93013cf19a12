import type { AgentBusRequest, AgentFetchRequest, AgentLlmRequest, AgentLlmResponse, HostReply } from '../ports/ports';
import type {
  AgentBus,
  AgentCall,
  AgentContext,
  AgentContract,
  AgentOutcome,
  AgentTaskView,
  FetchAnswer,
} from './agentContract';

/** What a host lends the implementation: where log lines go, how calls reach the conductor, its timers. */
export interface AgentContextHooks {
  contract: AgentContract;
  /** The one seeded generator (./seededRandom.ts), passed in so this function stays self-contained. */
  seededRandom: (seed: number) => () => number;
  /** ./agentContract.ts's engineLimit, passed in for the same reason. */
  engineLimit: (name: string, message: string) => 'heap' | 'stack' | null;
  /** One log line, already capped: the sandbox streams it to the pool, QuickJS hands it to the host. */
  log(line: string): void;
  /** One mediated call; the host forwards it to the conductor's AgentHost and resolves with its reply. */
  call(call: AgentCall): Promise<HostReply<unknown>>;
  /** The host's own timers (the callback is always a function here). */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** The globals `install` replaces, as the host's global object holds them. */
export interface AgentGlobals {
  Date: DateConstructor;
  Math: Math;
  console: unknown;
  setTimeout: unknown;
  clearTimeout: unknown;
  setInterval: unknown;
  clearInterval: unknown;
  queueMicrotask: unknown;
}

/** `(exports, module, require)`: the compiled model, as each host compiles it. */
export type ModuleFactory = (
  exports: Record<string, unknown>,
  module: { exports: Record<string, unknown> },
  require: (id: unknown) => never,
) => void;

export interface AgentContextRun {
  ctx: AgentContext;
  /** Makes Date, Math.random, console and the timers (setTimeout, setInterval, queueMicrotask…) of `global` the agent's own. */
  install(global: AgentGlobals): void;
  /** Loads the module, calls its entry with ctx, and settles with what it emitted or why it failed. */
  run(factory: ModuleFactory): Promise<AgentOutcome>;
}

/**
 * The ONE implementation of the ctx semantics, run by every host: the browser sandbox calls it
 * directly (workers/sandbox.worker.ts); the QuickJS host (headless CLI and runner) injects this
 * function's source text into the isolate (src/runtime/quickjs/agentRuntimeSource.ts) and calls it
 * there. So the sentences, the limits, the copies of emitted values, the virtual clock and seed and
 * the call checks cannot drift apart: there is one text of them.
 *
 * Invariant that makes the injection work: this function is SELF-CONTAINED. It reads nothing from
 * its module (no imports at run time, no module constants): only its parameters and ECMAScript's
 * own globals (Object, JSON, Promise, Set, Array, Math.imul…). The QuickJS conformance suite fails
 * at once if that is broken (a free name is a ReferenceError inside the isolate).
 *
 * It runs inside the agent's realm, so agent code may patch prototypes under it; that only spoils
 * its own run. What crosses back out is checked again by the host (the pool's schema, the call gate).
 */
export function createAgentContext(task: AgentTaskView, hooks: AgentContextHooks): AgentContextRun {
  const { limits, sentences } = hooks.contract;
  const ports = task.outputPorts.slice();
  const emitted: Array<{ port: string; value: unknown }> = [];
  let done = false;
  let failed: ((reason: string) => void) | null = null;

  // No class of its own: a class field could be compiled to a helper from outside this function.
  const AgentError = Error;

  function describeThrown(thrown: unknown): string {
    try {
      if (thrown instanceof Error) return thrown.message || thrown.name;
      return String(thrown);
    } catch {
      return 'an unprintable value';
    }
  }

  /** The failure in words; an engine's own limits (V8's or QuickJS's) read the same everywhere. */
  function reasonFor(thrown: unknown): string {
    const limit = thrown instanceof Error ? hooks.engineLimit(String(thrown.name), String(thrown.message)) : null;
    if (limit !== null) return sentences[limit];
    return `it threw: ${describeThrown(thrown)}`;
  }

  function deepFreeze<T>(value: T): T {
    if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
      Object.freeze(value);
      for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    }
    return value;
  }

  /**
   * A plain-data copy of an emitted value, as JSON would store it (undefined becomes null at the
   * top, and is left out inside objects), refusing what JSON would silently lose or cannot hold.
   */
  function plainCopy(value: unknown, parents: Set<object>): unknown {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (value === undefined) return null;
    if (typeof value !== 'object') throw new AgentError(`it holds a ${typeof value}`);
    if (parents.has(value)) throw new AgentError('it refers to itself');
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return plainCopy((toJSON as () => unknown).call(value), parents);
    parents.add(value);
    try {
      if (Array.isArray(value)) return value.map((item: unknown) => plainCopy(item, parents));
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null)
        throw new AgentError(`it holds a ${describeKind(value)}, not a plain object`);
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined)
          Object.defineProperty(copy, key, {
            value: plainCopy(item, parents),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return copy;
    } finally {
      parents.delete(value);
    }
  }

  function describeKind(value: object): string {
    const constructor = (value as { constructor?: { name?: unknown } }).constructor;
    return typeof constructor?.name === 'string' && constructor.name !== '' ? constructor.name : 'object';
  }

  function stringify(value: unknown): string {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      try {
        return String(value);
      } catch {
        return '[unprintable]';
      }
    }
  }

  let logLines = 0;
  function log(...args: unknown[]): void {
    logLines++;
    if (logLines > limits.maxLogLines) return;
    const line =
      logLines === limits.maxLogLines
        ? `… further log lines were dropped (at most ${limits.maxLogLines} are kept)`
        : args.map(stringify).join(' ');
    hooks.log(line.slice(0, limits.maxLogLineChars));
  }

  function emit(port: string, value: unknown): void {
    if (done)
      throw new AgentError(
        `ctx.emit('${port}', …) was called after the model finished. Await your work before returning.`,
      );
    if (!ports.includes(port))
      throw new AgentError(
        `ctx.emit: “${port}” is not an output of this model. Outputs: ${ports.join(', ') || '(none)'}.`,
      );
    let copy: unknown;
    try {
      copy = plainCopy(value, new Set());
    } catch (error) {
      throw new AgentError(
        `ctx.emit('${port}', …): the value cannot leave the sandbox (${describeThrown(error)}). Emit plain data: text, numbers, booleans, arrays and plain objects.`,
      );
    }
    emitted.push({ port, value: copy });
  }

  // --- ctx.fetch and ctx.llm: checked here (to say what was wrong in words), again by the host.

  const isPlainObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

  function checkString(value: unknown, what: string, max: number, example: string): string {
    if (typeof value !== 'string')
      throw new AgentError(`${what} must be a string, like ${example}; it was ${typeof value}.`);
    if (value.length > max)
      throw new AgentError(`${what} is ${value.length} characters long; at most ${max} are allowed.`);
    return value;
  }

  function fetchRequest(url: unknown, init: unknown): AgentFetchRequest {
    const request: AgentFetchRequest = {
      url: checkString(url, 'ctx.fetch: the url', limits.maxCallFieldChars, "'https://example.com/data.csv'"),
    };
    if (init === undefined) return request;
    if (!isPlainObject(init))
      throw new AgentError(
        'ctx.fetch: the second argument must be an object like { method, headers, body }, or left out.',
      );
    const { method, headers, body } = init;
    if (method !== undefined) {
      const text = checkString(method, 'ctx.fetch: method', 20, "'GET' or 'POST'");
      if (!/^[A-Za-z]+$/.test(text))
        throw new AgentError(`ctx.fetch: method “${text}” is not an HTTP method; use one like 'GET' or 'POST'.`);
      request.method = text.toUpperCase();
    }
    if (headers !== undefined) {
      if (!isPlainObject(headers))
        throw new AgentError(
          "ctx.fetch: headers must be a plain object of names and text values, like { accept: 'text/csv' }.",
        );
      const names = Object.keys(headers);
      if (names.length > limits.maxCallHeaders)
        throw new AgentError(
          `ctx.fetch: ${names.length} headers were given; at most ${limits.maxCallHeaders} are allowed.`,
        );
      const copy: Record<string, string> = {};
      for (const name of names) {
        checkString(name, 'ctx.fetch: a header name', 200, "'accept'");
        copy[name] = checkString(headers[name], `ctx.fetch: header “${name}”`, limits.maxCallFieldChars, "'text/csv'");
      }
      request.headers = copy;
    }
    if (body !== undefined)
      request.body = checkString(body, 'ctx.fetch: the body', limits.maxCallBodyChars, 'JSON.stringify(data)');
    return request;
  }

  function llmRequest(input: unknown): AgentLlmRequest {
    if (!isPlainObject(input))
      throw new AgentError("ctx.llm takes one object, like { model: 'summariser', prompt: 'Summarise: …' }.");
    const { model, prompt, system, maxTokens, temperature } = input;
    const name = checkString(
      model,
      'ctx.llm: model (the name of one of this project’s LLM models)',
      200,
      "'summariser'",
    );
    if (name.trim() === '')
      throw new AgentError('ctx.llm: model is empty; give the name of one of this project’s LLM models.');
    const request: AgentLlmRequest = {
      model: name,
      prompt: checkString(prompt, 'ctx.llm: prompt', limits.maxCallBodyChars, "'Summarise: …'"),
    };
    if (system !== undefined)
      request.system = checkString(system, 'ctx.llm: system', limits.maxCallBodyChars, "'You are terse.'");
    if (maxTokens !== undefined) {
      if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > 1_000_000)
        throw new AgentError('ctx.llm: maxTokens must be a whole number from 1 to 1000000.');
      request.maxTokens = maxTokens;
    }
    if (temperature !== undefined) {
      if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature < 0 || temperature > 2)
        throw new AgentError('ctx.llm: temperature must be a number from 0 to 2.');
      request.temperature = temperature;
    }
    return request;
  }

  function fetchAnswer(url: string, value: unknown): FetchAnswer {
    const { ok, status, statusText, headers, text } = value as FetchAnswer;
    return Object.freeze({
      ok,
      status,
      statusText,
      headers: deepFreeze({ ...headers }),
      text,
      json(): unknown {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new AgentError(`ctx.fetch: the response from ${url} is not JSON. Read .text instead.`);
        }
      },
    });
  }

  let callsMade = 0;
  let callsWaiting = 0;
  const fill = (template: string, what: string): string => template.split('{what}').join(what);

  async function mediate(make: () => AgentCall, answer: (value: unknown) => unknown): Promise<unknown> {
    const call = make();
    const what = call.what;
    if (done) throw new AgentError(fill(sentences.callAfterFinish, what));
    if (callsWaiting >= limits.maxCallsInFlight) throw new AgentError(fill(sentences.tooManyWaiting, what));
    if (callsMade >= limits.maxCallsPerAgent) throw new AgentError(fill(sentences.tooManyCalls, what));
    callsMade++;
    callsWaiting++;
    let reply: HostReply<unknown>;
    try {
      reply = await hooks.call(call);
    } finally {
      callsWaiting--;
    }
    // Exactly the conductor's sentence, so the step's reason reads "it threw: <sentence>".
    if (!reply.ok) throw new Error(String(reply.message));
    return answer(reply.value);
  }

  // --- ctx.bus: the shape of each request is checked here; the conductor checks topics, sizes,
  // rates and claims (src/core/bus), and answers with the log's order.

  function busOptions(options: unknown, what: string, allowed: readonly string[]): Record<string, unknown> {
    if (options === undefined) return {};
    if (!isPlainObject(options))
      throw new AgentError(`${what}: the options must be an object like { ${allowed.join(', ')} }, or left out.`);
    for (const key of Object.keys(options))
      if (!allowed.includes(key))
        throw new AgentError(`${what}: “${key}” is not an option; the options are ${allowed.join(', ')}.`);
    return options;
  }

  function busScope(value: unknown, what: string): { scope?: 'tree' | 'project' } {
    if (value === undefined) return {};
    if (value !== 'tree' && value !== 'project')
      throw new AgentError(`${what}: scope must be 'tree' (this run and the runs below it) or 'project'.`);
    return { scope: value };
  }

  function busCursor(value: unknown, what: string): { since?: number } {
    if (value === undefined) return {};
    if (typeof value !== 'number' || !Number.isInteger(value) || value < -1)
      throw new AgentError(
        `${what}: since must be a message’s seq (a whole number), or left out to start at the first.`,
      );
    return { since: value };
  }

  function topicOf(topic: unknown, what: string): string {
    return checkString(topic, `${what}: the topic`, 200, "'work-items'");
  }

  function busRequest(op: string, args: unknown[]): AgentBusRequest {
    const what = `ctx.bus.${op}`;
    if (op === 'post') {
      const options = busOptions(args[2], what, ['scope']);
      if (args.length < 2)
        throw new AgentError(`${what} takes a topic and a message, like ctx.bus.post('work-items', { item: 1 }).`);
      let message: unknown;
      try {
        message = plainCopy(args[1], new Set());
      } catch (error) {
        throw new AgentError(
          `${what}: the message cannot leave the sandbox (${describeThrown(error)}). Post plain data: text, numbers, booleans, arrays and plain objects.`,
        );
      }
      return { op: 'post', topic: topicOf(args[0], what), message, ...busScope(options['scope'], what) };
    }
    if (op === 'read') {
      const options = busOptions(args[1], what, ['since']);
      return { op: 'read', topic: topicOf(args[0], what), ...busCursor(options['since'], what) };
    }
    if (op === 'next') {
      const options = busOptions(args[1], what, ['since', 'deadlineMs']);
      const deadline = options['deadlineMs'];
      if (
        deadline !== undefined &&
        (typeof deadline !== 'number' || !Number.isFinite(deadline) || deadline < 0 || deadline > limits.maxBusWaitMs)
      )
        throw new AgentError(`${what}: deadlineMs must be a number of milliseconds from 0 to ${limits.maxBusWaitMs}.`);
      return {
        op: 'next',
        topic: topicOf(args[0], what),
        ...busCursor(options['since'], what),
        ...(deadline !== undefined ? { deadlineMs: deadline } : {}),
      };
    }
    const options = busOptions(args[1], what, ['scope']);
    return {
      op: 'claim',
      key: checkString(args[0], `${what}: the key`, 200, "'item-7'"),
      ...busScope(options['scope'], what),
    };
  }

  /** The reply's part for the operation, frozen: the conductor answers each op with its own field. */
  function busAnswer(op: string): (value: unknown) => unknown {
    return (value) => {
      const reply = (value ?? {}) as Record<string, unknown>;
      if (op === 'post') return deepFreeze(reply['posted']);
      if (op === 'read') return deepFreeze(reply['messages']);
      if (op === 'next') return deepFreeze(reply['next'] ?? null);
      return deepFreeze(reply['claim']);
    };
  }

  const busCall = (op: string) =>
    function (...args: unknown[]): Promise<unknown> {
      return mediate(() => ({ what: 'bus', request: busRequest(op, args) }), busAnswer(op));
    };
  const bus = Object.freeze({
    post: busCall('post'),
    read: busCall('read'),
    next: busCall('next'),
    claim: busCall('claim'),
  }) as AgentBus;

  const random = hooks.seededRandom(task.seed);
  const ctx: AgentContext = Object.freeze({
    agentId: task.agentId,
    inputs: deepFreeze(task.inputs),
    settings: deepFreeze(task.settings ?? {}),
    emit,
    log,
    random,
    now: () => task.now,
    fetch: (url: unknown, init?: unknown) =>
      mediate(
        () => ({ what: 'fetch', request: fetchRequest(url, init) }),
        (value) => fetchAnswer(String(url), value),
      ) as Promise<FetchAnswer>,
    llm: (request: unknown) =>
      mediate(
        () => ({ what: 'llm', request: llmRequest(request) }),
        (value) => deepFreeze(value),
      ) as Promise<AgentLlmResponse>,
    bus,
  });

  function install(global: AgentGlobals): void {
    // Replays must agree with the original run, so the ambient clock and random are the agent's
    // virtual clock and seeded generator too, not just ctx.now and ctx.random.
    const RealDate = global.Date;
    const now = task.now;
    class VirtualDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(now);
        else super(...(args as [string]));
      }
      static override now(): number {
        return now;
      }
    }
    global.Date = VirtualDate as DateConstructor;
    global.Math.random = random;
    // console.* lands in the run's log, where the author will look for it.
    global.console = Object.freeze({ log, info: log, warn: log, error: log, debug: log });
    // Timers wait in real time (examples wait to show progress); a throw in one fails the run.
    // Only the string form, which is eval, is refused. setInterval is setTimeout again and again,
    // so a host lends one kind of timer only.
    const callback = (name: string, handler: unknown, args: unknown[]): (() => void) => {
      if (typeof handler !== 'function')
        throw new AgentError(`Agents cannot generate code at run time: ${name} needs a function, not a string.`);
      return () => {
        try {
          (handler as (...a: unknown[]) => void)(...args);
        } catch (error) {
          failed?.(reasonFor(error));
        }
      };
    };
    const delayOf = (ms: unknown): number => (typeof ms === 'number' && ms > 0 ? ms : 0);
    const intervals = new Map<number, unknown>();
    let lastInterval = 0;
    const timers: Record<string, unknown> = {
      setTimeout(handler: unknown, ms?: unknown, ...args: unknown[]): unknown {
        return hooks.setTimeout(callback('setTimeout', handler, args), delayOf(ms));
      },
      clearTimeout(id: unknown): void {
        hooks.clearTimeout(id);
      },
      setInterval(handler: unknown, ms?: unknown, ...args: unknown[]): number {
        const tick = callback('setInterval', handler, args);
        const id = ++lastInterval;
        const again = (): void => {
          intervals.set(
            id,
            hooks.setTimeout(() => {
              again();
              tick();
            }, delayOf(ms)),
          );
        };
        again();
        return id;
      },
      clearInterval(id: unknown): void {
        if (typeof id !== 'number' || !intervals.has(id)) return;
        hooks.clearTimeout(intervals.get(id));
        intervals.delete(id);
      },
      queueMicrotask(handler: unknown): void {
        const run = callback('queueMicrotask', handler, []);
        void Promise.resolve().then(run);
      },
    };
    for (const name of Object.keys(timers)) {
      Object.defineProperty(global, name, {
        value: timers[name],
        writable: false,
        configurable: false,
        enumerable: true,
      });
    }
  }

  function entryPoint(exports: Record<string, unknown>): ((c: AgentContext) => unknown) | string {
    const entry = task.entry;
    if (entry === undefined || entry === null) {
      const main = exports['default'];
      return typeof main === 'function' ? (main as (c: AgentContext) => unknown) : sentences.noDefault;
    }
    const kind = String(entry.kind);
    const kinds = exports['kinds'];
    // Own properties only: kinds['constructor'] must not find Object.
    const main =
      typeof kinds === 'object' && kinds !== null && Object.prototype.hasOwnProperty.call(kinds, kind)
        ? (kinds as Record<string, unknown>)[kind]
        : undefined;
    return typeof main === 'function'
      ? (main as (c: AgentContext) => unknown)
      : `the extension's code has no function for kind “${kind}” (exports.kinds['${kind}']).`;
  }

  function run(factory: ModuleFactory): Promise<AgentOutcome> {
    return new Promise<AgentOutcome>((resolve) => {
      const settle = (outcome: AgentOutcome): void => {
        if (done) return;
        done = true;
        resolve(outcome);
      };
      failed = (reason) => settle({ ok: false, reason });
      const start = async (): Promise<AgentOutcome> => {
        const module = { exports: {} as Record<string, unknown> };
        factory(module.exports, module, () => {
          throw new AgentError(sentences.noModules);
        });
        const main = entryPoint(module.exports);
        if (typeof main === 'string') return { ok: false, reason: main };
        await main(ctx);
        return { ok: true, emitted };
      };
      start().then(settle, (error: unknown) => settle({ ok: false, reason: reasonFor(error) }));
    });
  }

  return { ctx, install, run };
}
