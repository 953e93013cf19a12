import { describe, expect, it } from 'vitest';
import { compileModel } from '../../runtime/compileModel';
import type { EventDraft } from '../events/eventMap';

type DraftOf<T extends EventDraft['type']> = Extract<EventDraft, { type: T }>;
import type { ModelDefinition } from '../models/modelDefinition';
import { importForeignFile } from './importForeignFile';

function build(text: string, fileName = 'file.json') {
  let n = 0;
  const built = importForeignFile(text, {
    fileName,
    sha256: 'f'.repeat(64),
    compile: compileModel,
    newId: (p) => `${p}_${++n}`,
    llmBaseUrl: undefined as never,
  });
  const models = built.drafts
    .filter((d): d is DraftOf<'model.saved'> => d.type === 'model.saved')
    .map((d) => d.data.model);
  const steps = built.drafts.filter((d): d is DraftOf<'step.added'> => d.type === 'step.added').map((d) => d.data);
  const modelOf = (label: string): ModelDefinition =>
    models.find((m) => m.modelId === steps.find((s) => s.label === label)?.modelId)!;
  const settingsOf = (label: string) =>
    built.drafts.find(
      (d): d is DraftOf<'step.configured'> =>
        d.type === 'step.configured' && d.data.stepId === steps.find((s) => s.label === label)?.stepId,
    )?.data.settings;
  return { ...built, models, steps, modelOf, settingsOf };
}

/** Runs an imported script model as the sandbox would (its compiled CommonJS, a ctx with inputs and emit). */
async function runScript(model: ModelDefinition, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (model.kind !== 'script') throw new Error(`${model.name} is a ${model.kind}`);
  const exports: { default?: (ctx: unknown) => Promise<void> } = {};
  // The test runs the generated script as the sandbox does.
  new Function('exports', model.compiled)(exports);
  const emitted: Record<string, unknown> = {};
  await exports.default!({ inputs, emit: (port: string, value: unknown) => (emitted[port] = value) });
  return emitted;
}

const rivet = (nodes: string) =>
  `version: 4\ndata:\n  metadata: {id: p, title: Test, description: ""}\n  graphs:\n    g1:\n      metadata: {id: g1, name: Main, description: ""}\n      nodes:\n${nodes}`;

