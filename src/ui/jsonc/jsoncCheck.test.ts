import { describe, expect, it } from 'vitest';
import { stepSettingsSchema } from '../../core/flow/stepSettings';
import { checkJsonc, issuesFromMessage, parseJsonc } from './jsoncCheck';

describe('checkJsonc', () => {
  it('accepts comments and trailing commas and applies the schema’s defaults', () => {
    const check = checkJsonc('// retry\n{ "retry": { "maxAttempts": 3, }, }', stepSettingsSchema);
    expect(check.ok && check.value.retry?.backoff).toBe('exponential');
  });

  it('marks an unknown key where it is written, with its line', () => {
    const check = checkJsonc('{\n  "retry": { "maxAttempts": 3 },\n  "critcal": false\n}', stepSettingsSchema);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues[0]).toMatchObject({ path: 'critcal', line: 3, column: 3 });
  });

  it('marks a wrong value at its own line', () => {
    const check = checkJsonc('{\n  "retry": {\n    "maxAttempts": 0\n  }\n}', stepSettingsSchema);
    expect(!check.ok && check.issues[0]).toMatchObject({ path: 'retry.maxAttempts', line: 3 });
  });

  it('reports a syntax error, and an empty document, located', () => {
    expect(parseJsonc('{ "a": }')).toMatchObject({ ok: false, issues: [{ path: '(syntax)', line: 1 }] });
    expect(parseJsonc('// nothing')).toMatchObject({ ok: false, issues: [{ path: '(top level)' }] });
  });
});

describe('issuesFromMessage', () => {
  const text = '{\n  "retry": {\n    "maxAttempts": 99\n  },\n  "critical": 1\n}';

  it('places each path-first part of a refusal in the document', () => {
    const issues = issuesFromMessage(
      text,
      'At retry.maxAttempts: Too big: expected number to be <=10; At critical: Invalid input: expected boolean',
    );
    expect(issues.map((i) => [i.path, i.line, i.message])).toEqual([
      ['retry.maxAttempts', 3, 'Too big: expected number to be <=10'],
      ['critical', 5, 'Invalid input: expected boolean'],
    ]);
  });

  it('takes the line the conductor gives, and finds nothing in a message without paths', () => {
    expect(
      issuesFromMessage(text, 'The policies were not saved. At flows.Main (line 4): no such flow')[0],
    ).toMatchObject({ path: 'flows.Main', line: 4 });
    expect(issuesFromMessage(text, 'Something else went wrong.')).toEqual([]);
  });
});
