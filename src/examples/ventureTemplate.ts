import type { ModelCompiler } from '../core/conductor/ports';
import type { EventDraft } from '../core/events/eventMap';
import { buildExample, json, text, type ExampleModelSpec } from './buildExample';

/** A stage that adds its own section to the dossier it is handed: the shape of most of this pipeline. */
const stage = (
  key: string,
  name: string,
  description: string,
  section: string,
  input = 'dossier',
): ExampleModelSpec => ({
  key,
  name,
  description,
  inputs: [text(input)],
  outputs: [text('dossier')],
  source: `// ${description}
export default async function run(ctx: Ctx) {
  const dossier = String(ctx.inputs.${input} ?? '');
  await new Promise((resolve) => setTimeout(resolve, 150));
  ctx.emit('dossier', dossier + '\\n\\n## ${name}\\n' + ${JSON.stringify(section)});
}
`,
});

const models: ExampleModelSpec[] = [
  {
    key: 'budget',
    name: 'Budget check',
    description: 'Passes the idea on only if the run’s budget has room for the whole pipeline.',
    kind: 'gate',
    inputs: [text('idea')],
    outputs: [text('go'), text('over')],
    check: { type: 'budget', reserve: { tokens: 5_000, costUsd: 0.05 } },
  },
  {
    key: 'normalize',
    name: 'Normalize',
    description: 'Turns the raw idea into a one-line problem statement.',
    inputs: [text('idea')],
    outputs: [text('dossier')],
    source: `// Turns the raw idea into a one-line problem statement.
export default async function run(ctx: Ctx) {
  const idea = String(ctx.inputs.idea ?? '').trim() || 'an unnamed idea';
  await new Promise((resolve) => setTimeout(resolve, 150));
  ctx.emit('dossier', '# ' + idea.replace(/\\s+/g, ' ') + '\\nProblem: people need ' + idea.toLowerCase() + '.');
}
`,
  },
  stage(
    'research',
    'Research',
    'Collects what exists already.',
    'Three incumbents; none works offline; users complain about sign-up walls.',
  ),
  stage(
    'feasibility',
    'Feasibility',
    'Judges whether a small team can build it.',
    'Buildable by two people in eight weeks with a browser-only stack.',
  ),
  stage(
    'market',
    'Market & Moat',
    'Sizes the market and names the moat.',
    'Mid-size niche; moat: local-first data and a file format people keep.',
  ),
  {
    key: 'risk',
    name: 'Risk',
    description: 'Scores regulatory and safety risk from 0 to 10; a score above 3 needs a person.',
    inputs: [text('dossier')],
    outputs: [json('assessment')],
    source: `// Scores risk: regulated domains score high, and then a person must review.
export default async function run(ctx: Ctx) {
  const dossier = String(ctx.inputs.dossier ?? '');
  const flags = ['medical', 'health', 'gambling', 'crypto', 'loan', 'children'].filter((w) => dossier.toLowerCase().includes(w));
  const risk = Math.min(10, 2 + flags.length * 5);
  ctx.emit('assessment', { dossier, risk, flags, summary: flags.length ? 'Regulated domain: ' + flags.join(', ') : 'No regulated domain found.' });
}
`,
  },
  {
    key: 'riskGate',
    name: 'Risk gate',
    description: 'Passes low-risk ideas straight on; flags the rest for human review.',
    kind: 'gate',
    inputs: [json('assessment')],
    outputs: [json('pass'), json('flag')],
    check: { type: 'quality', rule: 'value.risk <= 3' },
  },
  {
    key: 'review',
    name: 'Human review',
    description: 'A person approves a risky idea to go on, or stops it.',
    kind: 'gate',
    inputs: [json('assessment')],
    outputs: [json('approved')],
    check: { type: 'approval', question: 'This idea was flagged as risky. Let it go on to UX and build?' },
  },
  {
    key: 'ux',
    name: 'UX',
    description: 'Sketches the first screens, from whichever way the idea came through the risk gate.',
    inputs: [json('assessed'), json('reviewed')],
    outputs: [text('dossier')],
    source: `// Sketches the first screens. It starts on either input (join: any).
export default async function run(ctx: Ctx) {
  const a = (ctx.inputs.assessed ?? ctx.inputs.reviewed) as { dossier: string; risk: number };
  await new Promise((resolve) => setTimeout(resolve, 150));
  ctx.emit('dossier', a.dossier + '\\n\\n## Risk\\nScore ' + a.risk + (ctx.inputs.reviewed ? ' (approved by a person)' : '') + '\\n\\n## UX\\nOne screen: a canvas, a run button, a timeline.');
}
`,
  },
  stage(
    'scaffold',
    'Scaffold',
    'Lays out the repository.',
    'Vite + React + TypeScript; src/core pure; e2e with Playwright.',
  ),
  stage('apis', 'APIs', 'Names the interfaces between parts.', 'Commands in, events out; one schema per record.'),
  {
    key: 'export',
    name: 'Export',
    description: 'Packs the dossier into the final hand-off document.',
    inputs: [text('dossier')],
    outputs: [text('handoff')],
    source: `// Packs the dossier into the final hand-off document.
export default async function run(ctx: Ctx) {
  ctx.emit('handoff', String(ctx.inputs.dossier ?? '') + '\\n\\n---\\nReady to build.');
}
`,
  },
];

