import { describe, expect, it } from 'vitest';
import { AnswerPacer } from '../src/answerPacer';

describe('the pace of a project’s long polls', () => {
  it('holds a poll that comes within the gap for the rest of it, and no other', () => {
    let now = 1_000;
    const pacer = new AnswerPacer(250, () => now);
    expect(pacer.holdFor('p1')).toBe(0); // never answered: looks at once
    pacer.answered('p1');
    now += 40;
    expect(pacer.holdFor('p1')).toBe(210); // the studio asks again at once: it waits out the gap
    expect(pacer.holdFor('p2')).toBe(0); // another project is not held back
    now += 300;
    expect(pacer.holdFor('p1')).toBe(0); // the gap is over
  });
});
