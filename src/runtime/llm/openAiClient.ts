import type { ErrorClass, LlmClient, LlmRequest, LlmResult, LlmUsage } from '../../core/conductor/ports';
import { CallWatchdog } from './callWatchdog';
import { classifyStatus, describeStatus, describeUnreachable, parseRetryAfter, serverMessage } from './llmErrors';
import { newCompletionState, readCompletionJson, readCompletionStream, type CompletionState } from './openAiStream';

const DEFAULT_STALL_MS = 20_000;

export interface OpenAiClientOptions {
  /** Looks a key up by name in this browser's key store. */
  getKey: (name: string) => Promise<string | undefined>;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A failure before `durationMs` and the usage estimate are added. */
type Failure = { errorClass: ErrorClass; reason: string; retryAfterMs?: number };

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** OpenAI's own rule of thumb (about four characters a token), for servers that report no usage. */
function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function networkDetail(error: unknown): string {
  // Node's fetch hides the useful part (ECONNREFUSED) in `cause`; browsers say only "Failed to fetch".
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof cause === 'string') return cause;
  return error instanceof Error ? error.message : String(error);
}

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

  constructor(options: OpenAiClientOptions) {
    this.getKey = options.getKey;
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

  private usageOf(request: LlmRequest, state: CompletionState): LlmUsage {
    if (state.usage) return state.usage;
    const promptChars = request.messages.reduce((sum, m) => sum + m.content.length, 0);
    return { promptTokens: estimateTokens(promptChars), completionTokens: estimateTokens(state.text.length) };
  }

  private async authorization(request: LlmRequest): Promise<{ header?: string; failure?: Failure }> {
    const name = request.apiKeyName;
    if (!name) return {};
    let key: string | undefined;
    try {
      key = await this.getKey(name);
    } catch (error) {
      return {
        failure: {
          errorClass: 'auth',
          reason: `The API key “${name}” could not be read from this browser's storage (${networkDetail(error)}). Reload the studio and try again.`,
        },
      };
    }
    if (!key)
      return {
        failure: {
          errorClass: 'auth',
          reason: `There is no API key named “${name}” in this browser. Add it under Project ▾ → API keys.`,
        },
      };
    return { header: `Bearer ${key}` };
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
    const auth = await this.authorization(request);
    if (auth.failure) return auth.failure;

    const stallMs = request.stallMs ?? DEFAULT_STALL_MS;
    const watchdog = new CallWatchdog(request.deadlineMs, stallMs);
    const timedOut = (): Failure => {
      if (watchdog.cause === 'deadline')
        return {
          errorClass: 'timeout',
          reason: `The call to ${model} took longer than its ${formatMs(request.deadlineMs)} limit and was stopped. Raise the model's timeout if it needs longer.`,
        };
      if (watchdog.heardFromServer && state.text)
        return {
          errorClass: 'timeout',
          reason: `The model stopped sending for ${formatMs(stallMs)} in the middle of its reply, so the call was stopped.`,
        };
      return {
        errorClass: 'timeout',
        reason: `The server at ${baseUrl} sent nothing for ${formatMs(stallMs)}, so the call was stopped.`,
      };
    };
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
            ...(auth.header ? { Authorization: auth.header } : {}),
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
      watchdog.dispose();
    }
  }
}
