import { describe, expect, it } from 'vitest';
import { describeDuration } from './describeDuration';

describe('a duration in a sentence', () => {
  it('reads in the unit a person would use, never as a raw count of milliseconds', () => {
    expect(describeDuration(12)).toBe('12 ms');
    expect(describeDuration(1_500)).toBe('1.5 s');
    expect(describeDuration(2_000)).toBe('2 s');
    expect(describeDuration(42_400)).toBe('42 s');
    expect(describeDuration(200_000)).toBe('3 min 20 s');
    expect(describeDuration(300_000)).toBe('5 min');
    expect(describeDuration(5_400_000)).toBe('1 h 30 min');
    expect(describeDuration(172_800_000)).toBe('48 h');
  });
});
