import { policiesDocumentSchema } from '../../core/policy/policy';
import { jsonSchemaWithIds } from '../jsonc/jsonSchemaWithIds';
import { POLICY_DOCS } from './policyDocs';

type SchemaNode = { properties?: Record<string, SchemaNode>; additionalProperties?: unknown; description?: string };

/**
 * The policies document's JSON Schema, from the zod schema the conductor checks it with. The
 * project's flow names are offered as keys of `flows`, so completion writes them correctly.
 */
export function policiesJsonSchema(flowNames: readonly string[]): unknown {
  const schema = jsonSchemaWithIds(policiesDocumentSchema, [], POLICY_DOCS) as SchemaNode;
  const flows = schema.properties?.flows;
  if (flows && flows.additionalProperties && typeof flows.additionalProperties === 'object') {
    flows.properties = Object.fromEntries(
      flowNames.map((name) => [
        name,
        { ...(flows.additionalProperties as object), description: `The policy of the flow “${name}”.` },
      ]),
    );
  }
  return schema;
}
