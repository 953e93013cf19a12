import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HANDOFF_FILE_NAMES, handoffJsonSchema } from './handoffJsonSchemas';

const DOC = new URL('../../../docs/handoff.md', import.meta.url);

/** The JSON block under `### \`<name>\`` in the doc. */
function documentedSchema(doc: string, name: string): unknown {
  const start = doc.indexOf(`### \`${name}\``);
  if (start < 0) return undefined;
  const open = doc.indexOf('```json\n', start);
  const close = doc.indexOf('\n```', open + 8);
  return JSON.parse(doc.slice(open + 8, close));
}

describe('docs/handoff.md', () => {
  const doc = readFileSync(DOC, 'utf8');
  it.each(HANDOFF_FILE_NAMES)('prints the JSON Schema of %s as the code defines it', (name) => {
    expect(documentedSchema(doc, name)).toEqual(handoffJsonSchema(name));
  });
});
