/** Local stand-ins for Anthropic, Gemini and Ollama on one port; see providerServers.mjs for the behaviour each model name picks. */
export interface ProviderStandIns {
  /** e.g. http://127.0.0.1:4713 */
  origin: string;
  port: number;
  /** Each provider's base URL on the stand-in, as an LLM model's `baseUrl` takes it. */
  baseUrls: { anthropic: string; gemini: string; ollama: string };
  close(): Promise<void>;
  /** Clears the per-model attempt counters and the request log. */
  reset(): void;
}

/** One request a stand-in received, as GET /__requests lists it. */
export interface ProviderStandInRequest {
  provider: 'anthropic' | 'gemini' | 'ollama';
  model: string;
  hadKey: boolean;
  maxTokens: number | null;
  stream: boolean;
  messageCount: number;
  time: number;
}

export function startProviderServers(options?: { port?: number; host?: string }): Promise<ProviderStandIns>;
