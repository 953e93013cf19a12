import type { LlmClient, LlmRequest, LlmResult } from '../../core/conductor/ports';
import { DEFAULT_LLM_PROVIDER } from '../../core/ports/llmProviders';
import { CallsInFlight } from './callWatchdog';
import { OpenAiClient } from './openAiClient';

export interface LlmClientOptions {
  /** Looks a key up by name in this browser's key store (or the runner's secrets). */
  getKey: (name: string) => Promise<string | undefined>;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * The one LLM client every host gives the conductor: it sends each request to its provider's
 * adapter. OpenAI-compatible calls (every model saved before providers) go through OpenAiClient;
 * Anthropic, Gemini and Ollama through the AI SDK's provider packages, loaded on their first call
 * so the studio's first load carries none of them. All adapters share one contract: always
 * settle, stream the text so far, report usage, class every failure.
 */
export function createLlmClient(options: LlmClientOptions): LlmClient {
  // Bound, because a bare window.fetch called as a method of another object throws "Illegal invocation".
  const fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? (() => Date.now());
  const calls = new CallsInFlight();
  const openAi = new OpenAiClient({ getKey: options.getKey, fetch: fetcher, now, calls });
  return {
    async complete(request: LlmRequest, onDelta?: (textSoFar: string) => void): Promise<LlmResult> {
      const provider = request.provider ?? DEFAULT_LLM_PROVIDER;
      if (provider === 'openai-compatible') return openAi.complete(request, onDelta);
      const started = now();
      try {
        const { completeWithAiSdk } = await import('./providers/aiSdkClient');
        return await completeWithAiSdk(
          provider,
          request,
          { getKey: options.getKey, fetch: fetcher, now, calls },
          onDelta,
        );
      } catch (error) {
        // Only the lazy import can land here (a chunk that failed to download): the call never started.
        return {
          ok: false,
          errorClass: 'network',
          reason: `The ${provider} client could not be loaded (${error instanceof Error ? error.message : String(error)}). Check the connection and reload the studio.`,
          durationMs: now() - started,
          partialText: '',
        };
      }
    },
    cancel(agentId: string): void {
      calls.cancel(agentId);
    },
  };
}
