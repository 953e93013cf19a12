import { describe, expect, it } from 'vitest';
import { parseIntents } from './parseIntents';
import { intentsJsonSchema } from './intentSchema';

const doc = (intent: string) => `// comments are allowed
{
  "version": 1,
  "intents": [
${intent}
  ]
}`;

describe('parsing the intents document', () => {
  it('accepts JSON with comments and trailing commas', () => {
    const parsed = parseIntents(
      doc(
        `    { "id": "r", "kind": "reaction", "when": { "fact": "call.logged", "if": "data.risk > 0.5" }, "expect": { "fact": "score.updated" } },`,
      ),
    );
    expect(parsed.ok).toBe(true);
  });

  it('reports a typo with its path and line', () => {
    const parsed = parseIntents(
      doc(
        `    { "id": "r", "kind": "reaction",\n      "wen": { "fact": "call.logged" }, "expect": { "fact": "score.updated" } }`,
      ),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => [i.path, i.line])).toContainEqual(['intents.0.wen', 6]);
    expect(parsed.issues.some((i) => /wen/.test(i.message))).toBe(true);
  });

  it('reports a bad fact name at its own line, and a broken CEL condition', () => {
    const parsed = parseIntents(
      doc(
        `    { "id": "r", "kind": "reaction", "when": { "fact": "call.logged", "if": "data.risk >" },\n      "expect": { "fact": "Score Updated" } }`,
      ),
    );
    if (parsed.ok) throw new Error('should fail');
    expect(parsed.issues[0]).toMatchObject({ path: 'intents.0.expect.fact', line: 6 });
    const cel = parseIntents(
      doc(
        `    { "id": "r", "kind": "reaction", "when": { "fact": "call.logged", "if": "data.risk >" }, "expect": { "fact": "a.b" } }`,
      ),
    );
    if (cel.ok) throw new Error('should fail');
    expect(cel.issues[0]).toMatchObject({
      path: 'intents.0.when.if',
      line: 5,
      message: expect.stringMatching(/not a valid CEL condition/),
    });
  });

  it('reports JSON syntax errors by line, duplicate ids, and unknown models', () => {
    const syntax = parseIntents('{\n  "version": 1,\n  "intents": [\n}');
    if (syntax.ok) throw new Error('should fail');
    expect(syntax.issues[0]?.line).toBe(4);
    const dup = parseIntents(
      doc(
        `{ "id": "a", "kind": "quality", "metric": "step-failure-rate", "target": { "max": 0.1 } },\n{ "id": "a", "kind": "quality", "metric": "step-failure-rate", "target": { "max": 0.1 }, "model": "ghost" }`,
      ),
      { modelNames: new Set(['real']) },
    );
    if (dup.ok) throw new Error('should fail');
    expect(dup.issues.map((i) => i.path)).toEqual(['intents.1.id']);
    const ghost = parseIntents(
      doc(
        `{ "id": "a", "kind": "quality", "metric": "step-failure-rate", "target": { "max": 0.1 }, "model": "ghost" }`,
      ),
      { modelNames: new Set(['real']) },
    );
    expect(ghost.ok ? [] : ghost.issues.map((i) => i.message)).toEqual(['no model is called “ghost”; models: real']);
  });

  it('refuses prototype keys as unknown fields', () => {
    const parsed = parseIntents('{ "version": 1, "intents": [], "__proto__": { "x": 1 } }');
    expect(parsed.ok).toBe(false);
  });

  it('generates a JSON Schema from the same zod schema, with docs for hover', () => {
    const schema = JSON.stringify(intentsJsonSchema());
    expect(schema).toContain('"reaction"');
    expect(schema).toContain('A CEL condition');
  });
});
