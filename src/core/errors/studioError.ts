import {
  errorCatalogue,
  faultFingerprint,
  faultSites,
  isStudioErrorCode,
  type FaultSite,
  type StudioErrorCode,
} from './errorCatalogue';

export type { StudioErrorCode } from './errorCatalogue';

/**
 * Every error a person may see is a StudioError: a stable `code` from the catalogue
 * (errorCatalogue.ts) for tests and docs, a `message` that says what happened, and a `hint` that
 * says what to do. Never a stack trace.
 */
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
  /**
   * For a studio bug (`internal`) only: where it was caught, what was thrown and its stack, for a
   * bug report ("Copy details"). Never shown as the message.
   */
  detail?: string;
}

const MAX_DETAIL_CHARS = 4_000;

/**
 * One sentence for a person from anything thrown. StudioErrors keep their words; anything else is
 * a bug in the studio: code `internal`, a sentence naming its fingerprint, and the raw message and
 * stack kept apart in `detail`. Storage failures are StudioErrors already (storage/storageErrors.ts),
 * so nothing unknown is ever called a storage failure.
 */
export function describeError(error: unknown, site: FaultSite = 'command'): SerializedStudioError {
  if (error instanceof StudioError) return error.toJSON();
  if (isSerializedStudioError(error)) return error;
  const name = error instanceof Error ? error.name : typeof error;
  const raw = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const ref = `internal-${faultFingerprint(site, name, raw)}`;
  const thrown = stack.includes(raw) ? stack : [`${name}: ${raw}`, stack].filter((s) => s !== '').join('\n');
  return {
    code: 'internal',
    message: `Something went wrong in the studio — code ${ref}; nothing you saved was lost.`,
    hint: errorCatalogue.internal.todo,
    detail: `${ref} while ${faultSites[site]}\n${thrown}`.slice(0, MAX_DETAIL_CHARS),
  };
}

/** The `internal-XXXX` fingerprint a studio bug's message names, if it is one. */
export function internalRefOf(error: SerializedStudioError): string | undefined {
  return error.code === 'internal' ? /internal-[0-9A-F]{4}/.exec(error.message)?.[0] : undefined;
}

export function isSerializedStudioError(value: unknown): value is SerializedStudioError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isStudioErrorCode(v.code) &&
    typeof v.message === 'string' &&
    typeof v.hint === 'string' &&
    (v.detail === undefined || typeof v.detail === 'string')
  );
}
