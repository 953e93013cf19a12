import { describe, expect, it } from 'vitest';
import { settingsDefaults, settingsValidator } from './settingsSchema';

const kind = {
  settings: {
    type: 'object' as const,
    properties: {
      url: { type: 'string', format: 'uri' },
      method: { type: 'string', enum: ['GET', 'POST'], default: 'GET' },
      retries: { type: 'integer', minimum: 0, maximum: 5, default: 2 },
    },
    required: ['url'],
    additionalProperties: false,
  },
};

describe("a kind's settings", () => {
  it('validate through the zod schema converted from their JSON Schema', () => {
    const validator = settingsValidator(kind);
    expect(validator.parse({ url: 'http://127.0.0.1:4610/x' })).toEqual({
      url: 'http://127.0.0.1:4610/x',
      method: 'GET',
      retries: 2,
    });
    const bad = validator.safeParse({ url: 'not a url', method: 'PUT', retries: 9, extra: true });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.') || i.code).sort()).toEqual([
      'method',
      'retries',
      'unrecognized_keys',
      'url',
    ]);
  });

  it('give their defaults, for the editor template', () => {
    expect(settingsDefaults(kind)).toEqual({ method: 'GET', retries: 2 });
    expect(settingsDefaults({ settings: { type: 'object', properties: {} } })).toEqual({});
  });

  it('throw when the schema cannot convert (the manifest check refuses those first)', () => {
    expect(() => settingsValidator({ settings: { type: 'object', properties: { a: { type: 'frob' } } } })).toThrow(
      /does not convert/,
    );
  });
});
