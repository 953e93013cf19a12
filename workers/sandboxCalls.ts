import type { AgentFetchRequest, AgentFetchResponse, AgentLlmRequest, AgentLlmResponse, HostReply } from '../src/core/conductor/ports';
import { MAX_CALL_BODY_CHARS, MAX_CALL_FIELD_CHARS, MAX_CALL_HEADERS, MAX_CALLS_IN_FLIGHT, MAX_CALLS_PER_AGENT, type CallMessage, type SandboxCall } from '../src/protocol/sandboxProtocol';

/**
 * ctx.fetch and ctx.llm inside the sandbox. Neither does anything itself: each posts a `call` to
 * the pool and waits for the conductor's `reply`, so every request is made, checked and journaled
 * outside the isolate. Imported by sandbox.worker.ts, so this module runs before its lockdown, and
 * the intrinsics below are captured while they are still the real ones.
 *
 * Agent code shares this realm and can patch prototypes (Map, Object) to tamper with its own
 * calls; that only gives it answers it could have invented anyway. What it cannot do is make a
 * request the conductor does not see, or hand the pool a call the pool's schema does not accept.
 */

const RealPromise = Promise;
const RealMap = Map;
const RealError = Error;
const parseJson = JSON.parse;
const keysOf = Object.keys;
const freeze = Object.freeze;
const isArray = Array.isArray;
const isInteger = Number.isInteger;
const isFinite = Number.isFinite;

/** A mistake in how ctx.fetch or ctx.llm was called, told in words the author can act on. */
class CallRefused extends Error {
  override readonly name = 'CallRefused';
}

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface FetchAnswer extends AgentFetchResponse {
  json(): unknown;
}

