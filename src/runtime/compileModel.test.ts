import { describe, expect, it } from 'vitest';
import { compileModel } from './compileModel';
import { DEFAULT_MODEL_SOURCE } from '../core/models/ctxTypes';

/** Runs compiled code the way a sandbox does, minus the sandbox, to prove the shape is right. */
function load(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('exports', 'module', 'require', code)(module.exports, module, () => {
    throw new Error('no require');
  });
  return module.exports;
}

describe('compileModel', () => {
  it('strips types and turns `export default` into exports.default', async () => {
    const result = compileModel(
      'interface In { n: number }\nexport default async function run(ctx: { inputs: In; emit(p: string, v: unknown): void }) {\n  ctx.emit("out", ctx.inputs.n * 2);\n}\n',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code).not.toMatch(/interface|: In/);
    const main = load(result.code)['default'];
    expect(typeof main).toBe('function');
    const emitted: unknown[] = [];
    await (main as (ctx: unknown) => Promise<void>)({
      inputs: { n: 21 },
      emit: (_p: string, v: unknown) => emitted.push(v),
    });
    expect(emitted).toEqual([42]);
  });

  it('compiles the starter model', () => {
    const result = compileModel(DEFAULT_MODEL_SOURCE);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(typeof load(result.code)['default']).toBe('function');
  });

  it('reports a syntax error with its line and column, without sucrase’s suffix', () => {
    const result = compileModel('export default function run(ctx: Ctx) {\n  const x = (;\n}\n');
    expect(result).toEqual({ ok: false, message: 'Line 2, column 14: Unexpected token' });
  });

  it('reports an unclosed block on the line where the file ends', () => {
    const result = compileModel('export default function run() {\n  if (true) {\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^Line 3, column \d+: /);
  });

  it('leaves the default-export check to run time: code without one still compiles', () => {
    expect(compileModel('const x: number = 1;').ok).toBe(true);
  });
});
