import { sealEvents } from '../../../src/core/log/sealEvents';
import type { EventDraft } from '../../../src/core/events/eventMap';
import type { ProjectId } from '../../../src/core/ids';
import { buildExport } from '../../../src/share/buildExport';
import { templateEvents } from '../../../src/examples/templateEvents';
import { buildExample, json, text } from '../../../src/examples/buildExample';
import { compileModel } from '../../../src/runtime/compileModel';
import { sha256 } from '../../../src/runtime/sha256';

let counter = 0;
const newId = (prefix: string) => `${prefix}_t${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** A studio's definitions export, as the studio makes it: a short sealed log of models and flows. */
export async function definitionsExport(
  drafts: EventDraft[],
  projectId = newId('proj'),
): Promise<{ text: string; flowId: string; projectId: string }> {
  const sealed = await sealEvents({
    projectId: projectId as ProjectId,
    head: null,
    drafts: [{ type: 'project.created', data: { projectId: projectId as ProjectId, name: 'Runner test' } }, ...drafts],
    now: 1_700_000_000_000,
    sha256,
  });
  const doc = await buildExport({
    records: sealed,
    readArtifacts: () => Promise.resolve([]),
    contents: 'definitions',
    now: 1_700_000_000_000,
    sha256,
  });
  const flow = drafts.find((d) => d.type === 'flow.created');
  return { text: JSON.stringify(doc), flowId: flow?.type === 'flow.created' ? flow.data.flowId : '', projectId };
}

export const softwarePipeline = () => definitionsExport(templateEvents('example', compileModel, newId));

/**
 * A split step that makes `items` numbers, a map step that works on each for a while (CPU in
 * QuickJS, so more runner processes finish sooner), and a join that sums them.
 */
export function slowMapDrafts(items: number, workIterations: number, concurrency = 32): EventDraft[] {
  return buildExample(
    {
      flowName: 'Slow map',
      models: [
        {
          key: 'split',
          name: 'Split',
          description: 'Makes the items.',
          inputs: [text('input')],
          outputs: [json('items')],
          source: `export default (ctx) => { ctx.emit('items', Array.from({ length: ${items} }, (_, i) => i)); };`,
        },
        {
          key: 'work',
          name: 'Work',
          description: 'Works on one item for a while.',
          inputs: [json('item')],
          outputs: [json('result')],
          source: `export default (ctx) => { let x = 0; for (let i = 0; i < ${workIterations}; i++) x = (x + i * 7) % 1000003; ctx.emit('result', { item: ctx.inputs.item, x }); };`,
        },
        {
          key: 'sum',
          name: 'Sum',
          description: 'Counts the results.',
          inputs: [json('results')],
          outputs: [json('count')],
          source: `export default (ctx) => { ctx.emit('count', ctx.inputs.results.length); };`,
        },
      ],
      steps: [
        { key: 'split', x: 0, y: 0 },
        { key: 'work', x: 200, y: 0, settings: { map: { port: 'item', concurrency } } },
        { key: 'sum', x: 400, y: 0 },
      ],
      edges: [
        ['split', 'items', 'work', 'item'],
        ['work', 'result', 'sum', 'results'],
      ],
    },
    compileModel,
    newId,
  );
}

/** A chain of `n` trivial steps: the per-step overhead of the runner, with no work in the steps. */
export function chainDrafts(n: number): EventDraft[] {
  const models = [
    {
      key: 'step',
      name: 'Pass',
      description: 'Passes its input on.',
      inputs: [text('in')],
      outputs: [text('out')],
      source: `export default (ctx) => { ctx.emit('out', String(ctx.inputs.in ?? '') .slice(0, 10) + '.'); };`,
    },
  ];
  const drafts = buildExample(
    { flowName: 'Chain', models, steps: [{ key: 'step', x: 0, y: 0 }], edges: [] },
    compileModel,
    newId,
  );
  // One model, n steps of it in a line.
  const flow = drafts.find((d) => d.type === 'flow.created');
  const step = drafts.find((d) => d.type === 'step.added');
  if (flow?.type !== 'flow.created' || step?.type !== 'step.added') throw new Error('chain');
  const out: EventDraft[] = drafts.filter((d) => d.type !== 'step.added');
  let prev: string | null = null;
  for (let i = 0; i < n; i++) {
    const stepId = newId('step');
    out.push({
      type: 'step.added',
      data: { ...step.data, stepId: stepId as never, label: `Pass ${i + 1}`, position: { x: i * 10, y: 0 } },
    });
    if (prev)
      out.push({
        type: 'edge.added',
        data: {
          flowId: flow.data.flowId,
          edgeId: newId('edge') as never,
          source: { stepId: prev as never, port: 'out' },
          target: { stepId: stepId as never, port: 'in' },
        },
      });
    prev = stepId;
  }
  return out;
}

/** One LLM step that writes `prompt` back slowly: the test server's `slow` model, a chunk every 300 ms. */
export function slowWriterDrafts(baseUrl: string, prompt: string): EventDraft[] {
  return buildExample(
    {
      flowName: 'Writer',
      models: [
        {
          key: 'write',
          name: 'Writer',
          description: 'Writes slowly.',
          kind: 'llm',
          inputs: [text('topic')],
          outputs: [text('text')],
          baseUrl,
          model: 'slow',
          system: 'You are terse.',
          prompt,
          timeoutMs: 120_000,
        },
      ],
      steps: [{ key: 'write', x: 0, y: 0 }],
      edges: [],
    },
    compileModel,
    newId,
  );
}

/**
 * A script that asks an LLM model of the project twice through ctx.llm (the second prompt made
 * from the first answer), and a `Writer` model it names: on the runner the calls go from its
 * script thread back to the project's driver, which makes, journals and meters them.
 */
export function askingScriptDrafts(baseUrl: string): EventDraft[] {
  return buildExample(
    {
      flowName: 'Asking',
      models: [
        {
          key: 'writer',
          name: 'Writer',
          description: 'Answers prompts.',
          kind: 'llm',
          inputs: [text('topic')],
          outputs: [text('text')],
          baseUrl,
          model: 'echo',
          system: '',
          prompt: '{{topic}}',
          timeoutMs: 30_000,
        },
        {
          key: 'ask',
          name: 'Ask twice',
          description:
            'Tries the network (scripts may not), posts and reads a note on the bus, asks the writer, then asks again with its answer.',
          inputs: [text('input')],
          outputs: [text('answer')],
          source: `export default async (ctx) => {
  let refused = '';
  try { await ctx.fetch('http://127.0.0.1:9/'); } catch (error) { refused = error.message; }
  ctx.log(refused);
  await ctx.bus.post('notes', { about: ctx.inputs.input });
  const [note] = await ctx.bus.read('notes');
  ctx.log('heard ' + note.from + ': ' + JSON.stringify(note.body));
  const first = await ctx.llm({ model: 'Writer', prompt: 'about ' + ctx.inputs.input });
  const second = await ctx.llm({ model: 'Writer', prompt: 'again: ' + first.text });
  ctx.emit('answer', second.text);
};`,
        },
      ],
      steps: [{ key: 'ask', x: 0, y: 0 }],
      edges: [],
    },
    compileModel,
    newId,
  );
}

/**
 * A project for the public API's tests: “Shout” (its input in capitals) and “Slow” (waits up to
 * `slowMs` for word on its bus topic `go-ahead`, for a run to stop while it goes, or to be posted to), with the triggers given, by flow name, in the
 * policies document as a person writes them.
 */
export function publicApiDrafts(
  triggers: Record<string, { cron?: string; webhook?: string; input?: string }> = {},
  slowMs = 8000,
): EventDraft[] {
  const shout = buildExample(
    {
      flowName: 'Shout',
      models: [
        {
          key: 'upper',
          name: 'Upper',
          description: 'Its input in capitals.',
          inputs: [text('input')],
          outputs: [text('text')],
          source: `export default (ctx) => { ctx.emit('text', String(ctx.inputs.input ?? '').toUpperCase()); };`,
        },
      ],
      steps: [{ key: 'upper', x: 0, y: 0 }],
      edges: [],
    },
    compileModel,
    newId,
  );
  const slow = buildExample(
    {
      flowName: 'Slow',
      models: [
        {
          key: 'wait',
          name: 'Wait',
          description: 'Waits for word on the bus (at most slowMs), then passes the word on, or its input.',
          inputs: [text('input')],
          outputs: [text('text')],
          source: `export default async (ctx) => {
  const [said] = await ctx.bus.read('go-ahead');
  const word = said ?? (await ctx.bus.next('go-ahead', { deadlineMs: ${slowMs} }));
  ctx.emit('text', word ? JSON.stringify(word.body) : String(ctx.inputs.input ?? ''));
};`,
        },
      ],
      steps: [{ key: 'wait', x: 0, y: 0 }],
      edges: [],
    },
    compileModel,
    newId,
  );
  const flows = Object.fromEntries(Object.entries(triggers).map(([name, trigger]) => [name, { trigger }]));
  const policies: EventDraft[] =
    Object.keys(flows).length === 0
      ? []
      : [
          {
            type: 'policies.saved',
            data: { source: JSON.stringify({ flows }, null, 2), document: { project: {}, flows } },
          },
        ];
  return [...shout, ...slow, ...policies];
}
