import { parseTree, printParseErrorCode, stripComments, type Node, type ParseError } from 'jsonc-parser';
import { locate, nodeFor, nodeValue, type JsoncIssue } from '../../core/errors/jsoncDocument';
import type { z } from 'zod';

export type { JsoncIssue };

export type JsoncCheck<T> =
  { ok: true; value: T } | { ok: false; issues: JsoncIssue[]; parsed: boolean; raw?: unknown };

function issueAt(
  text: string,
  root: Node | undefined,
  path: ReadonlyArray<string | number>,
  message: string,
  atKey = false,
): JsoncIssue {
  const found = nodeFor(root, path);
  // A property's key rather than its value, when the key itself is the problem.
  const node = atKey && found?.parent?.type === 'property' ? (found.parent.children?.[0] ?? found) : found;
  const { line, column } = locate(text, node?.offset ?? 0);
  return {
    path: path.length > 0 ? path.join('.') : '(top level)',
    message,
    line,
    column,
    length: Math.max(1, Math.min(node?.length ?? 1, 200)),
  };
}

/** Parses JSON with comments (and trailing commas); syntax errors come back located. */
export function parseJsonc(
  text: string,
): { ok: true; value: unknown; root: Node } | { ok: false; issues: JsoncIssue[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (stripComments(text).trim() === '')
    return {
      ok: false,
      issues: [
        { path: '(top level)', message: 'The document is empty: write a JSON object.', line: 1, column: 1, length: 1 },
      ],
    };
  if (errors.length > 0 || !root) {
    const issues = errors.slice(0, 20).map((e) => ({
      path: '(syntax)',
      message: `JSON syntax: ${printParseErrorCode(e.error)}`,
      ...locate(text, e.offset),
      length: Math.max(1, e.length),
    }));
    return {
      ok: false,
      issues:
        issues.length > 0
          ? issues
          : [
              {
                path: '(top level)',
                message: 'The document is empty: write a JSON object.',
                line: 1,
                column: 1,
                length: 1,
              },
            ],
    };
  }
  return { ok: true, value: nodeValue(root), root };
}

/** Replaces the names a document uses with ids before the schema sees it (same structure, so paths hold). */
export type ResolveNames = (value: unknown) => {
  value: unknown;
  problems: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>;
};

/**
 * Parses a JSONC document and checks it with `schema` (after `resolve`, when given), the same zod schema the conductor uses, so
 * a person sees each problem where it is while typing. The conductor still decides on save.
 */
export function checkJsonc<S extends z.ZodType>(
  text: string,
  schema: S,
  resolve?: ResolveNames,
): JsoncCheck<z.output<S>> {
  const parsed = parseJsonc(text);
  if (!parsed.ok) return { ok: false, issues: parsed.issues, parsed: false };
  const named = resolve ? resolve(parsed.value) : { value: parsed.value, problems: [] };
  if (named.problems.length > 0)
    return {
      ok: false,
      issues: named.problems.map((p) => issueAt(text, parsed.root, p.path, p.message)),
      parsed: true,
      raw: parsed.value,
    };
  const checked = schema.safeParse(named.value);
  if (checked.success) return { ok: true, value: checked.data };
  const issues = checked.error.issues.slice(0, 50).map((issue) => {
    const path = issue.path as Array<string | number>;
    // An unknown key is marked where it is written, not on the object that holds it.
    const unknownKey = issue.code === 'unrecognized_keys' && issue.keys.length > 0;
    return issueAt(
      text,
      parsed.root,
      unknownKey ? [...path, issue.keys[0] as string] : path,
      issue.message,
      unknownKey,
    );
  });
  return { ok: false, issues, parsed: true, raw: parsed.value };
}

const PATH_MESSAGE = /At (\(top level\)|[^\s:()]+)(?: \(line (\d+)\))?: (.+?)(?=; At |; and \d+ more|$)/g;

/**
 * The conductor words a refusal path first ("At retry.maxAttempts: Too big"; "At flows.x (line 8): …").
 * Finds each such part and places it in `text`, so a refused save is marked where it is wrong.
 */
export function issuesFromMessage(text: string, message: string): JsoncIssue[] {
  const parsed = parseJsonc(text);
  const root = parsed.ok ? parsed.root : undefined;
  const issues: JsoncIssue[] = [];
  for (const match of message.matchAll(PATH_MESSAGE)) {
    const [, rawPath = '', lineText, detail = ''] = match;
    const path = rawPath === '(top level)' ? [] : rawPath.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const issue = issueAt(text, root, path, detail.trim());
    if (lineText !== undefined)
      issues.push({ ...issue, line: Number(lineText), column: issue.line === Number(lineText) ? issue.column : 1 });
    else issues.push(issue);
  }
  return issues;
}

/** An issue placed at `path` in `text` (at the property's key with `atKey`), for checks the schema cannot express. */
export function issueAtPath(
  text: string,
  path: ReadonlyArray<string | number>,
  message: string,
  atKey = false,
): JsoncIssue {
  const parsed = parseJsonc(text);
  return issueAt(text, parsed.ok ? parsed.root : undefined, path, message, atKey);
}
