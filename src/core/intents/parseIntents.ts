import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { compileCondition } from './condition';
import { intentsDocumentSchema, type IntentsDocument } from './intentSchema';

/** One problem in an intents document, located for a person and for Monaco's markers. */
export interface IntentsIssue {
  /** Dotted path into the document, e.g. `intents.0.when.fact`; `(top level)` for the whole. */
  path: string;
  message: string;
  /** 1-based line and column, and the length of the marked span. */
  line: number;
  column: number;
  length: number;
}

export type ParsedIntents = { ok: true; document: IntentsDocument } | { ok: false; issues: IntentsIssue[] };

export interface ParseOptions {
  /** Names of the project's models; when given, an intent naming another model is an error. */
  modelNames?: ReadonlySet<string>;
}

function locate(text: string, offset: number): { line: number; column: number } {
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
function nodeFor(root: Node | undefined, path: Array<string | number>): Node | undefined {
  if (!root) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return node;
  }
  return root;
}

function issueAt(text: string, root: Node | undefined, path: Array<string | number>, message: string): IntentsIssue {
  const node = nodeFor(root, path);
  const offset = node?.offset ?? 0;
  const { line, column } = locate(text, offset);
  return { path: path.length > 0 ? path.join('.') : '(top level)', message, line, column, length: Math.max(1, Math.min(node?.length ?? 1, 200)) };
}

/**
 * Parses an intents document: JSON with comments (JSONC), checked against the intents schema,
 * with every CEL condition compiled. Pure; the page uses it to mark errors as a person types, and
 * the conductor uses it again on save, so a broken document is never stored.
 */
export function parseIntents(text: string, options: ParseOptions = {}): ParsedIntents {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const issues = errors.slice(0, 20).map((e) => {
      const { line, column } = locate(text, e.offset);
      return { path: '(syntax)', message: `JSON syntax: ${printParseErrorCode(e.error)}`, line, column, length: Math.max(1, e.length) };
    });
    return { ok: false, issues: issues.length > 0 ? issues : [{ path: '(top level)', message: 'The document is empty.', line: 1, column: 1, length: 1 }] };
  }
  const raw: unknown = JSON.parse(JSON.stringify(nodeValue(root)));
  const checked = intentsDocumentSchema.safeParse(raw);
  if (!checked.success) {
    return {
      ok: false,
      issues: checked.error.issues.slice(0, 50).map((issue) => {
        const path = issue.path as Array<string | number>;
        // An unknown key is marked where it is written, not at the object holding it.
        const at = issue.code === 'unrecognized_keys' && issue.keys.length > 0 ? [...path, issue.keys[0] as string] : path;
        return issueAt(text, root, at, issue.message);
      }),
    };
  }
  const issues: IntentsIssue[] = [];
  checked.data.intents.forEach((intent, i) => {
    const conditions: Array<[Array<string | number>, string | undefined]> = [];
    if (intent.kind === 'reaction') conditions.push([['intents', i, 'when', 'if'], intent.when.if]);
    if (intent.kind === 'deadline') conditions.push([['intents', i, 'after', 'if'], intent.after.if]);
    if (intent.kind === 'invariant') conditions.push([['intents', i, 'over', 'if'], intent.over.if], [['intents', i, 'require'], intent.require]);
    for (const [path, source] of conditions) {
      if (source === undefined) continue;
      const compiled = compileCondition(source);
      if (!compiled.ok) issues.push(issueAt(text, root, path, compiled.message));
    }
    if (intent.model !== undefined && options.modelNames && !options.modelNames.has(intent.model)) {
      const known = [...options.modelNames].slice(0, 8).join(', ');
      issues.push(issueAt(text, root, ['intents', i, 'model'], `no model is called “${intent.model}”${known ? `; models: ${known}` : ''}`));
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, document: checked.data };
}

/** The plain value of a JSONC tree (jsonc-parser's getNodeValue, without prototype keys). */
function nodeValue(node: Node): unknown {
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

/** Issues as one sentence list, path and line first: what a refused save says. */
export function describeIntentsIssues(issues: readonly IntentsIssue[], limit = 5): string {
  const lines = issues.slice(0, limit).map((i) => `At ${i.path} (line ${i.line}): ${i.message}`);
  const more = issues.length - limit;
  return more > 0 ? `${lines.join('; ')}; and ${more} more` : lines.join('; ');
}
