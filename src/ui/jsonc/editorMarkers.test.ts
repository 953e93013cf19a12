import { describe, expect, it } from 'vitest';
import { mergeProblems } from './editorMarkers';

const issue = (line: number, column: number, message: string, path = '') => ({
  path,
  message,
  line,
  column,
  length: 1,
});

describe('mergeProblems', () => {
  it('lists each spot the editor marks once, the studio’s own wording first', () => {
    const own = [issue(2, 5, 'Too big', 'retry.maxAttempts')];
    const editor = [
      issue(2, 5, 'Value is above the maximum of 10.'),
      issue(3, 3, 'Property bogus is not allowed.'),
      issue(3, 3, 'again'),
      issue(1, 1, 'Incorrect type.'),
    ];
    expect(mergeProblems(own, editor).map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      '1:1 Incorrect type.',
      '2:5 Too big',
      '3:3 Property bogus is not allowed.',
    ]);
  });
});
