import type { AgentTask } from '../src/core/conductor/ports';
import { MAX_LOG_LINE_CHARS, MAX_LOG_LINES, type FromSandbox, type ReplyMessage, type RunMessage, type SandboxOutcome } from '../src/protocol/sandboxProtocol';
import { createMediatedCalls, type MediatedCalls } from './sandboxCalls';

/**
 * One sandbox: runs exactly one agent, then the pool terminates it. Spawn → work → resolve → die.
 *
 * Order matters, and is the whole security argument:
 *  1. at load, before any agent code exists, capture what we need (the real postMessage, the
 *     timers, structuredClone, the Function constructor) in this module's closure;
 *  2. lock down the global scope: every route to the network, storage, other workers or tabs and
 *     the studio becomes a non-configurable getter that throws a sentence a person can act on;
 *  3. on `run`, compile the agent's code, THEN disable run-time code generation, THEN call it.
 * The only way out is the captured postMessage, and the worker alone posts with it: ctx.fetch and
 * ctx.llm (./sandboxCalls.ts) post a `call` and wait for the pool's trusted `reply`, so the
 * conductor makes, checks and journals every request. Agent code cannot post, and it cannot forge a
 * reply: the listener believes only trusted events (a synthetic dispatchEvent is not one).
 * Agent code can still wreck its own realm (patch prototypes, loop forever); that only spoils its
 * own result, which the pool validates, and the pool kills the isolate at the deadline.
 */

const scope = globalThis as unknown as Record<string, unknown>;
const post = (scope['postMessage'] as (message: FromSandbox) => void).bind(globalThis);
const listen = (scope['addEventListener'] as (type: string, fn: (event: Event) => void) => void).bind(globalThis);
const clone = structuredClone;
const apply = Reflect.apply;
const defineProperty = Object.defineProperty;
const CompileFunction = Function;
// Read through the real getter, so a patched MessageEvent.prototype cannot change what a run sees.
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply and the event as `this`
const readData = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')?.get as (this: MessageEvent) => unknown;
const CTX_API = 'ctx.inputs, ctx.settings, ctx.emit, ctx.log, ctx.random, ctx.now, ctx.fetch and ctx.llm';
const CTX_HINT = `Use only the ctx API: ${CTX_API}.`;

class SandboxViolation extends Error {
  override readonly name = 'SandboxViolation';
}

// ---------------------------------------------------------------------------------------------
// 2. Lockdown
// ---------------------------------------------------------------------------------------------

/** Routes out of the isolate, each with the words an agent author sees when they try it. */
const DENIED: Record<string, string> = {
  ...named('the network', ['fetch', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'WebTransport', 'EventSource', 'FontFace', 'fonts', 'RTCPeerConnection']),
  ...named('storage', ['indexedDB', 'caches', 'webkitRequestFileSystem', 'webkitRequestFileSystemSync', 'webkitResolveLocalFileSystemURL', 'webkitResolveLocalFileSystemSyncURL']),
  ...named('other workers or tabs', ['BroadcastChannel', 'Worker', 'SharedWorker', 'MessageChannel']),
  ...named('the studio directly', ['postMessage', 'close']),
  ...named('navigator (it reaches storage, locks, beacons and devices)', ['navigator']),
  ...named('scripts from elsewhere', ['importScripts']),
  ...named('notifications', ['Notification']),
};

function named(what: string, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, `Agents cannot use ${what} (${name}). ${CTX_HINT}`]));
}

/**
 * Everything else a worker global may hold is blocked too unless listed here, so an API Chromium
 * adds next year is closed by default. ECMAScript built-ins plus inert web utilities.
 */
const ALLOWED = new Set(
  (
    'Object Function Array Number parseFloat parseInt Infinity NaN undefined Boolean String Symbol Date Promise RegExp ' +
    'Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError SuppressedError globalThis JSON Math Intl ' +
    'ArrayBuffer SharedArrayBuffer Atomics Uint8Array Int8Array Uint16Array Int16Array Uint32Array Int32Array Float16Array Float32Array ' +
    'Float64Array Uint8ClampedArray BigUint64Array BigInt64Array DataView Map BigInt Set WeakMap WeakSet Proxy Reflect ' +
    'FinalizationRegistry WeakRef Iterator DisposableStack AsyncDisposableStack decodeURI decodeURIComponent encodeURI ' +
    'encodeURIComponent escape unescape eval isFinite isNaN WebAssembly console self location origin isSecureContext ' +
    'crossOriginIsolated performance crypto Crypto SubtleCrypto CryptoKey TextEncoder TextDecoder TextEncoderStream ' +
    'TextDecoderStream URL URLSearchParams URLPattern atob btoa structuredClone setTimeout clearTimeout setInterval ' +
    'clearInterval queueMicrotask reportError AbortController AbortSignal DOMException Event EventTarget ErrorEvent ' +
    'Blob File ReadableStream WritableStream TransformStream ByteLengthQueuingStrategy CountQueuingStrategy ' +
    'CompressionStream DecompressionStream ReadableStreamDefaultReader WritableStreamDefaultWriter ' +
    'addEventListener removeEventListener dispatchEvent constructor'
  ).split(' '),
);

