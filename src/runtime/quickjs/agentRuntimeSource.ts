import { AGENT_CONTRACT, AGENT_SENTENCES, DENIED_GLOBALS, engineLimit } from '../../core/agents/agentContract';
import { createAgentContext } from '../../core/agents/createAgentContext';
import { lockCodeGeneration } from '../../core/agents/lockCodeGeneration';
import { seededRandom } from '../../core/agents/seededRandom';

/**
 * The script a QuickJS isolate runs before a model's code. It is built from the SOURCE TEXT of the
 * very functions the browser sandbox calls (createAgentContext, seededRandom, engineLimit,
 * lockCodeGeneration), so the ctx semantics have one implementation in every host. Those functions
 * are self-contained by design (each reads only its parameters), which is what makes their text
 * runnable here; the conformance suite proves it on every change.
 *
 * The script reads the task and the host's functions from three globals, deletes them (agent code
 * never sees the host's functions, only what ctx wraps around them), installs the agent's Date,
 * Math.random, console and timers, answers the denied globals with the contract's sentences, and
 * evaluates to `start(factory)`: lock code generation, run the model, resolve with the outcome as
 * JSON.
 */
export const AGENT_RUNTIME_SOURCE = `(() => {
  'use strict';
  const host = globalThis.__agentHost;
  const task = JSON.parse(globalThis.__agentTask);
  delete globalThis.__agentHost;
  delete globalThis.__agentTask;
  const contract = ${JSON.stringify(AGENT_CONTRACT)};
  const denied = ${JSON.stringify(DENIED_GLOBALS)};
  const seededRandom = (${seededRandom.toString()});
  const engineLimit = (${engineLimit.toString()});
  const lockCodeGeneration = (${lockCodeGeneration.toString()});
  const createAgentContext = (${createAgentContext.toString()});
  const agent = createAgentContext(task, {
    contract,
    seededRandom,
    engineLimit,
    log: host.log,
    call: (call) => host.call(JSON.stringify(call)).then((reply) => JSON.parse(reply)),
    setTimeout: host.setTimeout,
    clearTimeout: host.clearTimeout,
  });
  agent.install(globalThis);
  for (const name of Object.keys(denied)) {
    const sentence = denied[name];
    Object.defineProperty(globalThis, name, { get() { throw new Error(sentence); }, configurable: false, enumerable: false });
  }
  return (factory) => {
    lockCodeGeneration(globalThis, ${JSON.stringify(AGENT_SENTENCES.codeGeneration)});
    return agent.run(factory).then((outcome) => JSON.stringify(outcome));
  };
})()`;
