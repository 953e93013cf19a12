import { compileCondition } from '../cel/condition';
import { describeJsoncIssues, issueAt, parseJsoncWith, type JsoncIssue } from '../errors/jsoncDocument';
import { intentsDocumentSchema, type IntentsDocument } from './intentSchema';

/** One problem in an intents document, located for a person and for Monaco's markers. */
export type IntentsIssue = JsoncIssue;

export type ParsedIntents = { ok: true; document: IntentsDocument } | { ok: false; issues: IntentsIssue[] };

export interface ParseOptions {
  /** Names of the project's models; when given, an intent naming another model is an error. */
  modelNames?: ReadonlySet<string>;
}

/**
 * Parses an intents document: JSON with comments (JSONC), checked against the intents schema,
 * with every CEL condition compiled. Pure; the page uses it to mark errors as a person types, and
 * the conductor uses it again on save, so a broken document is never stored.
 */
export function parseIntents(text: string, options: ParseOptions = {}): ParsedIntents {
  const parsed = parseJsoncWith(text, intentsDocumentSchema);
  if (!parsed.ok) return parsed;
  const { root, value: document } = parsed;
  const issues: IntentsIssue[] = [];
  document.intents.forEach((intent, i) => {
    const conditions: Array<[Array<string | number>, string | undefined]> = [];
    if (intent.kind === 'reaction') conditions.push([['intents', i, 'when', 'if'], intent.when.if]);
    if (intent.kind === 'deadline') conditions.push([['intents', i, 'after', 'if'], intent.after.if]);
    if (intent.kind === 'invariant')
      conditions.push([['intents', i, 'over', 'if'], intent.over.if], [['intents', i, 'require'], intent.require]);
    for (const [path, source] of conditions) {
      if (source === undefined) continue;
      const compiled = compileCondition(source);
      if (!compiled.ok) issues.push(issueAt(text, root, path, compiled.message));
    }
    if (intent.model !== undefined && options.modelNames && !options.modelNames.has(intent.model)) {
      const known = [...options.modelNames].slice(0, 8).join(', ');
      issues.push(
        issueAt(
          text,
          root,
          ['intents', i, 'model'],
          `no model is called “${intent.model}”${known ? `; models: ${known}` : ''}`,
        ),
      );
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, document };
}

/** Issues as one sentence list, path and line first: what a refused save says. */
export const describeIntentsIssues = describeJsoncIssues;
