import type { PublicErrorBody, PublicErrorCode } from '../../../src/protocol/publicApi';

/** A refusal of the public API: its HTTP status, a stable code, a sentence, and what to do. */
export class PublicRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 502 | 504,
    readonly code: PublicErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }

  get body(): PublicErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.hint !== undefined ? { hint: this.hint } : {}) } };
  }
}
