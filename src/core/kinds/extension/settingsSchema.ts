import { z } from 'zod';
import { canonicalJson } from '../../events/canonicalJson';

export const MAX_SETTINGS_FIELDS = 32;
const MAX_SETTINGS_SCHEMA_CHARS = 20_000;

/** A settings field's name: an identifier, so it reads well as ctx.settings.name. */
export const settingNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/, 'must be an identifier (letters, digits, _; 40 at most)')
  .refine((s) => !['__proto__', 'constructor', 'prototype'].includes(s), 'is a reserved name');

/**
 * The settings of a provided kind, as a JSON Schema object: `type: "object"` with `properties`.
 * Anything JSON Schema allows beside them may stay (required, additionalProperties, $defs…), as
 * long as zod can turn the whole into a validator; the manifest check proves it can.
 */
export const settingsJsonSchemaSchema = z.looseObject({
  type: z.literal('object', { error: 'must be "object": a kind\'s settings are an object of fields' }),
  properties: z
    .record(
      settingNameSchema,
      z.looseObject({}, { error: 'must be a JSON Schema object such as { "type": "string" }' }),
    )
    .refine((p) => Object.keys(p).length <= MAX_SETTINGS_FIELDS, `has more than ${MAX_SETTINGS_FIELDS} fields`),
  required: z.array(settingNameSchema).max(MAX_SETTINGS_FIELDS).optional(),
});
export type SettingsJsonSchema = z.infer<typeof settingsJsonSchemaSchema>;

/** What settingsValidator and settingsDefaults read of a provided kind. */
export interface KindWithSettings {
  settings: SettingsJsonSchema;
}

type Converted = { ok: true; validator: z.ZodType } | { ok: false; reason: string };

/** zod's converter throws on what it cannot represent (if/then/else, external $ref…): that becomes a reason. */
export function convertSettingsSchema(schema: SettingsJsonSchema): Converted {
  try {
    return { ok: true, validator: z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The zod validator of a kind's settings, from its JSON Schema. The kind must have passed the
 * manifest check (which proves the schema converts); a schema that does not convert throws.
 */
export function settingsValidator(kind: KindWithSettings): z.ZodType {
  const converted = convertSettingsSchema(kind.settings);
  if (!converted.ok) throw new TypeError(`The settings schema does not convert: ${converted.reason}`);
  return converted.validator;
}

/** The `default` of each settings field that has one, so an editor's template starts filled. */
export function settingsDefaults(kind: KindWithSettings): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(kind.settings.properties)) {
    if (Object.hasOwn(field, 'default')) defaults[name] = field.default;
  }
  return defaults;
}

/**
 * The problems of a settings schema, as [path inside the schema, message] pairs: it must convert,
 * stay small, list only its own fields as required, and each field's default must be valid.
 */
export function settingsSchemaProblems(schema: SettingsJsonSchema): Array<[PropertyKey[], string]> {
  const problems: Array<[PropertyKey[], string]> = [];
  let size: number;
  try {
    size = canonicalJson(schema).length;
  } catch {
    return [[[], 'holds a value JSON cannot carry']];
  }
  if (size > MAX_SETTINGS_SCHEMA_CHARS)
    problems.push([
      [],
      `is ${size.toLocaleString('en')} characters; the limit is ${MAX_SETTINGS_SCHEMA_CHARS.toLocaleString('en')}`,
    ]);
  for (const [index, name] of (schema.required ?? []).entries()) {
    if (!Object.hasOwn(schema.properties, name))
      problems.push([['required', index], `names “${name}”, which is not one of its properties`]);
  }
  const converted = convertSettingsSchema(schema);
  if (!converted.ok)
    return [...problems, [[], `is not a JSON Schema the studio can check settings with (${converted.reason})`]];
  const defaults = settingsDefaults({ settings: schema });
  const checked = converted.validator.safeParse(defaults);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && Object.hasOwn(defaults, field))
        problems.push([
          ['properties', field, 'default', ...issue.path.slice(1)],
          `does not fit its own schema: ${issue.message}`,
        ]);
    }
  }
  return problems;
}