export interface MediatedCalls {
  fetch(url: unknown, init?: unknown): Promise<FetchAnswer>;
  llm(request: unknown): Promise<AgentLlmResponse>;
  /** A trusted `reply` from the pool; replies for calls that are not waiting are ignored. */
  settle(callId: unknown, reply: HostReply<unknown>): void;
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    freeze(value);
    for (const key of keysOf(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** What a getter or Proxy of the agent's threw, as an Error to reject with. */
function asError(thrown: unknown): Error {
  return thrown instanceof RealError ? thrown : new RealError(String(thrown));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !isArray(value);
}

function checkString(value: unknown, what: string, max: number, example: string): string {
  if (typeof value !== 'string') throw new CallRefused(`${what} must be a string, like ${example}; it was ${typeof value}.`);
  if (value.length > max) throw new CallRefused(`${what} is ${value.length} characters long; at most ${max} are allowed.`);
  return value;
}

function fetchRequest(url: unknown, init: unknown): AgentFetchRequest {
  const request: AgentFetchRequest = { url: checkString(url, 'ctx.fetch: the url', MAX_CALL_FIELD_CHARS, "'https://example.com/data.csv'") };
  if (init === undefined) return request;
  if (!isPlainObject(init)) throw new CallRefused('ctx.fetch: the second argument must be an object like { method, headers, body }, or left out.');
  const { method, headers, body } = init;
  if (method !== undefined) {
    const text = checkString(method, 'ctx.fetch: method', 20, "'GET' or 'POST'");
    if (!/^[A-Za-z]+$/.test(text)) throw new CallRefused(`ctx.fetch: method “${text}” is not an HTTP method; use one like 'GET' or 'POST'.`);
    request.method = text.toUpperCase();
  }
  if (headers !== undefined) {
    if (!isPlainObject(headers)) throw new CallRefused("ctx.fetch: headers must be a plain object of names and text values, like { accept: 'text/csv' }.");
    const names = keysOf(headers);
    if (names.length > MAX_CALL_HEADERS) throw new CallRefused(`ctx.fetch: ${names.length} headers were given; at most ${MAX_CALL_HEADERS} are allowed.`);
    const copy: Record<string, string> = {};
    for (const name of names) {
      checkString(name, 'ctx.fetch: a header name', 200, "'accept'");
      copy[name] = checkString(headers[name], `ctx.fetch: header “${name}”`, MAX_CALL_FIELD_CHARS, "'text/csv'");
    }
    request.headers = copy;
  }
  if (body !== undefined) request.body = checkString(body, 'ctx.fetch: the body', MAX_CALL_BODY_CHARS, 'JSON.stringify(data)');
  return request;
}

function llmRequest(input: unknown): AgentLlmRequest {
  if (!isPlainObject(input)) throw new CallRefused("ctx.llm takes one object, like { model: 'summariser', prompt: 'Summarise: …' }.");
  const { model, prompt, system, maxTokens, temperature } = input;
  const name = checkString(model, 'ctx.llm: model (the name of one of this project’s LLM models)', 200, "'summariser'");
  if (name.trim() === '') throw new CallRefused('ctx.llm: model is empty; give the name of one of this project’s LLM models.');
  const request: AgentLlmRequest = { model: name, prompt: checkString(prompt, 'ctx.llm: prompt', MAX_CALL_BODY_CHARS, "'Summarise: …'") };
  if (system !== undefined) request.system = checkString(system, 'ctx.llm: system', MAX_CALL_BODY_CHARS, "'You are terse.'");
  if (maxTokens !== undefined) {
    if (typeof maxTokens !== 'number' || !isInteger(maxTokens) || maxTokens < 1 || maxTokens > 1_000_000) throw new CallRefused('ctx.llm: maxTokens must be a whole number from 1 to 1000000.');
    request.maxTokens = maxTokens;
  }
  if (temperature !== undefined) {
    if (typeof temperature !== 'number' || !isFinite(temperature) || temperature < 0 || temperature > 2) throw new CallRefused('ctx.llm: temperature must be a number from 0 to 2.');
    request.temperature = temperature;
  }
  return request;
}

function fetchAnswer(url: string, response: AgentFetchResponse): FetchAnswer {
  const { ok, status, statusText, headers, text } = response;
  return freeze({
    ok,
    status,
    statusText,
    headers: deepFreeze({ ...headers }),
    text,
    json(): unknown {
      try {
        return parseJson(text) as unknown;
      } catch (error) {
        throw new CallRefused(`ctx.fetch: the response from ${url} is not JSON (${error instanceof RealError ? error.message : String(error)}). Read .text instead.`);
      }
    },
  });
}

/**
 * The calls of one run. `post` is the real postMessage, captured before the lockdown; `finished`
 * says whether the model has returned (a call after that could never be answered).
 */
export function createMediatedCalls(taskId: string, post: (message: CallMessage) => void, finished: () => boolean): MediatedCalls {
  const waiting = new RealMap<number, Waiting>();
  let made = 0;

  function send(call: SandboxCall, answer: (value: unknown) => unknown): Promise<unknown> {
    const what = `ctx.${call.what}`;
    if (finished()) return RealPromise.reject(new CallRefused(`${what} was called after the model finished. Await your work before returning.`));
    if (waiting.size >= MAX_CALLS_IN_FLIGHT) return RealPromise.reject(new CallRefused(`${what}: ${MAX_CALLS_IN_FLIGHT} calls are already waiting for an answer, the most at once. Await some before starting more.`));
    if (made >= MAX_CALLS_PER_AGENT) return RealPromise.reject(new CallRefused(`${what}: this model already made ${MAX_CALLS_PER_AGENT} calls, the most one run may make. Split the work over more steps.`));
    const callId = ++made;
    return new RealPromise<unknown>((resolve, reject) => {
      const settleWith = (value: unknown): void => {
        try {
          resolve(answer(value));
        } catch (error) {
          reject(asError(error));
        }
      };
      waiting.set(callId, { resolve: settleWith, reject });
      post({ type: 'call', taskId, callId, call });
    });
  }

  return {
    fetch(url, init) {
      let request: AgentFetchRequest;
      try {
        request = fetchRequest(url, init);
      } catch (error) {
        return RealPromise.reject(asError(error));
      }
      return send({ what: 'fetch', request }, (value) => fetchAnswer(request.url, value as AgentFetchResponse)) as Promise<FetchAnswer>;
    },
    llm(input) {
      let request: AgentLlmRequest;
      try {
        request = llmRequest(input);
      } catch (error) {
        return RealPromise.reject(asError(error));
      }
      return send({ what: 'llm', request }, (value) => deepFreeze(value)) as Promise<AgentLlmResponse>;
    },
    settle(callId, reply) {
      if (typeof callId !== 'number') return;
      const call = waiting.get(callId);
      if (!call) return;
      waiting.delete(callId);
      if (reply.ok) call.resolve(reply.value);
      // Exactly the conductor's sentence, so the step's reason reads "it threw: <sentence>".
      else call.reject(new RealError(String(reply.message)));
    },
  };
}
