import type { LlmClient, LlmRequest, LlmResult, LlmUsage } from '../../core/conductor/ports';
import { CallsInFlight, CallWatchdog } from './callWatchdog';
import {
  estimatePromptTokens,
  estimateTokens,
  networkDetail,
  readApiKey,
  timeoutFailure,
  type CallFailure,
} from './callFailures';
import { classifyStatus, describeStatus, describeUnreachable, parseRetryAfter, serverMessage } from './llmErrors';
import { newCompletionState, readCompletionJson, readCompletionStream, type CompletionState } from './openAiStream';

const DEFAULT_STALL_MS = 20_000;

export interface OpenAiClientOptions {
  /** Looks a key up by name in this browser's key store. */
  getKey: (name: string) => Promise<string | undefined>;
  fetch?: typeof fetch;
  now?: () => number;
  /** Where its calls are tracked by agent, so they can be cancelled; shared with the other adapters. */
  calls?: CallsInFlight;
}

type Failure = CallFailure;

/**
 * Chat completions against any OpenAI-compatible server (OpenAI, Ollama, LM Studio, vLLM, llama.cpp),
 * streamed so a step shows its text as it arrives. Every way a call can go wrong ends as a classed
 * failure with a sentence for a person, never as a throw: the conductor records it and its retry
 * policy decides by class.
 */
export class OpenAiClient implements LlmClient {
  private readonly getKey: OpenAiClientOptions['getKey'];
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly calls: CallsInFlight;

  constructor(options: OpenAiClientOptions) {
    this.getKey = options.getKey;
    this.calls = options.calls ?? new CallsInFlight();
    // Bound, because a bare window.fetch called as a method of another object throws "Illegal invocation".
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? (() => Date.now());
  }

  async complete(request: LlmRequest, onDelta?: (textSoFar: string) => void): Promise<LlmResult> {
    const started = this.now();
    const state = newCompletionState();
    let failure: Failure | undefined;
    try {
      failure = await this.call(request, state, onDelta);
    } catch (error) {
      // call() maps what it expects; this is the promise that complete() never throws.
      failure = {
        errorClass: 'network',
        reason: `The call to ${request.model} failed unexpectedly: ${networkDetail(error)}`,
      };
    }
    const durationMs = this.now() - started;
    if (!failure) {
      return {
        ok: true,
        text: state.text,
        usage: this.usageOf(request, state),
        durationMs,
        finishReason: state.finishReason ?? 'stop',
      };
    }
    // Tokens already streamed were paid for, so a budget still counts them.
    const usage = state.usage || state.text ? { usage: this.usageOf(request, state) } : {};
    return { ok: false, ...failure, durationMs, partialText: state.text, ...usage };
  }

  /** Aborts this agent's calls in flight; each settles as a failure with the usage streamed so far. */
  cancel(agentId: string): void {
    this.calls.cancel(agentId);
  }

  private usageOf(request: LlmRequest, state: CompletionState): LlmUsage {
    if (state.usage) return state.usage;
    return {
      promptTokens: estimatePromptTokens(request.messages),
      completionTokens: estimateTokens(state.text.length),
    };
  }

  /** Runs the call, filling `state`; resolves to the failure, or undefined when it succeeded. */
  private async call(
    request: LlmRequest,
    state: CompletionState,
    onDelta?: (textSoFar: string) => void,
  ): Promise<Failure | undefined> {
    const { baseUrl, model } = request;
    let url: string;
    try {
      url = new URL(`${baseUrl.replace(/\/+$/, '')}/chat/completions`).href;
    } catch {
      return {
        errorClass: 'bad-request',
        reason: `The base URL “${baseUrl}” is not a valid address. Use one like http://localhost:11434/v1.`,
      };
    }
    const auth = await readApiKey(this.getKey, request.apiKeyName);
    if (auth.failure) return auth.failure;

    const stallMs = request.stallMs ?? DEFAULT_STALL_MS;
    const watchdog = new CallWatchdog(request.deadlineMs, stallMs);
    const untrack = this.calls.track(request.agentId, watchdog);
    const timedOut = () =>
      timeoutFailure(watchdog, { model, baseUrl, deadlineMs: request.deadlineMs, stallMs }, state.text);
    const showText = (textSoFar: string) => {
      try {
        onDelta?.(textSoFar);
      } catch {
        // A broken progress callback must not break the call it reports on.
      }
    };

    try {
      let response: Response;
      try {
        response = await this.fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'text/event-stream',
            ...(auth.key !== undefined ? { Authorization: `Bearer ${auth.key}` } : {}),
          },
          body: JSON.stringify({
            model,
            messages: request.messages,
            stream: true,
            stream_options: { include_usage: true },
            ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          }),
          signal: watchdog.signal,
        });
      } catch (error) {
        return watchdog.cause
          ? timedOut()
          : { errorClass: 'network', reason: describeUnreachable(baseUrl, networkDetail(error)) };
      }
      watchdog.touch();

      if (!response.ok) {
        const body = await response.text().catch(() => '');
        const retryAfterMs =
          response.status === 429 ? parseRetryAfter(response.headers.get('retry-after'), this.now()) : undefined;
        if (watchdog.cause) return timedOut();
        const message = serverMessage(body);
        return {
          errorClass: classifyStatus(response.status),
          reason: describeStatus(response.status, baseUrl, model, message),
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        };
      }

      try {
        if ((response.headers.get('content-type') ?? '').includes('application/json')) {
          readCompletionJson(state, await response.text());
          if (state.text) showText(state.text);
        } else if (response.body) {
          await readCompletionStream(response.body, state, () => watchdog.touch(), showText);
        }
      } catch (error) {
        if (watchdog.cause) return timedOut();
        return {
          errorClass: 'network',
          reason: `The connection to ${baseUrl} dropped in the middle of the reply (${networkDetail(error)}). Try again.`,
        };
      }
      if (state.failure)
        return {
          errorClass: 'server',
          reason: `The server at ${baseUrl} failed in the middle of the reply: ${state.failure}`,
        };
      if (!state.done && state.finishReason === undefined) {
        return {
          errorClass: 'network',
          reason: `The connection to ${baseUrl} closed before the reply finished. Try again.`,
        };
      }
      return undefined;
    } finally {
      untrack();
      watchdog.dispose();
    }
  }
}
