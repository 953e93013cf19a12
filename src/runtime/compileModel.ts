import { transform } from 'sucrase';
import type { CompileResult, ModelCompiler } from '../core/conductor/ports';

/** Sucrase appends " (line:column)" to its messages; the location is reported separately. */
const LOCATION_SUFFIX = /\s*\(\d+:\d+\)$/;

/**
 * Turns a script model's TypeScript into the CommonJS-style code a sandbox runs: types are
 * stripped and `export default` becomes `exports.default = …`. Sucrase, not tsc: it is small and
 * fast enough to run on every save in a worker. It does not type-check; Monaco does that while
 * the person types. Whether a default export exists is checked by the sandbox at run time.
 */
export const compileModel: ModelCompiler = (source: string): CompileResult => {
  try {
    const { code } = transform(source, { transforms: ['typescript', 'imports'] });
    return { ok: true, code };
  } catch (error) {
    return { ok: false, message: describeSyntaxError(error) };
  }
};

function describeSyntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message.replace(LOCATION_SUFFIX, '') : String(error);
  const loc = (error as { loc?: { line?: unknown; column?: unknown } } | null)?.loc;
  if (typeof loc?.line === 'number' && typeof loc.column === 'number')
    return `Line ${loc.line}, column ${loc.column}: ${message}`;
  return message;
}