describe('Rivet mappings', () => {
  it('chat → an llm model with its model, temperature and max tokens; its prompt and system prompt as {{ports}}', () => {
    const { modelOf } = build(
      rivet(
        `        '[t]:text "System"':\n          data: {text: Be brief.}\n          outgoingConnections: ['output->"Chat" c/systemPrompt']\n          visualData: 0/0/300/1\n        '[c]:chat "Chat"':\n          data: {model: gpt-4o, temperature: 0.3, maxTokens: 300}\n          visualData: 400/0/300/2\n`,
      ),
      'p.rivet-project',
    );
    expect(modelOf('Chat')).toMatchObject({
      kind: 'llm',
      model: 'gpt-4o',
      temperature: 0.3,
      maxTokens: 300,
      prompt: '{{prompt}}',
      system: '{{systemPrompt}}',
      baseUrl: 'https://api.openai.com/v1',
    });
    expect(modelOf('Chat')).not.toHaveProperty('apiKeyName');
  });

  it('text → a script that fills {{name}} from the input of that name', async () => {
    const { modelOf } = build(
      rivet(
        `        '[t]:text "Greeting"':\n          data: {text: "Hello {{who}}, {{ who }}!"}\n          visualData: 0/0/300/1\n`,
      ),
      'p.rivet-project',
    );
    expect(await runScript(modelOf('Greeting'), { who: 'Ada' })).toEqual({ output: 'Hello Ada, Ada!' });
  });

  it('if → condition, branch and a pass step: the value goes on when it holds, and nothing downstream runs otherwise', async () => {
    const { modelOf, report } = build(
      rivet(
        `        '[a]:text "Cond"':\n          data: {text: "yes"}\n          outgoingConnections: ['output->"If" i/if', 'output->"If" i/value']\n          visualData: 0/0/300/1\n        '[i]:if "If"':\n          outgoingConnections: ['output->"Out" o/value']\n          visualData: 300/0/300/1\n        '[o]:graphOutput "Out"':\n          data: {id: result}\n          visualData: 600/0/300/1\n`,
      ),
      'p.rivet-project',
    );
    expect(report.flows[0]!.nodes.find((n) => n.name === 'If')!.detail).toBe(
      'branch (condition → yes / no) with explicit skip',
    );
    expect(await runScript(modelOf('If · condition'), { if: '' })).toEqual({ holds: false });
    expect(await runScript(modelOf('If · condition'), { if: 'x' })).toEqual({ holds: true });
    expect(modelOf('If · branch')).toMatchObject({
      kind: 'branch',
      routes: [
        { port: 'yes', when: 'value == true' },
        { port: 'no', when: 'true' },
      ],
    });
  });

  it('match → a branch with one route per case, then “unmatched”; coalesce and race → a step that starts on any input', () => {
    const { modelOf, settingsOf } = build(
      rivet(
        `        '[m]:match "Match"':\n          data: {cases: [A+, B]}\n          outgoingConnections: ['case1->"First" f/input1', 'case2->"First" f/input2']\n          visualData: 0/0/300/1\n        '[f]:coalesce "First"':\n          visualData: 300/0/300/1\n`,
      ),
      'p.rivet-project',
    );
    expect(modelOf('Match')).toMatchObject({
      kind: 'branch',
      routes: [
        { port: 'case1', when: 'string(value).matches("A+")' },
        { port: 'case2' },
        { port: 'unmatched', when: 'true' },
      ],
    });
    expect(settingsOf('First')).toEqual({ join: { policy: 'any' } });
  });

  it('split runs → a map over the list; userInput → a person; subGraph → a sub-flow; a loop → placeholders naming the cycle', () => {
    const { modelOf, settingsOf, report } = build(
      `version: 4\ndata:\n  metadata: {id: p, title: T, description: ""}\n  graphs:\n    g1:\n      metadata: {id: g1, name: Main, description: ""}\n      nodes:\n        '[s]:text "Each"':\n          data: {text: "{{item}}!"}\n          isSplitRun: true\n          splitRunMax: 5\n          visualData: 0/0/300/1\n        '[u]:userInput "Ask"':\n          data: {prompt: Your name?}\n          visualData: 0/200/300/1\n        '[g]:subGraph "Child"':\n          data: {graphId: g2}\n          visualData: 0/400/300/1\n        '[l]:loopController "Loop"':\n          outgoingConnections: ['output1->"Body" b/input']\n          visualData: 0/600/300/1\n        '[b]:toJson "Body"':\n          outgoingConnections: ['json->"Loop" l/input1']\n          visualData: 300/600/300/1\n    g2:\n      metadata: {id: g2, name: Child graph, description: ""}\n      nodes:\n        '[i]:graphInput "In"':\n          data: {id: question, dataType: string}\n          outgoingConnections: ['data->"Out" o/value']\n          visualData: 0/0/300/1\n        '[o]:graphOutput "Out"':\n          data: {id: answer, dataType: string}\n          visualData: 300/0/300/1\n`,
      'p.rivet-project',
    );
    expect(settingsOf('Each')).toEqual({ map: { port: 'item', concurrency: 5 } });
    expect(modelOf('Ask')).toMatchObject({ kind: 'human', instructions: 'Your name?' });
    expect(modelOf('Child')).toMatchObject({
      kind: 'subflow',
      inputs: [{ name: 'question' }],
      outputs: [{ name: 'answer' }],
    });
    const loop = report.flows[0]!.nodes.find((n) => n.name === 'Loop')!;
    expect(loop).toMatchObject({ outcome: 'placeholder', category: 'cycle' });
    expect(loop.detail).toContain('the cycle “Loop” → “Body” → “Loop”');
    expect(modelOf('Loop')).toMatchObject({
      kind: 'imported',
      source: { format: 'rivet', type: 'loopController', id: 'l', name: 'Loop' },
    });
    expect(report.cutEdges).toHaveLength(2);
  });
});

