import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';

/** One problem in a JSON-with-comments document, located for a person and for Monaco's markers. */
export interface JsoncIssue {
  /** Dotted path into the document, e.g. `intents.0.when.fact`; `(top level)` for the whole. */
  path: string;
  message: string;
  /** 1-based line and column, and the length of the marked span. */
  line: number;
  column: number;
  length: number;
}

export function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The deepest node that exists along `path`: a missing field is reported at its parent. */
export function nodeFor(root: Node | undefined, path: ReadonlyArray<string | number>): Node | undefined {
  if (!root) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return node;
  }
  return root;
}

export function issueAt(
  text: string,
  root: Node | undefined,
  path: Array<string | number>,
  message: string,
): JsoncIssue {
  const node = nodeFor(root, path);
  const offset = node?.offset ?? 0;
  const { line, column } = locate(text, offset);
  return {
    path: path.length > 0 ? path.join('.') : '(top level)',
    message,
    line,
    column,
    length: Math.max(1, Math.min(node?.length ?? 1, 200)),
  };
}

/** The plain value of a JSONC tree (jsonc-parser's getNodeValue, without prototype keys). */
export function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key && value) out[String(key.value)] = nodeValue(value);
      }
      return { ...out };
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value as unknown;
  }
}

/**
 * Parses JSON with comments and checks it against `schema`, locating every problem by path and
 * line. Pure: the page marks errors with it as a person types, and the conductor checks again on
 * save, so a broken document is never stored.
 */
export function parseJsoncWith<S extends z.ZodType>(
  text: string,
  schema: S,
): { ok: true; value: z.output<S>; root: Node } | { ok: false; issues: JsoncIssue[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const issues = errors.slice(0, 20).map((e) => {
      const { line, column } = locate(text, e.offset);
      return {
        path: '(syntax)',
        message: `JSON syntax: ${printParseErrorCode(e.error)}`,
        line,
        column,
        length: Math.max(1, e.length),
      };
    });
    return {
      ok: false,
      issues:
        issues.length > 0
          ? issues
          : [{ path: '(top level)', message: 'The document is empty.', line: 1, column: 1, length: 1 }],
    };
  }
  const raw: unknown = JSON.parse(JSON.stringify(nodeValue(root)));
  const checked = schema.safeParse(raw);
  if (!checked.success) {
    return {
      ok: false,
      issues: checked.error.issues.slice(0, 50).map((issue) => {
        const path = issue.path as Array<string | number>;
        // An unknown key is marked where it is written, not at the object holding it.
        const at =
          issue.code === 'unrecognized_keys' && issue.keys.length > 0 ? [...path, issue.keys[0] as string] : path;
        return issueAt(text, root, at, issue.message);
      }),
    };
  }
  return { ok: true, value: checked.data, root };
}

/** Issues as one sentence list, path and line first: what a refused save says (the page reads them back). */
export function describeJsoncIssues(issues: readonly JsoncIssue[], limit = 5): string {
  const lines = issues.slice(0, limit).map((i) => `At ${i.path} (line ${i.line}): ${i.message}`);
  const more = issues.length - limit;
  return more > 0 ? `${lines.join('; ')}; and ${more} more` : lines.join('; ');
}
