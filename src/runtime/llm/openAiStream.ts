import type { LlmUsage } from '../../core/conductor/ports';
import { serverMessage } from './llmErrors';
import { createSseParser } from './sseParser';

/** What has come back so far; filled in place so a failure part-way still knows the partial text. */
export interface CompletionState {
  text: string;
  finishReason: string | undefined;
  usage: LlmUsage | undefined;
  /** The server said `[DONE]` (or sent a whole non-streamed completion). */
  done: boolean;
  /** Set when the server reported an error inside a 200 response, or sent a chunk that is not JSON. */
  failure: string | undefined;
}

export function newCompletionState(): CompletionState {
  return { text: '', finishReason: undefined, usage: undefined, done: false, failure: undefined };
}

interface ChatPayload {
  error?: unknown;
  choices?: Array<{
    index?: number;
    delta?: { content?: unknown };
    message?: { content?: unknown };
    finish_reason?: unknown;
  }>;
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
}

/** Folds one chunk (or a whole non-streamed completion) into the state; returns whether text grew. */
function applyPayload(state: CompletionState, payload: ChatPayload): boolean {
  if (payload.error !== undefined && payload.error !== null) {
    state.failure = serverMessage(JSON.stringify({ error: payload.error })) || 'the server reported an error mid-reply';
    return false;
  }
  let grew = false;
  // Only the first choice: the client never asks for n > 1.
  const choice = payload.choices?.find((c) => (c.index ?? 0) === 0);
  const content = choice?.delta?.content ?? choice?.message?.content;
  if (typeof content === 'string' && content.length > 0) {
    state.text += content;
    grew = true;
  }
  if (typeof choice?.finish_reason === 'string') state.finishReason = choice.finish_reason;
  const usage = payload.usage;
  // Some servers repeat usage on every chunk; the last one is the total.
  if (usage && typeof usage.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number') {
    state.usage = { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
  }
  return grew;
}

function parsePayload(state: CompletionState, data: string): ChatPayload | undefined {
  try {
    const parsed: unknown = JSON.parse(data);
    if (parsed && typeof parsed === 'object') return parsed;
  } catch {
    // Falls through to the failure below.
  }
  state.failure = `it sent a chunk that is not JSON: “${data.slice(0, 80)}”`;
  return undefined;
}

/** A whole chat.completion, from a server that ignored `stream: true`. */
export function readCompletionJson(state: CompletionState, body: string): void {
  const payload = parsePayload(state, body);
  if (!payload) return;
  applyPayload(state, payload);
  state.done = state.failure === undefined;
}

/**
 * Reads an SSE chat-completion stream into `state`, calling `onBytes` for every network chunk (the
 * stall timer) and `onText` whenever the text grows. Rejects when the read fails (abort, dropped
 * connection); stops early at `[DONE]` or at an error the server reports in the stream.
 */
export async function readCompletionStream(
  body: ReadableStream<Uint8Array>,
  state: CompletionState,
  onBytes: () => void,
  onText: (textSoFar: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  const apply = (data: string): boolean => {
    if (data.trim() === '[DONE]') {
      state.done = true;
      return true;
    }
    const payload = parsePayload(state, data);
    if (payload && applyPayload(state, payload)) onText(state.text);
    return state.failure !== undefined;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onBytes();
      // stream: true keeps a multi-byte character split across chunks whole.
      for (const event of parser.push(decoder.decode(value, { stream: true }))) if (apply(event.data)) return;
    }
    for (const event of parser.push(decoder.decode()).concat(parser.end())) if (apply(event.data)) return;
  } finally {
    // Stopping early (at [DONE] or an error) must still release the connection.
    reader.cancel().catch(() => undefined);
  }
}
