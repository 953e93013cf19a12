import { literal } from '../nodeMapping';

/*
 * n8n expressions (`={{ $json.name }}`, `=Hello {{ $json.first }}!`) turned into the JavaScript of
 * an import's adapter script, where `$json` and `$input` work over the step's inputs. Expressions
 * that reach outside the item (another node by name, the environment, the workflow, the clock)
 * cannot be translated: they are refused, and the node becomes a placeholder showing them.
 */

const UNREACHABLE =
  /\$\(|\$node\b|\$env\b|\$vars\b|\$secrets\b|\$execution\b|\$workflow\b|\$prevNode\b|\$items\b|\$item\b|\$runIndex\b|\$parameter\b|\$fromAI\b|\$position\b|\$now\b|\$today\b|\$binary\b|\$jmespath\b|\$ifEmpty\b|\$evaluateExpression\b|\brequire\s*\(|\bimport\s*\(/;

export type Translated = { ok: true; js: string; isTemplate: boolean } | { ok: false; expression: string };

/** Whether an n8n parameter value is an expression (`=` first) rather than a literal. */
export const isExpression = (value: unknown): boolean => typeof value === 'string' && value.startsWith('=');

/** The `{{ … }}` parts of an expression string, and the literal text around them. */
export function expressionParts(value: string): Array<{ text: string } | { expr: string }> {
  const body = value.startsWith('=') ? value.slice(1) : value;
  const parts: Array<{ text: string } | { expr: string }> = [];
  let at = 0;
  for (const m of body.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    if (m.index > at) parts.push({ text: body.slice(at, m.index) });
    parts.push({ expr: m[1]!.trim() });
    at = m.index + m[0].length;
  }
  if (at < body.length) parts.push({ text: body.slice(at) });
  return parts;
}

/** The first expression the adapter cannot translate, if any. */
export function untranslatable(value: unknown): string | undefined {
  if (typeof value !== 'string' || !isExpression(value)) return undefined;
  for (const part of expressionParts(value))
    if ('expr' in part && UNREACHABLE.test(part.expr)) return `{{ ${part.expr} }}`;
  return undefined;
}

/**
 * A parameter value as JavaScript: a literal as itself, `={{ expr }}` as the expression's value,
 * and a template with text around its expressions as a string.
 */
export function translate(value: unknown): Translated {
  if (typeof value !== 'string' || !isExpression(value)) return { ok: true, js: literal(value), isTemplate: false };
  const bad = untranslatable(value);
  if (bad) return { ok: false, expression: bad };
  const parts = expressionParts(value);
  if (parts.length === 1 && 'expr' in parts[0]!) return { ok: true, js: `(${parts[0].expr})`, isTemplate: false };
  const js = parts.map((p) => ('expr' in p ? `show(${p.expr})` : literal(p.text))).join(' + ');
  return { ok: true, js: js || "''", isTemplate: true };
}

/** The name a `$json.path` expression suggests for a port (its last field), if it is that simple. */
export function fieldName(expr: string): string | undefined {
  const m =
    /^\$(?:json|input\.(?:item|first\(\)|last\(\))\.json)((?:\.[A-Za-z_$][\w$]*|\[\s*(['"])[^'"]+\2\s*\])+)$/.exec(
      expr.trim(),
    );
  if (!m) return undefined;
  const last = /(?:\.([A-Za-z_$][\w$]*)|\[\s*['"]([^'"]+)['"]\s*\])$/.exec(m[1]!);
  return last?.[1] ?? last?.[2];
}

/**
 * The lines every n8n adapter script starts with: the step's first input as n8n items, `$input`
 * and `$json` over them, and `show` for text. A text input (an LLM's reply) is an item with `text`
 * and `output` (what chainLlm and agent nodes give in n8n).
 */
export const N8N_PRELUDE = `const first = Object.values(inputs).find((v) => v !== undefined);
const asJson = (v: unknown): Record<string, any> => (typeof v === 'string' ? { text: v, output: v } : v !== null && typeof v === 'object' ? (v as Record<string, any>) : { value: v });
const items: Array<{ json: Record<string, any> }> = Array.isArray(first) ? first.map((j) => ({ json: asJson(j) })) : first === undefined ? [] : [{ json: asJson(first) }];
const $input = { all: () => items, first: () => items[0], last: () => items[items.length - 1], item: items[0] };
const $json: Record<string, any> = items[0]?.json ?? {};
const show = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
void $input; void $json; void show;`;
