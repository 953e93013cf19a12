import type { ModelCompiler } from '../core/conductor/ports';
import type { EventDraft } from '../core/events/eventMap';
import { buildExample, json, text, type ExampleModelSpec } from './buildExample';

/** One of the five checks: it fails when `failsWhen` (a JS expression over `code`) holds. */
const check = (key: string, name: string, failsWhen: string, why: string): ExampleModelSpec => ({
  key,
  name,
  description: `${name} check: ${why}`,
  inputs: [text('code')],
  outputs: [json('result')],
  source: `// ${name}: fails when ${why}.
export default async function run(ctx: Ctx) {
  const code = String(ctx.inputs.code ?? '');
  await new Promise((resolve) => setTimeout(resolve, 100 + ctx.random() * 300));
  const failed = ${failsWhen};
  ctx.emit('result', { check: ${JSON.stringify(name)}, passed: !failed, notes: failed ? ${JSON.stringify(`Fails: ${why}.`)} : 'OK' });
}
`,
});

const models: ExampleModelSpec[] = [
  check('security', 'Security', '/eval\\(|innerHTML/.test(code)', 'the code uses eval or innerHTML'),
  check('performance', 'Performance', '/while\\s*\\(true\\)/.test(code)', 'the code has an endless loop'),
  check('quality', 'Quality', "code.split('\\n').some((l) => l.length > 160)", 'a line is longer than 160 characters'),
  check('testing', 'Testing', '!/test\\(|it\\(/.test(code)', 'there is no test'),
  check(
    'architecture',
    'Architecture',
    "/import .* from '\\.\\.\\/\\.\\.\\/\\.\\.\\//.test(code)",
    'imports reach three folders up',
  ),
  {
    key: 'aggregate',
    name: 'Aggregate',
    description: 'Collects the five results into one report.',
    inputs: [json('security'), json('performance'), json('quality'), json('testing'), json('architecture')],
    outputs: [json('report')],
    source: `// Collects the five results into one list.
export default async function run(ctx: Ctx) {
  const order = ['security', 'performance', 'quality', 'testing', 'architecture'];
  ctx.emit('report', order.map((k) => ctx.inputs[k]));
}
`,
  },
  {
    key: 'gate',
    name: 'All pass',
    description: 'Deploys only if every check passed; otherwise blocks and reports.',
    kind: 'gate',
    inputs: [json('report')],
    outputs: [json('pass'), json('blocked')],
    check: { type: 'quality', rule: 'value.all(c, c.passed)' },
  },
  {
    key: 'deploy',
    name: 'Deploy',
    description: 'Ships it (here: says what it would ship).',
    inputs: [json('report')],
    outputs: [text('deployment')],
    source: `// Ships it: here, says what it would ship.
export default async function run(ctx: Ctx) {
  ctx.emit('deployment', 'Deployed: all ' + (ctx.inputs.report as unknown[]).length + ' checks passed.');
}
`,
  },
  {
    key: 'report',
    name: 'Block & report',
    description: 'Blocks the deployment and says which checks failed and why.',
    inputs: [json('report')],
    outputs: [text('report')],
    source: `// Blocks the deployment and lists what failed.
export default async function run(ctx: Ctx) {
  const failed = (ctx.inputs.report as Array<{ check: string; passed: boolean; notes: string }>).filter((c) => !c.passed);
  ctx.emit('report', 'Blocked. ' + failed.length + ' check(s) failed:\\n' + failed.map((c) => '- ' + c.check + ': ' + c.notes).join('\\n'));
}
`,
  },
];

const checks = ['security', 'performance', 'quality', 'testing', 'architecture'];

/**
 * Five checks from the seeds run in parallel on the same code, their results are aggregated, and
 * an all-pass gate deploys, or blocks and reports which checks failed.
 */
export function checksTemplateEvents(compile: ModelCompiler, newId: (prefix: string) => string): EventDraft[] {
  return buildExample(
    {
      flowName: 'Release checks',
      models,
      steps: [
        ...checks.map((key, i) => ({ key, x: 80, y: 40 + i * 130 })),
        { key: 'aggregate', x: 380, y: 300 },
        { key: 'gate', x: 640, y: 300 },
        { key: 'deploy', x: 900, y: 200 },
        { key: 'report', x: 900, y: 420 },
      ],
      edges: [
        ...checks.map((key) => [key, 'result', 'aggregate', key] as const),
        ['aggregate', 'report', 'gate', 'report'],
        ['gate', 'pass', 'deploy', 'report'],
        ['gate', 'blocked', 'report', 'report'],
      ],
    },
    compile,
    newId,
  );
}
