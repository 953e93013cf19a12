import { literal } from './nodeMapping';

/*
 * The source of the small scripts an import writes. Each is a whole model the person can open and
 * edit in the code editor: a comment says which node it came from and what it does.
 */

/** A script model's source: `body` runs with `ctx` (and `inputs`, the step's inputs by port). */
export function scriptSource(origin: string, purpose: string, body: string): string {
  return `// Imported from ${origin.replace(/\n/g, ' ')}.
// ${purpose.replace(/\n/g, ' ')}
export default async function run(ctx: Ctx) {
  const inputs = ctx.inputs as Record<string, unknown>;
${body
  .split('\n')
  .map((line) => (line ? `  ${line}` : line))
  .join('\n')}
}
`;
}

/** Replaces `{{name}}` in a template by the inputs (by their names in the file), as Rivet's text and prompt nodes do. */
export function interpolateBody(template: string, ports: ReadonlyMap<string, string>, emitTo: string): string {
  return `const names: Record<string, string> = ${literal(Object.fromEntries(ports))};
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const text = ${literal(template)}.replace(/\\{\\{\\s*([^}]+?)\\s*\\}\\}/g, (whole: string, name: string) => {
  const port = names[name];
  return port !== undefined && inputs[port] !== undefined ? show(inputs[port]) : whole;
});
ctx.emit(${literal(emitTo)}, text);`;
}

/** The names between `{{` and `}}` in a template, in order, each once. */
export function templateNames(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}
