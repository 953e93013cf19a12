import { parse } from './celParse';

/** What a condition sees about a fact. */
export interface FactScope {
  fact: string;
  subject: string;
  data: Record<string, unknown>;
}

export type Condition = (scope: FactScope) => boolean;

/**
 * Compiles a CEL condition. CEL is interpreted (no `eval`, no `new Function`), so it runs under
 * a strict CSP and in the conductor worker. A condition that cannot be evaluated for a fact (a
 * missing field, a type mismatch) counts as false: a rule about `data.risk` says nothing about a
 * fact without a risk.
 */
export function compileCondition(source: string): { ok: true; test: Condition } | { ok: false; message: string } {
  try {
    const program = parse(source);
    return {
      ok: true,
      test: (scope) => {
        try {
          return program(scope) === true;
        } catch {
          return false;
        }
      },
    };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `is not a valid CEL condition: ${text.split('\n')[0] ?? text}` };
  }
}
