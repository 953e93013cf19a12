import { APICallError, JSONParseError, TypeValidationError } from 'ai';
import type { LlmProvider } from '../../../core/conductor/ports';
import { LLM_PROVIDER_LABELS } from '../../../core/ports/llmProviders';
import { networkDetail, type CallFailure } from '../callFailures';
import { classifyStatus, describeStatus, describeUnreachable, parseRetryAfter, serverMessage } from '../llmErrors';

/** Thrown by the adapter's fetch when a reply's content type is not the provider's. */
export class WrongWireFormatError extends Error {
  constructor(readonly contentType: string) {
    super(`The reply is ${contentType || 'of no content type'}.`);
    this.name = 'WrongWireFormatError';
  }
}

export interface CallPlace {
  provider: Exclude<LlmProvider, 'openai-compatible'>;
  baseUrl: string;
  model: string;
  nowMs: number;
}

/** The sentence for a server that answered, but not in the chosen provider's format. */
export function wrongFormat(place: CallPlace, detail: string): CallFailure {
  const label = LLM_PROVIDER_LABELS[place.provider];
  return {
    errorClass: 'bad-request',
    reason: `The server at ${place.baseUrl} answered, but not in the ${label} format this model is set to (${detail}). Check the model's provider and base URL: the server may speak another provider's API.`,
  };
}

/**
 * Error types Anthropic sends inside a stream (`event: error`), and the classes they mean. The AI SDK
 * hands them on as the raw object, so they are read here by their documented `type`.
 */
const STREAMED_ERROR_CLASSES: Readonly<Record<string, CallFailure['errorClass']>> = {
  overloaded_error: 'server',
  api_error: 'server',
  rate_limit_error: 'rate-limit',
  authentication_error: 'auth',
  permission_error: 'auth',
};

function streamedError(error: unknown): { type: string; message: string } | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { type, message } = error as { type?: unknown; message?: unknown };
  return typeof type === 'string' && typeof message === 'string' ? { type, message } : undefined;
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | null {
  if (!headers) return null;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return null;
}

/**
 * Google answers a bad key with 400 INVALID_ARGUMENT, not 401: its ErrorInfo reason (a stable,
 * documented code) says that it is the key, and a key is what a person must fix.
 */
function refusesKey(body: string): boolean {
  try {
    const details = (JSON.parse(body) as { error?: { details?: unknown } }).error?.details;
    return (
      Array.isArray(details) && details.some((d) => (d as { reason?: unknown } | null)?.reason === 'API_KEY_INVALID')
    );
  } catch {
    return false;
  }
}

/**
 * A chunk that is not JSON or not the provider's shape. A provider that reports a failure
 * mid-stream as `{error: {...}}` fails the chunk schema too: that is the server failing, said in
 * its words; anything else is another provider's format.
 */
function unparsableChunk(error: unknown, place: CallPlace): CallFailure {
  const value: unknown = TypeValidationError.isInstance(error) ? error.value : undefined;
  const said = value && typeof value === 'object' && 'error' in value ? serverMessage(JSON.stringify(value)) : '';
  if (said)
    return {
      errorClass: 'server',
      reason: `The server at ${place.baseUrl} failed in the middle of the reply: ${said}`,
    };
  return wrongFormat(place, 'a chunk of its stream does not have the shape this provider sends');
}

/**
 * Maps what the AI SDK reports (a thrown error or a stream's error part) to the studio's classes,
 * with a sentence in the same words the OpenAI-compatible client uses, so retry and fallback policies
 * read every provider alike.
 */
export function classifyAiSdkError(error: unknown, place: CallPlace): CallFailure {
  const { baseUrl, model } = place;
  if (error instanceof WrongWireFormatError) return wrongFormat(place, error.message.replace(/\.$/, ''));
  // A stream whose first chunk fails its schema may come wrapped in an APICallError.
  const unparsable = [error, (error as { cause?: unknown } | null)?.cause].find(
    (e) => TypeValidationError.isInstance(e) || JSONParseError.isInstance(e),
  );
  if (unparsable !== undefined) return unparsableChunk(unparsable, place);
  if (APICallError.isInstance(error)) {
    if (error.statusCode === undefined)
      return { errorClass: 'network', reason: describeUnreachable(baseUrl, networkDetail(error.cause ?? error)) };
    const retryAfterMs =
      error.statusCode === 429
        ? parseRetryAfter(headerOf(error.responseHeaders, 'retry-after'), place.nowMs)
        : undefined;
    const body = error.responseBody ?? error.message;
    const errorClass = refusesKey(body) ? 'auth' : classifyStatus(error.statusCode);
    return {
      errorClass,
      reason: describeStatus(error.statusCode, baseUrl, model, serverMessage(body), errorClass),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  const streamed = streamedError(error);
  if (streamed)
    return {
      errorClass: STREAMED_ERROR_CLASSES[streamed.type] ?? 'server',
      reason: `The server at ${baseUrl} failed in the middle of the reply: ${streamed.message} (${streamed.type})`,
    };
  return {
    errorClass: 'network',
    reason: `The call to ${model} failed unexpectedly: ${networkDetail(error)}`,
  };
}