const row = (i: number) => 60 + i * 230;

/**
 * The nine-stage pipeline from the seeds: a budget check before it starts, then Normalize →
 * Research → Feasibility → Market & Moat → Risk (a quality gate passes low risk, else a person
 * reviews) → UX → Scaffold → APIs → Export. The run's budget is a flow policy.
 */
export function ventureTemplateEvents(compile: ModelCompiler, newId: (prefix: string) => string): EventDraft[] {
  return buildExample(
    {
      flowName: 'Venture pipeline',
      models,
      steps: [
        { key: 'budget', x: row(0), y: 40 },
        { key: 'normalize', x: row(1), y: 40 },
        { key: 'research', x: row(2), y: 40 },
        { key: 'feasibility', x: row(3), y: 40 },
        { key: 'market', x: row(4), y: 40 },
        { key: 'risk', x: row(4), y: 220 },
        { key: 'riskGate', x: row(3), y: 220 },
        { key: 'review', x: row(2), y: 360 },
        { key: 'ux', x: row(1), y: 220, settings: { join: { policy: 'any' } } },
        { key: 'scaffold', x: row(0), y: 400 },
        { key: 'apis', x: row(1), y: 400 },
        { key: 'export', x: row(2), y: 520 },
      ],
      edges: [
        ['budget', 'go', 'normalize', 'idea'],
        ['normalize', 'dossier', 'research', 'dossier'],
        ['research', 'dossier', 'feasibility', 'dossier'],
        ['feasibility', 'dossier', 'market', 'dossier'],
        ['market', 'dossier', 'risk', 'dossier'],
        ['risk', 'assessment', 'riskGate', 'assessment'],
        ['riskGate', 'pass', 'ux', 'assessed'],
        ['riskGate', 'flag', 'review', 'assessment'],
        ['review', 'approved', 'ux', 'reviewed'],
        ['ux', 'dossier', 'scaffold', 'dossier'],
        ['scaffold', 'dossier', 'apis', 'dossier'],
        ['apis', 'dossier', 'export', 'dossier'],
      ],
      policies: `{
  // Policies merge project → flow → step; later levels override earlier ones.
  "project": { "timeoutMs": 30000 },
  "flows": {
    "Venture pipeline": {
      // The whole run may spend at most this much; the budget check gate looks at it first.
      "budget": { "run": { "tokens": 20000, "costUsd": 0.5, "wallMs": 120000 }, "onExceed": "ask" }
    }
  }
}
`,
    },
    compile,
    newId,
  );
}
