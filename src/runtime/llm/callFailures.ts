import type { ErrorClass, LlmMessage } from '../../core/conductor/ports';
import type { CallWatchdog } from './callWatchdog';

/** A failed call before `durationMs` and the usage estimate are added. */
export type CallFailure = { errorClass: ErrorClass; reason: string; retryAfterMs?: number };

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** OpenAI's own rule of thumb (about four characters a token), for servers that report no usage. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

export function estimatePromptTokens(messages: readonly LlmMessage[]): number {
  return estimateTokens(messages.reduce((sum, m) => sum + m.content.length, 0));
}

export function networkDetail(error: unknown): string {
  // Node's fetch hides the useful part (ECONNREFUSED) in `cause`; browsers say only "Failed to fetch".
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (typeof cause === 'string') return cause;
  return error instanceof Error ? error.message : String(error);
}

/** The named key from this browser's key store, or the sentence that says why there is none. */
export async function readApiKey(
  getKey: (name: string) => Promise<string | undefined>,
  name: string | undefined,
): Promise<{ key?: string; failure?: CallFailure }> {
  if (!name) return {};
  let key: string | undefined;
  try {
    key = await getKey(name);
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
  return { key };
}

/**
 * Why a watchdog stopped a call: cancelled with its run, or as a `timeout` sentence (the deadline,
 * a model that went quiet mid-reply, or a silent server).
 */
export function timeoutFailure(
  watchdog: CallWatchdog,
  call: { model: string; baseUrl: string; deadlineMs: number; stallMs: number },
  textSoFar: string,
): CallFailure {
  // Not a class a retry policy acts on: the run it belonged to was stopped, so nothing retries it.
  if (watchdog.cause === 'cancelled')
    return { errorClass: 'network', reason: `The call to ${call.model} was stopped with its run.` };
  if (watchdog.cause === 'deadline')
    return {
      errorClass: 'timeout',
      reason: `The call to ${call.model} took longer than its ${formatMs(call.deadlineMs)} limit and was stopped. Raise the model's timeout if it needs longer.`,
    };
  if (watchdog.heardFromServer && textSoFar)
    return {
      errorClass: 'timeout',
      reason: `The model stopped sending for ${formatMs(call.stallMs)} in the middle of its reply, so the call was stopped.`,
    };
  return {
    errorClass: 'timeout',
    reason: `The server at ${call.baseUrl} sent nothing for ${formatMs(call.stallMs)}, so the call was stopped.`,
  };
}