function block(owner: object, name: string, message: string): void {
  // Delete every copy up the global's own chain, so `Object.getPrototypeOf(self)` finds nothing…
  for (let o: object | null = owner; o && o !== EventTarget.prototype && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    if (Object.prototype.hasOwnProperty.call(o, name)) Reflect.deleteProperty(o, name);
  }
  // …then a non-configurable getter, so agent code can neither read nor restore it.
  defineProperty(owner, name, {
    get() {
      throw new SandboxViolation(message);
    },
    configurable: false,
    enumerable: false,
  });
}

/** Timers stay (agents may await a delay); only the string form, which is eval, goes. */
function requireFunctionHandler(name: 'setTimeout' | 'setInterval'): void {
  const original = scope[name] as (...args: unknown[]) => number;
  const guarded = function (handler: unknown, ...rest: unknown[]): number {
    if (typeof handler !== 'function') throw new SandboxViolation(`Agents cannot generate code at run time: ${name} needs a function, not a string.`);
    return apply(original, globalThis, [handler, ...rest]);
  };
  defineProperty(scope, name, { value: guarded, writable: false, configurable: false, enumerable: true });
}

function lockDownGlobals(): void {
  const chain: object[] = [];
  for (let o: object | null = scope; o && o !== EventTarget.prototype; o = Object.getPrototypeOf(o) as object | null) chain.push(o);
  const names = new Set(chain.flatMap((o) => Object.getOwnPropertyNames(o)));
  for (const name of Object.keys(DENIED)) names.add(name);
  for (const name of names) {
    const denied = DENIED[name];
    if (denied !== undefined) block(scope, name, denied);
    else if (!ALLOWED.has(name) && !name.startsWith('on')) block(scope, name, `Agents cannot use ${name}. ${CTX_HINT}`);
  }
  requireFunctionHandler('setTimeout');
  requireFunctionHandler('setInterval');
}

/** After the agent's code is compiled, no more code may be made from strings. */
function lockDownCodeGeneration(): void {
  const message = `Agents cannot generate code at run time (eval, Function, import()). ${CTX_HINT}`;
  const refuse = function Function(): never {
    throw new SandboxViolation(message);
  };
  // Keep `x instanceof Function` true for ordinary functions.
  defineProperty(refuse, 'prototype', { value: Function.prototype });
  const samples = [function () {}, async function () {}, function* () {}, async function* () {}];
  for (const sample of samples) {
    defineProperty(Object.getPrototypeOf(sample) as object, 'constructor', { value: refuse, writable: false, configurable: false });
  }
  defineProperty(scope, 'Function', { value: refuse, writable: false, configurable: false });
  block(scope, 'eval', message);
}

// ---------------------------------------------------------------------------------------------
// 3. One run
// ---------------------------------------------------------------------------------------------

/**
 * Dynamic import() would fetch a module past every lock above, so code that contains it is refused
 * before it is compiled. Comments (including HTML-like ones) may sit between `import` and `(`.
 */
const DYNAMIC_IMPORT = /(?<![\w$])import(?:\s|\/\*[\s\S]*?\*\/|\/\/.*|<!--.*|-->.*)*\(/;

function describeThrown(thrown: unknown): string {
  try {
    if (thrown instanceof Error) return thrown.message || thrown.name;
    return String(thrown);
  } catch {
    return 'an unprintable value';
  }
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

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Date.now(), new Date() and Math.random() answer from the agent's virtual time and seed. */
function installVirtualTime(now: number, random: () => number): void {
  const RealDate = Date;
  class VirtualDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now);
      else super(...(args as [string]));
    }
    static override now(): number {
      return now;
    }
  }
  scope['Date'] = VirtualDate;
  Math.random = random;
}

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `exports.default` for a script model; `exports.kinds[kind]` for an extension's kind. */
function entryPoint(exports: Record<string, unknown>, entry: AgentTask['entry']): ((ctx: unknown) => unknown) | string {
  if (entry === undefined) {
    const main = exports['default'];
    return typeof main === 'function' ? (main as (ctx: unknown) => unknown) : "the model's code must `export default` a function that takes ctx.";
  }
  const kind = String(entry.kind);
  const kinds = exports['kinds'];
  // Own properties only: kinds['constructor'] must not find Object.
  const main = typeof kinds === 'object' && kinds !== null && Object.prototype.hasOwnProperty.call(kinds, kind) ? (kinds as Record<string, unknown>)[kind] : undefined;
  return typeof main === 'function' ? (main as (ctx: unknown) => unknown) : `the extension's code has no function for kind “${kind}” (exports.kinds['${kind}']).`;
}

