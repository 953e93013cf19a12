import { kept, textOf, type NodeOutcome } from '../nodeMapping';
import type { SourceNode } from '../sourceGraph';
import { untranslatable } from './n8nExpressions';
import { itemScript } from './n8nItemScript';

/*
 * n8n's Code node (and the older Function / Function Item): its JavaScript runs in the studio's
 * sandbox inside an adapter that gives it `$input`, `$json` and `items` over the step's input and
 * turns what it returns (`[{ json }]`, `{ json }` or a plain value) back into the item.
 */

const REACHES_OUT =
  /\$\(|\$node\b|\$env\b|\$vars\b|\$workflow\b|\$execution\b|\$items\s*\(|\bthis\.helpers\b|\brequire\s*\(|\$getWorkflowStaticData\b|\$now\b|\$today\b/;

export function mapN8nCode(node: SourceNode): NodeOutcome {
  const p = node.params;
  const type = node.type.split('.').pop();
  if (p.language !== undefined && p.language !== 'javaScript')
    return kept(
      `It is written in ${textOf(p.language, 'another language')}; the studio's scripts run JavaScript and TypeScript.`,
      'Code (Python)',
    );
  const code = textOf(p.jsCode ?? p.functionCode);
  const reach = REACHES_OUT.exec(code);
  if (reach)
    return kept(
      `Its code uses ${reach[0].trim()}, which reaches outside its input (another node, the environment, helpers); the adapter gives it only $input, $json and items.`,
      'Code',
    );
  const expressionInCode = untranslatable(`=${code}`);
  if (expressionInCode) return kept(`Its code uses ${expressionInCode}.`, 'Code');
  const perItem = p.mode === 'runOnceForEachItem' || type === 'functionItem';
  const run = perItem
    ? `const results: unknown[] = [];
for (const entry of items) {
  const $json = entry.json; const item = entry.json; void item;
  const $input = { item: entry, all: () => items, first: () => items[0], last: () => items[items.length - 1] }; void $input;
  results.push(await (async () => {
${code}
  })());
}
const result: unknown = results;`
    : `const result: unknown = await (async () => {
${code}
})();`;
  return itemScript(
    node,
    `script (n8n ${type}, ${perItem ? 'once per item' : 'once for all items'})`,
    'n8n’s code, with $input, $json and items adapted to the step’s input.',
    `${run}
const out = (Array.isArray(result) ? result : result === undefined ? [] : [result]).map((r: any) => (r && typeof r === 'object' && 'json' in r ? r.json : r));
ctx.emit('item', out.length === 1 ? out[0] : out);`,
  );
}
