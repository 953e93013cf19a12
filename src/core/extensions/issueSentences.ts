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
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => sentence([...path, key], unknownKeyMessage(path)));
    if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return [sentence(path, `is missing (it must be ${article(issue.expected)})`)];
    return [sentence(path, issue.message)];
  });
}

/** "At a.b.0: message" — the shape of every problem the extension checks report. */
export function sentence(path: readonly PropertyKey[], message: string): string {
  const where = path.length > 0 ? path.map(String).join('.') : '(top level)';
  return `At ${where}: ${message}`;
}

function unknownKeyMessage(path: readonly PropertyKey[]): string {
  if (path.length === 1 && path[0] === 'capabilities') return `unknown capability; an extension may ask for ${CAPABILITY_NAMES}`;
  return 'is not a field here; remove it or check its spelling';
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
