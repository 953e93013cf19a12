import type { LlmProvider } from '../../../core/conductor/ports';
import { serverMessage } from '../llmErrors';
import { createSseParser } from '../sseParser';

/** What the watch saw on the wire, read before any SDK error (which may have lost the detail). */
export interface WireVerdict {
  /** The first event was not one this provider sends: a description of it. */
  wrongFormat?: string;
  /** The server reported a failure inside a 200 stream, in its own words. */
  serverError?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a decoded event is one this provider sends: Anthropic names every event by `type`
 * (message_start, content_block_delta…), Gemini sends GenerateContentResponse objects, Ollama
 * sends ChatResponse lines. Only the first event is judged: a provider does not switch formats.
 */
const SENDS: Readonly<Record<Exclude<LlmProvider, 'openai-compatible'>, (event: Record<string, unknown>) => boolean>> =
  {
    anthropic: (event) => typeof event.type === 'string' && !('object' in event),
    gemini: (event) =>
      'candidates' in event || 'usageMetadata' in event || 'promptFeedback' in event || 'error' in event,
    ollama: (event) => 'message' in event || 'done' in event || 'error' in event,
  };

/**
 * Reads a provider's stream beside the SDK, as bytes pass: the AI SDK reports a reply in another
 * provider's format as a bare schema failure (Anthropic's even as an HTTP 500), and Ollama's
 * `{"error": "…"}` line is skipped by its package; here both become facts the adapter can say.
 */
export function createWireWatch(provider: Exclude<LlmProvider, 'openai-compatible'>): {
  feed(text: string): void;
  verdict: WireVerdict;
} {
  const verdict: WireVerdict = {};
  let judged = false;
  const see = (data: string) => {
    if (data.trim() === '') return;
    let event: unknown;
    try {
      event = JSON.parse(data);
    } catch {
      if (!judged) verdict.wrongFormat = `its stream holds “${data.slice(0, 60)}”, which is not JSON`;
      judged = true;
      return;
    }
    if (!judged) {
      judged = true;
      if (!isObject(event) || !SENDS[provider](event)) {
        verdict.wrongFormat = `its stream starts with ${data.slice(0, 80)}`;
        return;
      }
    }
    if (isObject(event) && 'error' in event && provider !== 'anthropic')
      verdict.serverError ??= serverMessage(JSON.stringify({ error: event.error }));
  };
  if (provider === 'ollama') {
    let buffer = '';
    return {
      verdict,
      feed(text) {
        buffer += text;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        lines.forEach(see);
      },
    };
  }
  const parser = createSseParser();
  return { verdict, feed: (text) => parser.push(text).forEach((event) => see(event.data)) };
}
