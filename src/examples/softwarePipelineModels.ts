import type { Port } from '../core/events/primitives';

export interface ExampleModel {
  key: string;
  name: string;
  description: string;
  inputs: Port[];
  outputs: Port[];
  source: string;
}

/**
 * The built-in example's models: plain script models whose code runs in the sandbox like any
 * model a person writes. They pause briefly so a first-time visitor can watch the run unfold.
 */
export const softwarePipelineModels: ExampleModel[] = [
  {
    key: 'enhance',
    name: 'enhance_prompt',
    description: 'Turns a rough idea into a clear product brief.',
    inputs: [{ name: 'prompt', type: 'text' }],
    outputs: [{ name: 'brief', type: 'text' }],
    source: `// Turns a rough idea into a short, structured brief.
export default async function run(ctx: Ctx) {
  const idea = String(ctx.inputs.prompt ?? '').trim() || 'a todo app';
  await new Promise((resolve) => setTimeout(resolve, 400));
  const brief = [
    'Product brief: ' + idea,
    'Audience: people who want ' + idea + ' to just work.',
    'Must have: fast start, works offline, clear errors.',
  ].join('\\n');
  ctx.log('brief written, ' + brief.length + ' characters');
  ctx.emit('brief', brief);
}
`,
  },
  {
    key: 'extract',
    name: 'extract_features',
    description: 'Reads the brief and produces a prioritised backlog table.',
    inputs: [{ name: 'brief', type: 'text' }],
    outputs: [{ name: 'backlog', type: 'table' }],
    source: `// Produces a backlog table: one row per feature.
export default async function run(ctx: Ctx) {
  const brief = String(ctx.inputs.brief);
  const subject = brief.split('\\n')[0]?.replace('Product brief: ', '') ?? 'the product';
  await new Promise((resolve) => setTimeout(resolve, 400));
  const features = ['Create ' + subject, 'List and search', 'Work offline', 'Export data'];
  const backlog = features.map((feature, i) => ({
    id: 'F-' + (i + 1),
    feature,
    priority: i < 2 ? 'must' : 'should',
    estimate: 1 + ((i * 3) % 5),
  }));
  ctx.emit('backlog', backlog);
}
`,
  },
  {
    key: 'code',
    name: 'generate_code',
    description: 'Writes a code skeleton for every backlog item.',
    inputs: [{ name: 'backlog', type: 'table' }],
    outputs: [{ name: 'code', type: 'text' }],
    source: `type Row = { id: string; feature: string };

export default async function run(ctx: Ctx) {
  const rows = ctx.inputs.backlog as Row[];
  await new Promise((resolve) => setTimeout(resolve, 600));
  const code = rows
    .map((r) => '// ' + r.id + ': ' + r.feature + '\\nexport function ' + r.id.replace('-', '_').toLowerCase() + '() {\\n  return true;\\n}')
    .join('\\n\\n');
  ctx.emit('code', code);
}
`,
  },
  {
    key: 'tests',
    name: 'write_tests',
    description: 'Writes one test per backlog item.',
    inputs: [{ name: 'backlog', type: 'table' }],
    outputs: [{ name: 'tests', type: 'text' }],
    source: `type Row = { id: string; feature: string };

export default async function run(ctx: Ctx) {
  const rows = ctx.inputs.backlog as Row[];
  await new Promise((resolve) => setTimeout(resolve, 500));
  const tests = rows.map((r) => "test('" + r.feature + "', () => expect(" + r.id.replace('-', '_').toLowerCase() + '()).toBe(true));').join('\\n');
  ctx.emit('tests', tests);
}
`,
  },
  {
    key: 'review',
    name: 'review',
    description: 'Joins code and tests and reports coverage.',
    inputs: [
      { name: 'code', type: 'text' },
      { name: 'tests', type: 'text' },
    ],
    outputs: [{ name: 'report', type: 'json' }],
    source: `export default async function run(ctx: Ctx) {
  const code = String(ctx.inputs.code);
  const tests = String(ctx.inputs.tests);
  const functions = (code.match(/export function/g) ?? []).length;
  const covered = (tests.match(/test\\(/g) ?? []).length;
  await new Promise((resolve) => setTimeout(resolve, 300));
  ctx.emit('report', {
    verdict: covered >= functions ? 'approved' : 'changes requested',
    functions,
    tests: covered,
    coverage: functions === 0 ? 1 : Math.min(1, covered / functions),
  });
}
`,
  },
];

/** Step placement and wiring: enhance → extract → (code ∥ tests) → review. */
export const softwarePipelineLayout = {
  steps: [
    { key: 'enhance', x: 0, y: 120 },
    { key: 'extract', x: 280, y: 120 },
    { key: 'code', x: 560, y: 0 },
    { key: 'tests', x: 560, y: 240 },
    { key: 'review', x: 840, y: 120 },
  ],
  edges: [
    ['enhance', 'brief', 'extract', 'brief'],
    ['extract', 'backlog', 'code', 'backlog'],
    ['extract', 'backlog', 'tests', 'backlog'],
    ['code', 'code', 'review', 'code'],
    ['tests', 'tests', 'review', 'tests'],
  ] as const,
  defaultInput: 'a shared grocery list for families',
};
