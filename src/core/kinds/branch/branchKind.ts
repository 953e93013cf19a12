import { StudioError } from '../../errors/studioError';
import { compileCondition } from '../../cel/condition';
import type { KindModule } from '../kindModule';
import { documentSchemaOf } from '../documentSchema';
import { TEMPLATE_HEADER } from '../modelFields';
import { branchModelSchema, type BranchModel } from './branchSchema';

const TEMPLATE = `${TEMPLATE_HEADER}
// A branch routes its one input to the first output whose CEL condition holds (\`value\` is the
// artifact). The other outputs are skipped, and so is everything downstream that needs them.
{
  "kind": "branch",
  "name": "Route by score",
  "inputs": [{ "name": "value", "type": "json" }],
  "outputs": [
    { "name": "high", "type": "json" },
    { "name": "low", "type": "json" }
  ],
  "routes": [
    { "port": "high", "when": "value.score >= 0.8" },
    { "port": "low", "when": "true" }
  ]
}
`;

/** Branches: the conductor routes the input to the first output whose condition holds. */
export const branchKind: KindModule<BranchModel> = {
  key: 'branch',
  extensionId: 'built-in.branch',
  label: 'Branch',
  schema: branchModelSchema,
  editor: 'definition',
  role: () => 'route',
  route(model, value) {
    for (const r of model.routes) {
      const condition = compileCondition(r.when);
      if (!condition.ok) return { failed: `Its route to “${r.port}” ${condition.message}` };
      if (condition.test({ value } as never))
        return { taken: r.port, detail: `${r.when} held, so it went to “${r.port}”.` };
    }
    return { taken: null, detail: 'No route’s condition held, so nothing downstream of it runs.' };
  },
  check(model) {
    const outputs = new Set(model.outputs.map((p) => p.name));
    const stray = model.routes.find((r) => !outputs.has(r.port));
    if (stray)
      throw new StudioError(
        'invalid-command',
        `Route to “${stray.port}” names no output of the branch.`,
        `Outputs: ${[...outputs].join(', ')}.`,
      );
  },
  badge: () => 'branch',
  templates: [
    {
      key: 'branch',
      label: 'Branch',
      hint: 'Routes its input to one output by a condition',
      text: () => TEMPLATE,
      document: documentSchemaOf(branchModelSchema),
    },
  ],
  templateOf: () => 'branch',
  docs: {
    routes: 'In order: the input goes to the first route whose condition holds; the other outputs are skipped.',
    port: 'An output port of this model.',
    when: 'A CEL condition over `value` (the input artifact), e.g. value.score >= 0.8, or true.',
  },
};
