import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CTX_TYPES_DTS, DEFAULT_MODEL_SOURCE } from './ctxTypes';

/** Type-checks `source` the way Monaco does for a script model: the ctx declarations, ES2022, no DOM. */
function diagnostics(source: string): string[] {
  const files: Record<string, string> = { '/ctx.d.ts': CTX_TYPES_DTS, '/model.ts': source };
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files[name] ?? readFile(name);
  host.fileExists = (name) => name in files || fileExists(name);
  host.getSourceFile = (name, version) =>
    name in files ? ts.createSourceFile(name, files[name] ?? '', version) : getSourceFile(name, version);
  const program = ts.createProgram(['/ctx.d.ts', '/model.ts'], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

// Each case builds a TypeScript program with the ES2022 lib: seconds on a busy machine.
describe('CTX_TYPES_DTS', { timeout: 30_000 }, () => {
  it('declares ctx.settings, ctx.llm and ctx.fetch as a script author uses them', () => {
    const source = `export default async function run(ctx: Ctx) {
  const limit = Number(ctx.settings.limit ?? 10);
  const { text, usage } = await ctx.llm({ model: 'summariser', prompt: 'Summarise', system: 'Be brief.', maxTokens: 100, temperature: 0 });
  const response = await ctx.fetch('https://example.com/data.csv', { method: 'POST', headers: { accept: 'text/csv' }, body: '{}' });
  const parsed: unknown = response.ok && response.status === 200 ? response.json() : response.text;
  ctx.emit('output', { limit, text, tokens: usage.promptTokens + usage.completionTokens, type: response.headers['content-type'], parsed });
}`;
    expect(diagnostics(source)).toEqual([]);
    expect(diagnostics(DEFAULT_MODEL_SOURCE)).toEqual([]);
  });

  it('says no to what the sandbox refuses', () => {
    const wrong = diagnostics(`export default async function run(ctx: Ctx) {
  ctx.settings.limit = 1;
  await ctx.llm({ prompt: 'no model' });
  await ctx.fetch('https://example.com', { body: { not: 'text' } });
}`);
    expect(wrong).toHaveLength(3);
    expect(wrong[0]).toMatch(/only permits reading/);
    expect(wrong[1]).toMatch(/model/);
    expect(wrong[2]).toMatch(/not assignable to type 'string'/);
  });
});