async function runAgent(taskId: string, task: AgentTask, calls: MediatedCalls, finish: (outcome: SandboxOutcome) => void): Promise<void> {
  if (DYNAMIC_IMPORT.test(task.code)) {
    return finish({ ok: false, reason: `its code uses dynamic import(), which could reach the network. Models cannot import modules; use only the ctx API: ${CTX_API}.` });
  }
  let factory: (exports: object, module: object, require: (id: string) => never) => void;
  try {
    factory = new CompileFunction('exports', 'module', 'require', task.code) as typeof factory;
  } catch (error) {
    return finish({ ok: false, reason: `its code does not compile: ${describeThrown(error)}` });
  }
  lockDownCodeGeneration();

  const emitted: Array<{ port: string; value: unknown }> = [];
  let logLines = 0;
  const log = (...args: unknown[]): void => {
    logLines++;
    if (logLines > MAX_LOG_LINES) return;
    const line = logLines === MAX_LOG_LINES ? `… further log lines were dropped (at most ${MAX_LOG_LINES} are kept)` : args.map(stringify).join(' ');
    post({ type: 'log', taskId, line: line.slice(0, MAX_LOG_LINE_CHARS) });
  };
  let done = false;
  const ports = [...task.outputPorts];
  const ctx = Object.freeze({
    agentId: task.agentId,
    inputs: deepFreeze(clone(task.inputs)),
    settings: deepFreeze(clone(task.settings ?? {})),
    emit(port: string, value: unknown): void {
      if (done) throw new SandboxViolation(`ctx.emit('${port}', …) was called after the model finished. Await your work before returning.`);
      if (!ports.includes(port)) throw new SandboxViolation(`ctx.emit: “${port}” is not an output of this model. Outputs: ${ports.join(', ') || '(none)'}.`);
      try {
        emitted.push({ port, value: clone(value) });
      } catch (error) {
        throw new SandboxViolation(`ctx.emit('${port}', …): the value cannot leave the sandbox (${describeThrown(error)}). Emit plain data: text, numbers, booleans, arrays and plain objects.`);
      }
    },
    log,
    random: seededRandom(task.seed),
    now: () => task.now,
    fetch: (url: unknown, init?: unknown) => calls.fetch(url, init),
    llm: (request: unknown) => calls.llm(request),
  });
  // Replays must agree with the original run, so the ambient clock and random are the agent's
  // virtual clock and seeded generator too, not just ctx.now and ctx.random.
  installVirtualTime(task.now, ctx.random);
  // console.* lands in the run's log, where the author will look for it.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = log;

  try {
    const module = { exports: {} as Record<string, unknown> };
    factory(module.exports, module, () => {
      throw new SandboxViolation(`Models cannot import modules; use only the ctx API: ${CTX_API}.`);
    });
    const main = entryPoint(module.exports, task.entry);
    if (typeof main === 'string') return finish({ ok: false, reason: main });
    await main(ctx);
    done = true;
    finish({ ok: true, emitted });
  } catch (error) {
    done = true;
    finish({ ok: false, reason: `it threw: ${describeThrown(error)}` });
  }
}

function isRunMessage(data: unknown): data is RunMessage {
  const m = data as Partial<RunMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'run' && typeof m.taskId === 'string' && typeof m.task?.code === 'string';
}

function isReplyMessage(data: unknown): data is ReplyMessage {
  const m = data as Partial<ReplyMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'reply' && typeof m.taskId === 'string' && typeof m.callId === 'number' && typeof m.reply === 'object' && m.reply !== null;
}

let started = false;
let finished = false;
let currentTaskId = '';
let calls: MediatedCalls | null = null;

function finish(outcome: SandboxOutcome): void {
  if (finished) return;
  finished = true;
  try {
    post({ type: 'result', taskId: currentTaskId, outcome });
  } catch (error) {
    post({ type: 'result', taskId: currentTaskId, outcome: { ok: false, reason: `its result cannot leave the sandbox (${describeThrown(error)}). Emit plain data.` } });
  }
}

// Synthetic events (self.dispatchEvent from agent code) are ignored: only the pool can start a
// run or answer a call. Before the run only `run` counts; after it, only `reply`s for this task.
listen('message', (event) => {
  if (!event.isTrusted) return;
  const data: unknown = apply(readData, event, []);
  if (started) {
    if (isReplyMessage(data) && data.taskId === currentTaskId) calls?.settle(data.callId, data.reply);
    return;
  }
  if (!isRunMessage(data)) return;
  started = true;
  currentTaskId = data.taskId;
  calls = createMediatedCalls(data.taskId, post, () => finished);
  void runAgent(data.taskId, data.task, calls, finish);
});
// A throw from a stray timer callback is the agent's failure, reported in words, not a crash.
listen('error', (event) => {
  if (!started) return;
  event.preventDefault();
  finish({ ok: false, reason: `it threw: ${describeThrown((event as ErrorEvent).error ?? (event as ErrorEvent).message)}` });
});

lockDownGlobals();
post({ type: 'ready' });
