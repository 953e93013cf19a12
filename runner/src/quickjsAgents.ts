import { newQuickJSWASMModule, shouldInterruptAfterDeadline, type QuickJSContext, type QuickJSHandle, type QuickJSWASMModule } from 'quickjs-emscripten';
import type { AgentResult, AgentRunner, AgentTask } from '../../src/core/conductor/ports';

/**
 * Script agents on the runner, in QuickJS compiled to WebAssembly. Why QuickJS and not isolated-vm:
 * it needs no native build (isolated-vm compiles against each Node version's V8 headers), and a wasm
 * instance has no route to the host at all: no `require`, no process, no network, no file system.
 * What the agent can reach is exactly what is put into its context below: ctx (inputs, settings,
 * emit, log, random, now) and setTimeout. Each agent gets a fresh runtime with a memory limit, a
 * stack limit, and an interrupt at its deadline (for loops that never yield), plus a host timer for
 * agents that wait forever. ctx.fetch and ctx.llm are not offered in scripts on the runner yet.
 */

const MEMORY_LIMIT_BYTES = 64 * 1024 * 1024;
const STACK_LIMIT_BYTES = 1024 * 1024;
const MAX_LOG_LINES = 200;
const CTX_API = 'ctx.inputs, ctx.settings, ctx.emit, ctx.log, ctx.random and ctx.now';

/** Runs inside QuickJS before the model's code: builds ctx from the task's JSON, collects what the agent emits. */
const PRELUDE = String.raw`
const __task = JSON.parse(__taskJson);
const __emitted = [];
const __logs = [];
let __done = false;
function __random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function __text(v) { if (typeof v === 'string') return v; try { return JSON.stringify(v) ?? String(v); } catch { return String(v); } }
function __freeze(v) { if (v && typeof v === 'object' && !Object.isFrozen(v)) { Object.freeze(v); for (const k of Object.keys(v)) __freeze(v[k]); } return v; }
const __unavailable = (what) => () => { throw new Error(what + ' is not available to scripts on the runner. Use only ' + __ctxApi + '.'); };
const ctx = Object.freeze({
  agentId: __task.agentId,
  inputs: __freeze(__task.inputs),
  settings: __freeze(__task.settings || {}),
  emit(port, value) {
    if (__done) throw new Error("ctx.emit('" + port + "', …) was called after the model finished. Await your work before returning.");
    if (!__task.outputPorts.includes(port)) throw new Error('ctx.emit: “' + port + '” is not an output of this model. Outputs: ' + (__task.outputPorts.join(', ') || '(none)') + '.');
    __emitted.push({ port, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) });
  },
  log(...args) { if (__logs.length < ${MAX_LOG_LINES}) __logs.push(args.map(__text).join(' ').slice(0, 2000)); },
  random: __random(__task.seed),
  now: () => __task.now,
  fetch: __unavailable('ctx.fetch'),
  llm: __unavailable('ctx.llm'),
});
Date.now = () => __task.now;
Math.random = ctx.random;
globalThis.console = { log: ctx.log, info: ctx.log, warn: ctx.log, error: ctx.log, debug: ctx.log };
`;

const ENTRY = String.raw`
globalThis.__main = async () => {
  const kinds = module.exports.kinds;
  const main = __task.entry ? (kinds && Object.prototype.hasOwnProperty.call(kinds, __task.entry.kind) ? kinds[__task.entry.kind] : undefined) : module.exports.default;
  if (typeof main !== 'function') throw new Error(__task.entry ? 'the extension has no function for kind “' + __task.entry.kind + '”.' : "the model's code must export default a function that takes ctx.");
  await main(ctx);
  __done = true;
  return JSON.stringify({ emitted: __emitted, logs: __logs });
};
`;

/** The QuickJS module agents share; replaced after a runtime could not be freed (see below). */
let wasm: Promise<QuickJSWASMModule> | null = null;

export class QuickJsAgents implements AgentRunner {
  async run(task: AgentTask): Promise<AgentResult> {
    wasm ??= newQuickJSWASMModule();
    return runInQuickJs(await wasm, task);
  }
}

function describe(vm: QuickJSContext, handle: QuickJSHandle): string {
  const value: unknown = vm.dump(handle);
  handle.dispose();
  if (value && typeof value === 'object' && 'message' in value) return String((value).message);
  return String(value);
}

