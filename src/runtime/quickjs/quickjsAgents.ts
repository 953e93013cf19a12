import {
  newQuickJSWASMModule,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSDeferredPromise,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import {
  AGENT_LIMITS,
  AGENT_SENTENCES,
  doesNotCompile,
  engineLimit,
  pastDeadline,
  usesDynamicImport,
  type AgentOutcome,
} from '../../core/agents/agentContract';
import type { AgentHost, AgentResult, AgentRunner, AgentTask, ErrorClass } from '../../core/conductor/ports';
import { callMessageSchema, CallGate, type GateReply } from '../sandboxCallGate';
import { AGENT_RUNTIME_SOURCE } from './agentRuntimeSource';

/**
 * Script agents in QuickJS compiled to WebAssembly: the host of the headless CLI
 * (`npm run test:flows`) and of the runner's script threads. Why QuickJS and not node:vm or
 * isolated-vm: a vm context is no boundary (code reaches the host through any object it is
 * handed), isolated-vm needs a native build per Node version, and a wasm instance has no route to
 * the host at all: no require, no process, no network, no file system. What an agent reaches is
 * exactly what ./agentRuntimeSource.ts builds: the shared ctx, its timers, and calls that cross
 * to the conductor's AgentHost through the same CallGate the browser's sandbox pool uses.
 *
 * Each agent gets a fresh runtime with the contract's memory and stack limits and an interrupt at
 * its deadline (for loops that never yield), plus a host timer for agents that wait forever.
 */

/** The QuickJS module agents share; replaced after a runtime could not be freed (see below). */
let wasm: Promise<QuickJSWASMModule> | null = null;

export class QuickJsAgents implements AgentRunner {
  async run(task: AgentTask, host?: AgentHost): Promise<AgentResult> {
    wasm ??= newQuickJSWASMModule();
    return runInQuickJs(await wasm, task, host);
  }
}

/** An error QuickJS threw, as its name and message. */
function dumpError(vm: QuickJSContext, handle: QuickJSHandle): { name: string; message: string } {
  const value: unknown = vm.dump(handle);
  handle.dispose();
  if (value && typeof value === 'object' && 'message' in value) {
    const { name, message } = value as { name?: unknown; message: unknown };
    return { name: typeof name === 'string' ? name : '', message: String(message) };
  }
  return { name: '', message: String(value) };
}

async function runInQuickJs(
  quickjs: QuickJSWASMModule,
  task: AgentTask,
  host: AgentHost | undefined,
): Promise<AgentResult> {
  const started = Date.now();
  if (usesDynamicImport(task.code))
    return { ok: false, reason: AGENT_SENTENCES.dynamicImport, logs: [], durationMs: 0, errorClass: 'script-error' };
  const deadlineAt = started + task.deadlineMs;
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(AGENT_LIMITS.memoryBytes);
  runtime.setMaxStackSize(AGENT_LIMITS.stackBytes);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(deadlineAt));
  const vm = runtime.newContext();
  const logs: string[] = [];
  const timers = new Map<number, { timer: ReturnType<typeof setTimeout>; fn: QuickJSHandle }>();
  const waiting = new Map<number, QuickJSDeferredPromise>();
  const owned: QuickJSHandle[] = [];
  let nextTimer = 1;
  let nextCall = 1;
  let settled = false;
  let settle: (result: AgentResult) => void = () => undefined;
  const result = new Promise<AgentResult>((resolve) => (settle = resolve));

  const end = (outcome: AgentOutcome, errorClass: ErrorClass = 'script-error'): void => {
    if (settled) return;
    settled = true;
    const durationMs = Date.now() - started;
    settle(
      outcome.ok
        ? { ok: true, emitted: outcome.emitted, logs, durationMs }
        : { ok: false, reason: outcome.reason, logs, durationMs, errorClass },
    );
  };
  /** A failure QuickJS reported to the host (not caught inside): a deadline, or an engine limit. */
  const failWith = (error: { name: string; message: string }): void => {
    if (Date.now() >= deadlineAt || error.message === 'interrupted')
      return end({ ok: false, reason: pastDeadline(task.deadlineMs) }, 'timeout');
    const limit = engineLimit(error.name, error.message);
    end({ ok: false, reason: limit ? AGENT_SENTENCES[limit] : `it threw: ${error.message}` });
  };
  const pump = (): void => {
    if (settled) return;
    const jobs = runtime.executePendingJobs();
    if (jobs.error) failWith(dumpError(vm, jobs.error));
  };

  // Answers ctx.fetch and ctx.llm through the conductor, checked again as the sandbox pool checks them.
  const gate = new CallGate(host, (reply: GateReply) => {
    const deferred = waiting.get(reply.callId);
    waiting.delete(reply.callId);
    if (!deferred || settled) return;
    const text = vm.newString(JSON.stringify(reply.reply));
    deferred.resolve(text);
    text.dispose();
    deferred.dispose();
    pump();
  });

  const hostObject = vm.newObject();
  owned.push(hostObject);
  const define = (name: string, fn: (...args: QuickJSHandle[]) => QuickJSHandle | undefined): void => {
    const handle = vm.newFunction(name, fn);
    vm.setProp(hostObject, name, handle);
    handle.dispose();
  };
  define('log', (line) => {
    if (logs.length < AGENT_LIMITS.maxLogLines && line)
      logs.push(vm.getString(line).slice(0, AGENT_LIMITS.maxLogLineChars));
    return undefined;
  });
  define('call', (json) => {
    const deferred = vm.newPromise();
    const callId = nextCall++;
    waiting.set(callId, deferred);
    let call: unknown;
    try {
      call = JSON.parse(json ? vm.getString(json) : 'null');
    } catch {
      call = null;
    }
    const parsed = callMessageSchema.safeParse({ type: 'call', taskId: task.agentId, callId, call });
    // After this function returned its promise: the gate may answer at once (a refusal).
    queueMicrotask(() => {
      if (!parsed.success) end({ ok: false, reason: 'its sandbox sent a malformed message, so it was stopped.' });
      else gate.accept(parsed.data);
    });
    return deferred.handle;
  });
  define('setTimeout', (fnHandle, msHandle) => {
    const id = nextTimer++;
    if (!fnHandle) return vm.newNumber(id);
    const fn = fnHandle.dup();
    const ms = msHandle ? Math.max(0, Number(vm.getNumber(msHandle)) || 0) : 0;
    const timer = setTimeout(() => {
      timers.delete(id);
      if (!settled) {
        const called = vm.callFunction(fn, vm.undefined);
        if (called.error) failWith(dumpError(vm, called.error));
        else called.value.dispose();
        pump();
      }
      fn.dispose();
    }, ms);
    timers.set(id, { timer, fn });
    return vm.newNumber(id);
  });
  define('clearTimeout', (idHandle) => {
    const id = idHandle ? Number(vm.getNumber(idHandle)) : 0;
    const entry = timers.get(id);
    if (entry) {
      clearTimeout(entry.timer);
      entry.fn.dispose();
      timers.delete(id);
    }
    return undefined;
  });
  vm.setProp(vm.global, '__agentHost', hostObject);
  const taskJson = vm.newString(
    JSON.stringify({
      agentId: task.agentId,
      inputs: task.inputs,
      settings: task.settings ?? {},
      outputPorts: task.outputPorts,
      seed: task.seed,
      now: task.now,
      entry: task.entry ?? null,
    }),
  );
  vm.setProp(vm.global, '__agentTask', taskJson);
  taskJson.dispose();

  const deadline = setTimeout(
    () => end({ ok: false, reason: pastDeadline(task.deadlineMs) }, 'timeout'),
    task.deadlineMs,
  );
  try {
    const prelude = vm.evalCode(AGENT_RUNTIME_SOURCE, 'agent-runtime.js');
    if (prelude.error) {
      failWith(dumpError(vm, prelude.error));
      return await result;
    }
    const start = prelude.value;
    owned.push(start);
    const compiled = vm.evalCode(`(function (exports, module, require) {\n${task.code}\n})`, 'model.js');
    if (compiled.error) {
      const error = dumpError(vm, compiled.error);
      if (Date.now() >= deadlineAt || error.message === 'interrupted') failWith(error);
      else end({ ok: false, reason: doesNotCompile(error.message) });
      return await result;
    }
    const factory = compiled.value;
    owned.push(factory);
    const called = vm.callFunction(start, vm.undefined, factory);
    if (called.error) {
      failWith(dumpError(vm, called.error));
      return await result;
    }
    const promise = called.value;
    owned.push(promise);
    void vm.resolvePromise(promise).then((outcome) => {
      if (outcome.error) return void (settled ? outcome.error.dispose() : failWith(dumpError(vm, outcome.error)));
      const text = vm.getString(outcome.value);
      outcome.value.dispose();
      const ended = JSON.parse(text) as AgentOutcome;
      // An interrupt at the deadline surfaces inside as a throw the model's promise rejects with.
      if (!ended.ok && Date.now() >= deadlineAt)
        return end({ ok: false, reason: pastDeadline(task.deadlineMs) }, 'timeout');
      end(ended);
    });
    pump();
    return await result;
  } finally {
    clearTimeout(deadline);
    for (const { timer, fn } of timers.values()) {
      clearTimeout(timer);
      fn.dispose();
    }
    timers.clear();
    for (const deferred of waiting.values()) deferred.dispose();
    waiting.clear();
    // A runtime stopped mid-work may still hold objects; freeing it then aborts inside the WASM
    // module, which is not to be trusted after that. The agent's result is already settled: the
    // module is dropped for the garbage collector and the next agent gets a fresh one.
    try {
      for (const handle of owned) if (handle.alive) handle.dispose();
      vm.dispose();
      runtime.dispose();
    } catch {
      wasm = null;
    }
  }
}
