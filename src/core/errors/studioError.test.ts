import { describe, expect, it } from 'vitest';
import { errorCatalogue, faultFingerprint } from './errorCatalogue';
import { StudioError, describeError, internalRefOf, isSerializedStudioError } from './studioError';

const SENTENCE = /^Something went wrong in the studio — code internal-[0-9A-F]{4}; nothing you saved was lost\.$/;

describe('describeError', () => {
  it('calls a TypeError a studio bug: code internal, the sentence, and the raw message and stack kept apart in detail', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'hash')");
    const described = describeError(bug, 'decision');
    expect(described.code).toBe('internal');
    expect(described.message).toMatch(SENTENCE);
    expect(described.message).not.toContain('reading');
    expect(described.hint).toBe(errorCatalogue.internal.todo);
    expect(described.detail).toContain("TypeError: Cannot read properties of undefined (reading 'hash')");
    expect(described.detail).toContain('while deciding what a run does next');
    // The stack is in the detail, never in the message.
    expect(described.detail).toContain('studioError.test.ts');
    expect(described.detail?.startsWith(internalRefOf(described) ?? '?')).toBe(true);
  });

  it('gives the same bug the same code wherever numbers in it differ, and another bug or place another code', () => {
    const ref = (error: unknown, site: 'decision' | 'agent' = 'decision') => internalRefOf(describeError(error, site));
    expect(ref(new TypeError('item 3 of run_17 is undefined'))).toBe(
      ref(new TypeError('item 12 of run_4 is undefined')),
    );
    expect(ref(new TypeError('item 3 is undefined'))).not.toBe(ref(new RangeError('item 3 is undefined')));
    expect(ref(new TypeError('x is undefined'), 'agent')).not.toBe(ref(new TypeError('x is undefined'), 'decision'));
    expect(faultFingerprint('page', 'Error', 'boom')).toMatch(/^[0-9A-F]{4}$/);
  });

  it('describes things thrown that are not errors, without a stack', () => {
    const described = describeError('just a string');
    expect(described.code).toBe('internal');
    expect(described.detail).toBe(`${internalRefOf(described)} while carrying out a request\nstring: just a string`);
  });

  it('keeps a StudioError’s own code and words, and a serialised one as it came', () => {
    const error = new StudioError('not-found', 'That flow no longer exists.', 'Pick another.');
    expect(describeError(error)).toEqual({
      code: 'not-found',
      message: 'That flow no longer exists.',
      hint: 'Pick another.',
    });
    expect(describeError(error.toJSON())).toEqual(error.toJSON());
    // An object that only looks like one (an unknown code) is a bug, not a storage failure.
    expect(describeError({ code: 'disk-on-fire', message: 'x', hint: '' }).code).toBe('internal');
    expect(isSerializedStudioError({ code: 'internal', message: 'm', hint: '', detail: 3 })).toBe(false);
  });

  it('has a catalogue entry with a distinct number for every code', () => {
    const ids = Object.values(errorCatalogue).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of Object.values(errorCatalogue)) {
      expect(entry.id).toMatch(/^E\d{3}$/);
      expect(entry.means.endsWith('.')).toBe(true);
      expect(entry.todo.endsWith('.')).toBe(true);
    }
  });
});
