/** A local OpenAI-compatible chat server for tests; see llmServer.mjs for the behaviour each model name picks. */
export interface LlmTestServer {
  /** e.g. http://127.0.0.1:4599/v1 */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Clears the per-model attempt counters and the request log. */
  reset(): void;
}

/** One request the server received, as GET /__requests lists it. */
export interface LlmTestRequest {
  model: string;
  hadAuth: boolean;
  messageCount: number;
  maxTokens: number | null;
  stream: boolean;
  time: number;
  /** The client closed the connection before the reply ended (an aborted call). */
  disconnected: boolean;
}

export function startLlmServer(options?: {
  port?: number;
  host?: string;
  onContent?: (textSoFar: string, at: number) => void;
}): Promise<LlmTestServer>;
