import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileCondition } from './condition';

describe('CEL conditions', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('compile and run with eval and the Function constructor gone, as under a strict CSP', () => {
    const refuse = () => {
      throw new Error('code generation from strings is not allowed');
    };
    vi.stubGlobal('eval', refuse);
    vi.stubGlobal('Function', refuse);
    const compiled = compileCondition('data.risk >= 0.85 && subject != "" && fact == "risk.assessed"');
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.test({ fact: 'risk.assessed', subject: 'acme', data: { risk: 0.9 } })).toBe(true);
    expect(compiled.test({ fact: 'risk.assessed', subject: 'acme', data: { risk: 0.5 } })).toBe(false);
  });

  it('a fact without the field does not match, and a broken condition says why', () => {
    const compiled = compileCondition('data.risk > 1');
    expect(compiled.ok && compiled.test({ fact: 'x', subject: '', data: {} })).toBe(false);
    const broken = compileCondition('data.risk >');
    expect(broken.ok ? '' : broken.message).toMatch(/^is not a valid CEL condition: /);
  });
});
