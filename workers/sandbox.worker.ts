import type { AgentTask } from '../src/core/conductor/ports';
import {
  AGENT_CONTRACT,
  AGENT_SENTENCES,
  DENIED_GLOBALS,
  doesNotCompile,
  engineLimit,
  usesDynamicImport,
} from '../src/core/agents/agentContract';
import { createAgentContext, type AgentGlobals, type ModuleFactory } from '../src/core/agents/createAgentContext';
import { lockCodeGeneration } from '../src/core/agents/lockCodeGeneration';
import { seededRandom } from '../src/core/agents/seededRandom';
import type { FromSandbox, ReplyMessage, RunMessage, SandboxOutcome } from '../src/protocol/sandboxProtocol';
import { createCallPort, type CallPort } from './sandboxCalls';

/**
 * One sandbox: runs exactly one agent, then the pool terminates it. Spawn → work → resolve → die.
 *
 * Order matters, and is the whole security argument:
 *  1. at load, before any agent code exists, capture what we need (the real postMessage, the
 *     timers, structuredClone, the Function constructor) in this module's closure;
 *  2. lock down the global scope: every route to the network, storage, other workers or tabs and
 *     the studio becomes a non-configurable getter that throws a sentence a person can act on;
 *  3. on `run`, compile the agent's code, THEN disable run-time code generation, THEN call it.
 * The ctx itself is the shared implementation every host runs (src/core/agents/createAgentContext.ts):
 * this worker lends it the captured postMessage (log lines, calls) and the real timers.
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
const apply = Reflect.apply;
const realSetTimeout = setTimeout.bind(globalThis);
const realClearTimeout = clearTimeout.bind(globalThis);
const defineProperty = Object.defineProperty;
const CompileFunction = Function;
const CTX_HINT = AGENT_SENTENCES.ctxHint;
// Read through the real getter, so a patched MessageEvent.prototype cannot change what a run sees.
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply and the event as `this`
const readData = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')?.get as (
  this: MessageEvent,
) => unknown;

class SandboxViolation extends Error {
  override readonly name = 'SandboxViolation';
}

// ---------------------------------------------------------------------------------------------
// 2. Lockdown
// ---------------------------------------------------------------------------------------------

/** Routes out of the isolate, each with the words an agent author sees when they try it (the contract's). */
const DENIED = DENIED_GLOBALS;

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
  for (
    let o: object | null = owner;
    o && o !== EventTarget.prototype && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
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

function lockDownGlobals(): void {
  const chain: object[] = [];
  for (let o: object | null = scope; o && o !== EventTarget.prototype; o = Object.getPrototypeOf(o) as object | null)
    chain.push(o);
  const names = new Set(chain.flatMap((o) => Object.getOwnPropertyNames(o)));
  for (const name of Object.keys(DENIED)) names.add(name);
  for (const name of names) {
    const denied = DENIED[name];
    if (denied !== undefined) block(scope, name, denied);
    else if (!ALLOWED.has(name) && !name.startsWith('on')) block(scope, name, `Agents cannot use ${name}. ${CTX_HINT}`);
  }
}

// ---------------------------------------------------------------------------------------------
// 3. One run
// ---------------------------------------------------------------------------------------------

function describeThrown(thrown: unknown): string {
  try {
    if (thrown instanceof Error) return thrown.message || thrown.name;
    return String(thrown);
  } catch {
    return 'an unprintable value';
  }
}

async function runAgent(
  taskId: string,
  task: AgentTask,
  calls: CallPort,
  finish: (outcome: SandboxOutcome) => void,
): Promise<void> {
  if (usesDynamicImport(task.code)) return finish({ ok: false, reason: AGENT_SENTENCES.dynamicImport });
  let factory: ModuleFactory;
  try {
    factory = new CompileFunction('exports', 'module', 'require', task.code) as ModuleFactory;
  } catch (error) {
    return finish({ ok: false, reason: doesNotCompile(describeThrown(error)) });
  }
  lockCodeGeneration(scope, AGENT_SENTENCES.codeGeneration);
  const agent = createAgentContext(task, {
    contract: AGENT_CONTRACT,
    seededRandom,
    engineLimit,
    log: (line) => post({ type: 'log', taskId, line }),
    call: (call) => calls.call(call),
    setTimeout: realSetTimeout,
    clearTimeout: (id) => realClearTimeout(id as number),
  });
  agent.install(scope as unknown as AgentGlobals);
  finish(await agent.run(factory));
}

function isRunMessage(data: unknown): data is RunMessage {
  const m = data as Partial<RunMessage> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.type === 'run' &&
    typeof m.taskId === 'string' &&
    typeof m.task?.code === 'string'
  );
}

function isReplyMessage(data: unknown): data is ReplyMessage {
  const m = data as Partial<ReplyMessage> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.type === 'reply' &&
    typeof m.taskId === 'string' &&
    typeof m.callId === 'number' &&
    typeof m.reply === 'object' &&
    m.reply !== null
  );
}

let started = false;
let finished = false;
let currentTaskId = '';
let calls: CallPort | null = null;

function finish(outcome: SandboxOutcome): void {
  if (finished) return;
  finished = true;
  try {
    post({ type: 'result', taskId: currentTaskId, outcome });
  } catch (error) {
    post({
      type: 'result',
      taskId: currentTaskId,
      outcome: {
        ok: false,
        reason: `its result cannot leave the sandbox (${describeThrown(error)}). Emit plain data.`,
      },
    });
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
  calls = createCallPort(data.taskId, post);
  void runAgent(data.taskId, data.task, calls, finish);
});
// A throw from a stray timer callback is the agent's failure, reported in words, not a crash.
listen('error', (event) => {
  if (!started) return;
  event.preventDefault();
  const error: unknown = (event as ErrorEvent).error;
  const limit = error instanceof Error ? engineLimit(error.name, error.message) : null;
  finish({
    ok: false,
    reason: limit ? AGENT_SENTENCES[limit] : `it threw: ${describeThrown(error ?? (event as ErrorEvent).message)}`,
  });
});

lockDownGlobals();
post({ type: 'ready' });
