/**
 * Every error a person may see is a StudioError: a stable `code` for tests and docs, a `message`
 * that says what happened, and a `hint` that says what to do. Never a stack trace.
 */
export type StudioErrorCode =
  | 'invalid-command'
  | 'invalid-event'
  | 'invalid-record'
  | 'chain-broken'
  | 'not-found'
  | 'port-mismatch'
  | 'cycle'
  | 'compile-failed'
  | 'invalid-intents'
  | 'read-only'
  | 'storage-full'
  | 'storage-failed'
  | 'newer-studio';

export class StudioError extends Error {
  override readonly name = 'StudioError';
  constructor(
    readonly code: StudioErrorCode,
    message: string,
    readonly hint = '',
  ) {
    super(message);
  }

  /** The plain shape that crosses a worker boundary (Comlink clones data, not classes). */
  toJSON(): SerializedStudioError {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

export interface SerializedStudioError {
  code: StudioErrorCode;
  message: string;
  hint: string;
}

/** One sentence for a person from anything thrown: StudioErrors keep their words, others get a generic one. */
export function describeError(error: unknown): SerializedStudioError {
  if (error instanceof StudioError) return error.toJSON();
  if (isSerializedStudioError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'storage-failed', message: `Something went wrong: ${detail}`, hint: 'Try again; if it keeps happening, reload the studio.' };
}

export function isSerializedStudioError(value: unknown): value is SerializedStudioError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value && 'hint' in value;
}
