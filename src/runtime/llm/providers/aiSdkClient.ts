import { streamText } from 'ai';
import type { LlmProvider, LlmRequest, LlmResult, LlmUsage } from '../../../core/conductor/ports';
import { CallWatchdog, type CallsInFlight } from '../callWatchdog';
import { estimatePromptTokens, estimateTokens, readApiKey, timeoutFailure, type CallFailure } from '../callFailures';
import { classifyAiSdkError, wrongFormat, WrongWireFormatError, type CallPlace } from './aiSdkErrors';
import { createWireWatch } from './wireWatch';
import { PROVIDER_MODELS, providerOptionsOf, STREAM_CONTENT_TYPES } from './providerModels';

const DEFAULT_STALL_MS = 20_000;

// The SDK's documented switch for its console warnings (a setting a provider treats in its own
// way, a model name it does not know): nothing a person running a flow can act on. A host that
// wants them sets it first.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS ??= false;

export type NativeProvider = Exclude<LlmProvider, 'openai-compatible'>;

export interface AiSdkCallOptions {
  getKey: (name: string) => Promise<string | undefined>;
  fetch: typeof fetch;
  now: () => number;
  /** Where the call is tracked by agent, so a stopped run can cancel it. */
  calls?: CallsInFlight;
}

/** What has come back so far, kept when the call fails part-way (streamed tokens were paid for). */
interface Progress {
  text: string;
  usage: Partial<LlmUsage>;
  finishReason: string | undefined;
  /** The provider's own word for why it stopped; undefined when the stream never said. */
  rawFinishReason: string | undefined;
}

/**
 * A fetch that feeds the watchdog with every network chunk (keep-alive pings included, so a
 * thinking model is not taken for a stalled one) and refuses a reply in another provider's format
 * before the provider package tries to parse it.
 */
