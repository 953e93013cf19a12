import { StudioError } from '../core/errors/studioError';

/**
 * Turns IndexedDB failures into sentences; a full disk is named as such, since it needs the person.
 * Only what really came from storage passes through here: anything else is a studio bug
 * (`describeError` calls it `internal`), never a storage failure.
 */
export function toStorageError(error: unknown, doing: 'saving' | 'reading' = 'saving'): StudioError {
  if (error instanceof StudioError) return error;
  const name = (error as { name?: string; inner?: { name?: string } } | null)?.name ?? '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return new StudioError(
      'storage-full',
      'The browser has run out of storage for the studio, so nothing was saved.',
      'Free some space (delete old projects or runs, or other sites’ data) and try again. Everything saved before is intact.',
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  const what = doing === 'saving' ? 'Saving to' : 'Reading from';
  return new StudioError(
    'storage-failed',
    `${what} the browser’s storage failed: ${detail}`,
    'Try again; everything saved before is intact.',
  );
}
