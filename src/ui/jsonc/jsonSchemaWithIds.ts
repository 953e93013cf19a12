import { z } from 'zod';
import { describeProperties } from './jsonSchemaRegistry';

/** A value a reference field may take (an id, or a name the conductor resolves), and what completion says of it. */
export interface IdChoice {
  id: string;
  label: string;
}

/**
 * The JSON Schema of a zod schema (its input side) for Monaco, where fields of the given id schemas
 * (`modelIdSchema`, `stepIdSchema`…) complete to the given values (the project's names, or ids),
 * each described by its label: people never have to copy a generated id by hand. Properties get hover text from `docs`.
 */
export function jsonSchemaWithIds(
  schema: z.ZodType,
  choices: ReadonlyArray<readonly [idSchema: unknown, choices: readonly IdChoice[]]>,
  docs: Readonly<Record<string, string>> = {},
): unknown {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const found = choices.find(([idSchema]) => idSchema === ctx.zodSchema)?.[1];
      // With nothing to choose from, leave the field open rather than forbid every value.
      if (!found || found.length === 0) return;
      // The listed values are the rule; an id's pattern would refuse a name with a space in it.
      delete ctx.jsonSchema.pattern;
      delete ctx.jsonSchema.minLength;
      delete ctx.jsonSchema.maxLength;
      ctx.jsonSchema.enum = found.map((c) => c.id);
      ctx.jsonSchema.enumDescriptions = found.map((c) => c.label);
    },
  });
  return describeProperties(json, docs);
}