const wf = (nodes: unknown[], connections: unknown) => JSON.stringify({ name: 'W', nodes, connections });
const n8nNode = (name: string, type: string, parameters: object = {}, typeVersion = 1) => ({
  name,
  type,
  typeVersion,
  position: [0, 0],
  parameters,
  credentials: { openAiApi: { id: 'secret', name: 'My key' } },
});
const main = (to: string, index = 0) => [[{ node: to, type: 'main', index }]];

describe('n8n mappings', () => {
  it('chainLlm with its chat model → an llm model: server and model from the sub-node, prompt variables as {{ports}}, no credentials', async () => {
    const { modelOf, report, drafts } = build(
      wf(
        [
          n8nNode('Chat', '@n8n/n8n-nodes-langchain.chatTrigger'),
          n8nNode(
            'Chain',
            '@n8n/n8n-nodes-langchain.chainLlm',
            {
              promptType: 'define',
              text: '=Translate {{ $json.chatInput }} to French.',
              messages: { messageValues: [{ message: 'You translate.' }] },
            },
            1.5,
          ),
          n8nNode('Model', '@n8n/n8n-nodes-langchain.lmChatOllama', {
            model: 'mistral-nemo:latest',
            options: { temperature: 0.1 },
          }),
        ],
        {
          Chat: { main: main('Chain') },
          Model: { ai_languageModel: [[{ node: 'Chain', type: 'ai_languageModel', index: 0 }]] },
        },
      ),
    );
    expect(modelOf('Chain')).toMatchObject({
      kind: 'llm',
      baseUrl: 'http://localhost:11434/v1',
      model: 'mistral-nemo:latest',
      temperature: 0.1,
      prompt: 'Translate {{chatInput}} to French.',
      system: 'You translate.',
    });
    expect(report.flows[0]!.nodes.find((n) => n.name === 'Model')).toMatchObject({ outcome: 'configuration' });
    expect(JSON.stringify(drafts)).not.toContain('secret');
    const trigger = await runScript(modelOf('Chat'), { input: 'cheese' });
    expect(await runScript(modelOf('Chain · prompt fields'), { item: trigger.item })).toEqual({ chatInput: 'cheese' });
  });

  it('an agent keeps its tools as placeholders and says so; an expression naming another node makes a placeholder showing it', () => {
    const { report } = build(
      wf(
        [
          n8nNode('Agent', '@n8n/n8n-nodes-langchain.agent', {
            text: "={{ $('Telegram').item.json.text }}",
            promptType: 'define',
          }),
          n8nNode('Agent 2', '@n8n/n8n-nodes-langchain.agent'),
          n8nNode('LLM', '@n8n/n8n-nodes-langchain.lmChatOpenAi', { model: { __rl: true, value: 'gpt-4o-mini' } }),
          n8nNode('Wiki', '@n8n/n8n-nodes-langchain.toolWikipedia'),
        ],
        {
          LLM: {
            ai_languageModel: [
              [
                { node: 'Agent', type: 'ai_languageModel', index: 0 },
                { node: 'Agent 2', type: 'ai_languageModel', index: 0 },
              ],
            ],
          },
          Wiki: { ai_tool: [[{ node: 'Agent 2', type: 'ai_tool', index: 0 }]] },
        },
      ),
    );
    const nodes = report.flows[0]!.nodes;
    expect(nodes.find((n) => n.name === 'Agent')).toMatchObject({ outcome: 'placeholder' });
    expect(nodes.find((n) => n.name === 'Agent')!.detail).toContain("{{ $('Telegram').item.json.text }}");
    expect(nodes.find((n) => n.name === 'Agent 2')!.notes).toContain(
      "Tool “Wiki” is not called: the studio's llm models do not call tools (it is kept as a placeholder).",
    );
    expect(nodes.find((n) => n.name === 'Wiki')).toMatchObject({ outcome: 'placeholder', category: 'Tool Wikipedia' });
  });

  it('code → a script whose $input.all(), $json and returned items work over ctx', async () => {
    const { modelOf } = build(
      wf(
        [
          n8nNode(
            'Code',
            'n8n-nodes-base.code',
            { jsCode: 'return $input.all().map((i) => ({ json: { doubled: i.json.n * 2, same: $json.n } }));' },
            2,
          ),
        ],
        {},
      ),
    );
    expect(await runScript(modelOf('Code'), { item: [{ n: 2 }, { n: 5 }] })).toEqual({
      item: [
        { doubled: 4, same: 2 },
        { doubled: 10, same: 2 },
      ],
    });
  });

  it('if and switch (with its fallback and null output slots) → a branch whose decision runs over the item', async () => {
    const { modelOf } = build(
      wf(
        [
          n8nNode(
            'If',
            'n8n-nodes-base.if',
            {
              conditions: {
                conditions: [
                  { leftValue: '={{ $json.score }}', rightValue: 5, operator: { type: 'number', operation: 'gt' } },
                ],
                combinator: 'and',
              },
            },
            2,
          ),
          n8nNode(
            'Switch',
            'n8n-nodes-base.switch',
            {
              rules: {
                values: [
                  {
                    conditions: {
                      conditions: [
                        {
                          leftValue: '={{ $json.kind }}',
                          rightValue: 'a',
                          operator: { type: 'string', operation: 'equals' },
                        },
                      ],
                    },
                  },
                  {
                    conditions: {
                      conditions: [
                        {
                          leftValue: '={{ $json.kind }}',
                          rightValue: 'b',
                          operator: { type: 'string', operation: 'equals' },
                        },
                      ],
                    },
                  },
                ],
              },
              options: { fallbackOutput: 'extra' },
            },
            3,
          ),
          n8nNode('A', 'n8n-nodes-base.noOp'),
          n8nNode('Other', 'n8n-nodes-base.noOp'),
        ],
        {
          Switch: {
            main: [[{ node: 'A', type: 'main', index: 0 }], null, [{ node: 'Other', type: 'main', index: 0 }]],
          },
        },
      ),
    );
    expect(await runScript(modelOf('If · decide'), { item: { score: 7 } })).toEqual({
      routed: { route: 'true', item: { score: 7 } },
    });
    expect(await runScript(modelOf('If · decide'), { item: { score: 1 } })).toEqual({
      routed: { route: 'false', item: { score: 1 } },
    });
    expect(await runScript(modelOf('Switch · decide'), { item: { kind: 'b' } })).toMatchObject({
      routed: { route: 'output 1' },
    });
    expect(await runScript(modelOf('Switch · decide'), { item: { kind: 'z' } })).toMatchObject({
      routed: { route: 'fallback' },
    });
    expect(modelOf('Switch')).toMatchObject({
      kind: 'branch',
      outputs: [{ name: 'route_0' }, { name: 'route_1' }, { name: 'route_2' }],
    });
  });

  it('merge → a join of all its inputs; send-and-wait → an approval gate; a Slack node → a placeholder keeping type and parameters', () => {
    const { modelOf, settingsOf, report } = build(
      wf(
        [
          n8nNode('Merge', 'n8n-nodes-base.merge', { mode: 'append' }, 3),
          n8nNode('Ask boss', 'n8n-nodes-base.gmail', { operation: 'sendAndWait', message: 'Send the reply?' }, 2.1),
          n8nNode('Post', 'n8n-nodes-base.slack', { channel: '#general', text: 'hi' }, 2),
        ],
        {},
      ),
    );
    expect(settingsOf('Merge')).toEqual({ join: { policy: 'all' } });
    expect(modelOf('Ask boss')).toMatchObject({
      kind: 'gate',
      check: { type: 'approval', question: 'Send the reply?' },
    });
    expect(modelOf('Post')).toMatchObject({
      kind: 'imported',
      source: { type: 'n8n-nodes-base.slack' },
      parameters: { channel: '#general', text: 'hi' },
    });
    expect(report.summary).toBe('2 of 3 nodes imported; 1 placeholder: 1 Slack node.');
  });
});
