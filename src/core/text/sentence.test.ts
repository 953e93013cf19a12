import { describe, expect, it } from 'vitest';
import { asSentence } from './sentence';

describe('a reason as a sentence', () => {
  it('gets a full stop when it has none, and keeps the one it has', () => {
    expect(asSentence('it threw: boom')).toBe('it threw: boom.');
    expect(asSentence('The server answered 503.')).toBe('The server answered 503.');
    expect(asSentence('Is it there?  ')).toBe('Is it there?');
    expect(asSentence('It said “no”')).toBe('It said “no”');
    expect(asSentence('')).toBe('');
  });
});
