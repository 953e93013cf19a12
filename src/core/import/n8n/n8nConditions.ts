import { textOf } from '../nodeMapping';
import { translate } from './n8nExpressions';

/*
 * n8n's conditions (the If, Switch and Filter nodes) as JavaScript over the item. Version 2 of
 * those nodes stores a filter: `{ conditions: [{ leftValue, rightValue, operator: { type,
 * operation } }], combinator }`; version 1 stores lists by value type (`string`, `number`,
 * `boolean`) of `{ value1, operation, value2 }` and a `combineOperation`.
 */

/** The `test(left, operation, right)` function the scripts use: n8n's operations, by name. */
export const CONDITION_RUNTIME = `const empty = (v: any) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
const test = (l: any, op: string, r: any): boolean => {
  switch (op) {
    case 'equals': case 'equal': return l == r;
    case 'notEquals': case 'notEqual': return l != r;
    case 'contains': return Array.isArray(l) ? l.includes(r) : String(l ?? '').includes(String(r));
    case 'notContains': return !(Array.isArray(l) ? l.includes(r) : String(l ?? '').includes(String(r)));
    case 'startsWith': return String(l ?? '').startsWith(String(r));
    case 'notStartsWith': return !String(l ?? '').startsWith(String(r));
    case 'endsWith': return String(l ?? '').endsWith(String(r));
    case 'notEndsWith': return !String(l ?? '').endsWith(String(r));
    case 'regex': return new RegExp(String(r)).test(String(l ?? ''));
    case 'notRegex': return !new RegExp(String(r)).test(String(l ?? ''));
    case 'gt': case 'larger': case 'after': return l > r;
    case 'gte': case 'largerEqual': case 'afterOrEquals': return l >= r;
    case 'lt': case 'smaller': case 'before': return l < r;
    case 'lte': case 'smallerEqual': case 'beforeOrEquals': return l <= r;
    case 'true': return l === true || l === 'true';
    case 'false': return l === false || l === 'false';
    case 'exists': return l !== undefined && l !== null;
    case 'notExists': return l === undefined || l === null;
    case 'empty': case 'isEmpty': return empty(l);
    case 'notEmpty': case 'isNotEmpty': return !empty(l);
    case 'lengthEquals': return (l ?? []).length == r;
    case 'lengthNotEquals': return (l ?? []).length != r;
    case 'lengthGt': return (l ?? []).length > r;
    case 'lengthLt': return (l ?? []).length < r;
    default: throw new Error('The n8n condition operation ' + op + ' is not known to the import.');
  }
};
void test;`;

export type ConditionJs = { ok: true; js: string } | { ok: false; reason: string };

const untranslated = (expression: string): ConditionJs => ({
  ok: false,
  reason: `Its condition uses the expression ${expression}, which reaches outside the item (the adapter reads only $json and $input); rewrite it in a script.`,
});

/** A set of conditions (either version) as one JavaScript boolean expression over `$json`. */
export function conditionsJs(conditions: unknown, combinator: unknown): ConditionJs {
  if (
    conditions &&
    typeof conditions === 'object' &&
    Array.isArray((conditions as { conditions?: unknown }).conditions)
  ) {
    const filter = conditions as { conditions: Array<Record<string, unknown>>; combinator?: unknown };
    const parts: string[] = [];
    for (const c of filter.conditions) {
      const operator = (c.operator ?? {}) as { operation?: unknown };
      const left = translate(c.leftValue);
      const right = translate(c.rightValue);
      if (!left.ok) return untranslated(left.expression);
      if (!right.ok) return untranslated(right.expression);
      parts.push(`test(${left.js}, ${JSON.stringify(textOf(operator.operation, 'equals'))}, ${right.js})`);
    }
    const join = (filter.combinator ?? combinator) === 'or' ? ' || ' : ' && ';
    return { ok: true, js: parts.length > 0 ? parts.map((p) => `(${p})`).join(join) : 'true' };
  }
  if (conditions && typeof conditions === 'object') {
    const parts: string[] = [];
    for (const list of Object.values(conditions as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      for (const c of list as Array<Record<string, unknown>>) {
        const left = translate(c.value1);
        const right = translate(c.value2 ?? '');
        if (!left.ok) return untranslated(left.expression);
        if (!right.ok) return untranslated(right.expression);
        parts.push(`test(${left.js}, ${JSON.stringify(textOf(c.operation, 'equal'))}, ${right.js})`);
      }
    }
    const join = combinator === 'any' ? ' || ' : ' && ';
    return { ok: true, js: parts.length > 0 ? parts.map((p) => `(${p})`).join(join) : 'true' };
  }
  return { ok: true, js: 'true' };
}
