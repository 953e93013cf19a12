import { issueAtPath, type JsoncIssue } from '../jsonc/jsoncCheck';

/**
 * Flows are named in the policies document; a name no flow has applies to nothing, which is
 * almost always a typo. Each one is pointed out where it is written.
 */
export function unknownFlowIssues(text: string, named: readonly string[], flowNames: readonly string[]): JsoncIssue[] {
  const known = flowNames
    .slice(0, 8)
    .map((n) => `“${n}”`)
    .join(', ');
  return named
    .filter((name) => !flowNames.includes(name))
    .map((name) =>
      issueAtPath(
        text,
        ['flows', name],
        `no flow is called “${name}”, so this policy applies to nothing${known ? ` (flows: ${known})` : ''}`,
        true,
      ),
    );
}
