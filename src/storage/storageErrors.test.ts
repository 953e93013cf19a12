import { describe, expect, it } from 'vitest';
import { describeError } from '../core/errors/studioError';
import { toStorageError } from './storageErrors';

describe('storage errors', () => {
  it('names storage only for what really came from storage: Dexie and quota errors keep their codes', () => {
    const quota = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    expect(describeError(toStorageError(quota)).code).toBe('storage-full');
    const dexie = Object.assign(new Error('Transaction aborted'), {
      name: 'AbortError',
      inner: { name: 'QuotaExceededError' },
    });
    expect(describeError(toStorageError(dexie)).code).toBe('storage-full');
    const closed = Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' });
    expect(describeError(toStorageError(closed))).toMatchObject({
      code: 'storage-failed',
      message: 'Saving to the browser’s storage failed: Database has been closed',
    });
    // The same errors, uncaught by the storage layer, are not called storage failures.
    expect(describeError(closed).code).toBe('internal');
  });

  it('says whether it was a read or a write that failed', () => {
    const closed = Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' });
    expect(toStorageError(closed, 'reading').message).toBe(
      'Reading from the browser’s storage failed: Database has been closed',
    );
  });
});