async function runInQuickJs(quickjs: QuickJSWASMModule, task: AgentTask): Promise<AgentResult> {
  const started = Date.now();
  const deadlineAt = started + task.deadlineMs;
  if (/(?<![\w$])import\s*\(/.test(task.code)) {
    return { ok: false, reason: `its code uses dynamic import(). Models cannot import modules; use only ${CTX_API}.`, logs: [], durationMs: 0, errorClass: 'script-error' };
  }
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(MEMORY_LIMIT_BYTES);
  runtime.setMaxStackSize(STACK_LIMIT_BYTES);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(deadlineAt));
  const vm = runtime.newContext();
  const timers = new Map<number, { timer: ReturnType<typeof setTimeout>; fn: QuickJSHandle }>();
  let nextTimer = 1;
  let settled = false;
  let settle: (result: AgentResult) => void = () => undefined;
  const outcome = new Promise<AgentResult>((resolve) => (settle = resolve));
  const logsSoFar = (): string[] => {
    try {
      const handle = vm.evalCode('JSON.stringify(__logs)');
      if (handle.error) {
        handle.error.dispose();
        return [];
      }
      const text = vm.getString(handle.value);
      handle.value.dispose();
      return JSON.parse(text) as string[];
    } catch {
      return [];
    }
  };
  const fail = (reason: string, errorClass: 'timeout' | 'script-error' = 'script-error') => {
    if (settled) return;
    settled = true;
    settle({ ok: false, reason, logs: logsSoFar(), durationMs: Date.now() - started, errorClass });
  };
  const pump = () => {
    if (settled) return;
    const jobs = runtime.executePendingJobs();
    if (jobs.error) fail(`it threw: ${describe(vm, jobs.error)}`);
  };

  const setTimeoutFn = vm.newFunction('setTimeout', (fnHandle, msHandle) => {
    if (vm.typeof(fnHandle) !== 'function') throw new Error('setTimeout needs a function.');
    const id = nextTimer++;
    const fn = fnHandle.dup();
    const ms = msHandle ? Math.max(0, Number(vm.getNumber(msHandle)) || 0) : 0;
    const timer = setTimeout(() => {
      timers.delete(id);
      if (!settled) {
        const result = vm.callFunction(fn, vm.undefined);
        if (result.error) fail(`it threw: ${describe(vm, result.error)}`);
        else result.value.dispose();
        pump();
      }
      fn.dispose();
    }, ms);
    timers.set(id, { timer, fn });
    return vm.newNumber(id);
  });
  vm.setProp(vm.global, 'setTimeout', setTimeoutFn);
  setTimeoutFn.dispose();
  const clearTimeoutFn = vm.newFunction('clearTimeout', (idHandle) => {
    const id = Number(vm.getNumber(idHandle));
    const entry = timers.get(id);
    if (entry) {
      clearTimeout(entry.timer);
      entry.fn.dispose();
      timers.delete(id);
    }
  });
  vm.setProp(vm.global, 'clearTimeout', clearTimeoutFn);
  clearTimeoutFn.dispose();
  const taskJson = vm.newString(JSON.stringify({ agentId: task.agentId, inputs: task.inputs, settings: task.settings ?? {}, outputPorts: task.outputPorts, seed: task.seed, now: task.now, entry: task.entry ?? null }));
  vm.setProp(vm.global, '__taskJson', taskJson);
  taskJson.dispose();
  const ctxApi = vm.newString(CTX_API);
  vm.setProp(vm.global, '__ctxApi', ctxApi);
  ctxApi.dispose();

  const deadline = setTimeout(() => fail(`it ran past its deadline of ${task.deadlineMs} ms and was stopped. Look for an endless loop, or raise the model's timeout.`, 'timeout'), task.deadlineMs);
  try {
    const source = `${PRELUDE}\nconst module = { exports: {} };\n(function (exports, module, require) {\n${task.code}\n})(module.exports, module, () => { throw new Error('Models cannot import modules; use only ${CTX_API}.'); });\n${ENTRY}`;
    const loaded = vm.evalCode(source, 'model.js');
    if (loaded.error) {
      const reason = describe(vm, loaded.error);
      fail(Date.now() >= deadlineAt ? `it ran past its deadline of ${task.deadlineMs} ms and was stopped.` : `its code does not compile or threw at load: ${reason}`, Date.now() >= deadlineAt ? 'timeout' : 'script-error');
    } else {
      loaded.value.dispose();
      const called = vm.evalCode('__main()');
      if (called.error) fail(`it threw: ${describe(vm, called.error)}`);
      else {
        const promise = called.value;
        void vm.resolvePromise(promise).then((result) => {
          promise.dispose();
          if (settled) {
            if (result.error) result.error.dispose();
            else result.value.dispose();
            return;
          }
          if (result.error) return fail(Date.now() >= deadlineAt ? `it ran past its deadline of ${task.deadlineMs} ms and was stopped.` : `it threw: ${describe(vm, result.error)}`, Date.now() >= deadlineAt ? 'timeout' : 'script-error');
          const text = vm.getString(result.value);
          result.value.dispose();
          const parsed = JSON.parse(text) as { emitted: Array<{ port: string; value: unknown }>; logs: string[] };
          settled = true;
          settle({ ok: true, emitted: parsed.emitted, logs: parsed.logs, durationMs: Date.now() - started });
        });
        pump();
      }
    }
    return await outcome;
  } finally {
    clearTimeout(deadline);
    for (const { timer, fn } of timers.values()) {
      clearTimeout(timer);
      fn.dispose();
    }
    timers.clear();
    // A runtime stopped mid-work may still hold objects; freeing it then aborts inside the WASM
    // module, which is not to be trusted after that. The agent's result is already settled: the
    // module is dropped for the garbage collector and the next agent gets a fresh one.
    try {
      vm.dispose();
      runtime.dispose();
    } catch {
      wasm = null;
    }
  }
}
