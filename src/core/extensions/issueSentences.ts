import type { z } from 'zod';

const CAPABILITY_NAMES = 'network, llm or secrets';

/**
 * Every zod issue as a path-first sentence ("At provides.0.badge: is longer than 16
 * characters"), the way formatIssues words them but all of them, one per problem: an unknown key
 * becomes one sentence per key at its own path, so a person can find each spot.
 */
export function issueSentences(error: z.ZodError, prefix: readonly PropertyKey[] = []): string[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => sentence([...path, key], unknownKeyMessage(issue.path)));
    // zod's own wording only ("Invalid input: …"); a schema's custom message stays as written.
    if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input'))
      return [sentence(path, wrongType(issue.expected, /received (\w+)$/.exec(issue.message)?.[1]))];
    if (issue.code === 'invalid_value' && issue.values.length > 1 && issue.message.startsWith('Invalid option'))
      return [sentence(path, `must be one of ${orList(issue.values.map((v) => JSON.stringify(v)))}`)];
    return [sentence(path, issue.message)];
  });
}

/** "At a.b.0: message" — the shape of every problem the extension checks report. */
export function sentence(path: readonly PropertyKey[], message: string): string {
  // A key a person could not spot as written (empty, spaced, with a colon) is shown in quotes.
  const where =
    path.length > 0
      ? path
          .map((key) => (typeof key === 'string' && !/^[A-Za-z0-9_$-]+$/.test(key) ? JSON.stringify(key) : String(key)))
          .join('.')
      : '(top level)';
  return `At ${where}: ${message}`;
}

function unknownKeyMessage(path: readonly PropertyKey[]): string {
  if (path.length === 1 && path[0] === 'capabilities')
    return `unknown capability; an extension may ask for ${CAPABILITY_NAMES}`;
  return 'is not a field here; remove it or check its spelling';
}

/** zod's "Invalid input: expected string, received number" as "must be a string, not a number". */
function wrongType(expected: string, received: string | undefined): string {
  if (received === 'undefined') return `is missing (it must be ${article(expected)})`;
  if (received === undefined) return `must be ${article(expected)}`;
  return `must be ${article(expected)}, not ${received === 'null' ? 'null' : article(received)}`;
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