function watchedFetch(
  base: typeof fetch,
  watchdog: CallWatchdog,
  provider: NativeProvider,
  wire: ReturnType<typeof createWireWatch>,
): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    watchdog.touch();
    if (!response.ok || !response.body) return response;
    const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
    if (!STREAM_CONTENT_TYPES[provider].some((type) => contentType.includes(type))) {
      await response.body.cancel().catch(() => undefined);
      throw new WrongWireFormatError(contentType);
    }
    const decoder = new TextDecoder();
    const touched = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          watchdog.touch();
          wire.feed(decoder.decode(chunk, { stream: true }));
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(touched, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/**
 * One streamed chat call to Anthropic, Gemini or Ollama through the AI SDK's provider packages,
 * under the same contract as the OpenAI-compatible client: it always settles, never throws, streams
 * the text so far through `onDelta`, reports usage (estimated when the server sends none) and maps
 * every failure to a class and a sentence. The SDK's own retries are off: the conductor's retry
 * policy decides, and records each attempt.
 */
export async function completeWithAiSdk(
  provider: NativeProvider,
  request: LlmRequest,
  options: AiSdkCallOptions,
  onDelta?: (textSoFar: string) => void,
): Promise<LlmResult> {
  const started = options.now();
  const progress: Progress = { text: '', usage: {}, finishReason: undefined, rawFinishReason: undefined };
  const failure = await run(provider, request, options, progress, onDelta).catch((error: unknown): CallFailure =>
    // run() maps what it expects; this is the promise that a call never throws.
    classifyAiSdkError(error, { provider, baseUrl: request.baseUrl, model: request.model, nowMs: options.now() }),
  );
  const durationMs = options.now() - started;
  const usage: LlmUsage = {
    promptTokens: progress.usage.promptTokens ?? estimatePromptTokens(request.messages),
    completionTokens: progress.usage.completionTokens ?? estimateTokens(progress.text.length),
  };
  if (!failure)
    return { ok: true, text: progress.text, usage, durationMs, finishReason: progress.finishReason ?? 'stop' };
  const paid = progress.text || progress.usage.completionTokens !== undefined ? { usage } : {};
  return { ok: false, ...failure, durationMs, partialText: progress.text, ...paid };
}

async function run(
  provider: NativeProvider,
  request: LlmRequest,
  options: AiSdkCallOptions,
  progress: Progress,
  onDelta?: (textSoFar: string) => void,
): Promise<CallFailure | undefined> {
  const { baseUrl, model } = request;
  const place = (): CallPlace => ({ provider, baseUrl, model, nowMs: options.now() });
  try {
    new URL(baseUrl);
  } catch {
    return { errorClass: 'bad-request', reason: `The base URL “${baseUrl}” is not a valid address.` };
  }
  const auth = await readApiKey(options.getKey, request.apiKeyName);
  if (auth.failure) return auth.failure;

  const stallMs = request.stallMs ?? DEFAULT_STALL_MS;
  const watchdog = new CallWatchdog(request.deadlineMs, stallMs);
  const untrack = options.calls?.track(request.agentId, watchdog);
  const wire = createWireWatch(provider);
  /** What the wire showed outranks what the SDK made of it. */
  const failedBecause = (error: unknown): CallFailure => {
    if (watchdog.cause) return timedOut();
    if (wire.verdict.wrongFormat) return wrongFormat(place(), wire.verdict.wrongFormat);
    if (wire.verdict.serverError)
      return {
        errorClass: 'server',
        reason: `The server at ${baseUrl} failed in the middle of the reply: ${wire.verdict.serverError}`,
      };
    return classifyAiSdkError(error, place());
  };
  const timedOut = () =>
    timeoutFailure(watchdog, { model, baseUrl, deadlineMs: request.deadlineMs, stallMs }, progress.text);
  const showText = () => {
    try {
      onDelta?.(progress.text);
    } catch {
      // A broken progress callback must not break the call it reports on.
    }
  };
  try {
    const languageModel = await PROVIDER_MODELS[provider]({
      baseUrl,
      model,
      apiKey: auth.key,
      fetch: watchedFetch(options.fetch, watchdog, provider, wire),
    });
    const providerOptions = providerOptionsOf(provider, request);
    // The system text is the model's own definition, not a person's input: it goes as `system`.
    const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
    const result = streamText({
      model: languageModel,
      ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
      messages: request.messages.flatMap((m) => (m.role === 'system' ? [] : [{ role: m.role, content: m.content }])),
      ...(request.maxTokens !== undefined ? { maxOutputTokens: request.maxTokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(providerOptions ? { providerOptions } : {}),
      maxRetries: 0,
      abortSignal: watchdog.signal,
      // Failures are read from the stream below; the SDK's default would also print them.
      onError: () => undefined,
    });
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta' && part.text) {
        progress.text += part.text;
        showText();
      } else if (part.type === 'finish') {
        progress.finishReason = part.finishReason;
        progress.rawFinishReason = part.rawFinishReason;
        const { inputTokens, outputTokens } = part.totalUsage;
        if (inputTokens !== undefined) progress.usage.promptTokens = inputTokens;
        if (outputTokens !== undefined) progress.usage.completionTokens = outputTokens;
      } else if (part.type === 'error') {
        // Ollama's package hands a mid-stream `{"error": "…"}` on as the bare string.
        if (typeof part.error === 'string' && !watchdog.cause && !wire.verdict.wrongFormat)
          return {
            errorClass: 'server',
            reason: `The server at ${baseUrl} failed in the middle of the reply: ${part.error}`,
          };
        return failedBecause(part.error);
      } else if (part.type === 'abort') {
        return watchdog.cause ? timedOut() : { errorClass: 'network', reason: `The call to ${model} was stopped.` };
      }
    }
    if (watchdog.cause || wire.verdict.wrongFormat || wire.verdict.serverError) return failedBecause(undefined);
    // A stream that parsed but never said why it stopped, with no text, was not this provider's.
    if (progress.rawFinishReason === undefined && progress.text === '' && progress.usage.completionTokens === undefined)
      return wrongFormat(place(), 'its stream held nothing this provider sends');
    if (progress.rawFinishReason === undefined)
      return {
        errorClass: 'network',
        reason: `The connection to ${baseUrl} closed before the reply finished. Try again.`,
      };
    return undefined;
  } catch (error) {
    return failedBecause(error);
  } finally {
    untrack?.();
    watchdog.dispose();
  }
}
