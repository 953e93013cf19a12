import { alertsDocumentSchema } from '../../core/alerts/alertsDocument';
import { jsonSchemaWithIds } from '../jsonc/jsonSchemaWithIds';
import { ALERT_DOCS } from './alertDocs';

type SchemaNode = {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  examples?: unknown[];
  enum?: unknown[];
  defaultSnippets?: unknown[];
};

/** Conditions completion offers for `when`: the shapes of seed 003's rules. */
export const CONDITION_EXAMPLES = [
  'error_rate > 5% over 5m',
  'failure_rate > 20% over 1h',
  'daily_cost > 0.8 × budget',
  'daily_cost > $10',
  'run_duration > 20m',
  'agent_failures > 2 in 10m',
];

/**
 * The alerts document's JSON Schema, from the zod schema the conductor checks it with: `when`
 * completes to example conditions, `flow` to the project's flow names, and a new rule to a snippet.
 */
export function alertsJsonSchema(flowNames: readonly string[]): unknown {
  const schema = jsonSchemaWithIds(alertsDocumentSchema, [], ALERT_DOCS) as SchemaNode;
  const alerts = schema.properties?.alerts;
  const rule = alerts && typeof alerts.additionalProperties === 'object' ? alerts.additionalProperties : undefined;
  const props = rule?.properties;
  if (rule && props) {
    if (props.when) props.when.examples = CONDITION_EXAMPLES;
    if (props.flow && flowNames.length > 0) props.flow.enum = [...flowNames];
    rule.defaultSnippets = [
      {
        label: 'New alert rule',
        body: { when: '${1:error_rate > 5% over 5m}', action: '${2|notify,throttle,review|}' },
      },
    ];
  }
  return schema;
}
