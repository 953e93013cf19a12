import type { Port } from '../../events/primitives';
import { kept, studioPortName, textOf, type MappingContext, type NodeOutcome, type PlannedStep } from '../nodeMapping';
import { scriptSource } from '../scriptSource';
import type { SourceNode } from '../sourceGraph';
import { expressionParts, fieldName, isExpression, N8N_PRELUDE, translate } from './n8nExpressions';

/*
 * n8n's LLM nodes (Basic LLM Chain `chainLlm`, AI Agent `agent`) with the chat model attached to
 * them (`ai_languageModel`): one `llm` model. The chat model sub-node gives the server and model
 * (credentials are never imported: the person picks a key); the prompt's n8n expressions become
 * the studio's {{port}} template, filled by a small adapter script that reads them from the item.
 */

/** OpenAI-compatible servers of the chat model sub-nodes the import knows, by node type. */
const CHAT_SERVERS: Record<string, string> = {
  lmChatOpenAi: 'https://api.openai.com/v1',
  lmOpenAi: 'https://api.openai.com/v1',
  lmChatOllama: 'http://localhost:11434/v1',
  lmOllama: 'http://localhost:11434/v1',
  lmChatGroq: 'https://api.groq.com/openai/v1',
  lmChatMistralCloud: 'https://api.mistral.ai/v1',
  lmChatDeepSeek: 'https://api.deepseek.com/v1',
  lmChatOpenRouter: 'https://openrouter.ai/api/v1',
  lmChatXAiGrok: 'https://api.x.ai/v1',
  lmChatGoogleGemini: 'https://generativelanguage.googleapis.com/v1beta/openai',
  lmChatAnthropic: 'https://api.anthropic.com/v1',
};

const text = (name: string): Port => ({ name, type: 'text' });
const any = (name: string): Port => ({ name, type: 'any' });
const shortType = (type: string) => type.split('.').pop() ?? type;
const record = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** A model parameter: a plain name, or n8n's resource locator `{ __rl, value }`. */
function modelName(params: Record<string, unknown>): string | undefined {
  const raw = params.model ?? params.modelName;
  const value =
    typeof raw === 'string' ? raw : typeof record(raw).value === 'string' ? (record(raw).value as string) : undefined;
  if (!value || isExpression(value)) return undefined;
  return value.replace(/^models\//, '');
}

function promptOf(node: SourceNode): string {
  const p = node.params;
  if (p.promptType === 'define' && typeof p.text === 'string') return p.text;
  if (typeof p.text === 'string' && p.promptType !== 'auto') return p.text;
  if (typeof p.prompt === 'string') return p.prompt;
  return '={{ $json.chatInput }}';
}

function systemOf(node: SourceNode): string {
  const p = node.params;
  const messages = record(p.messages).messageValues;
  if (Array.isArray(messages))
    return messages
      .filter((m) => record(m).type === undefined || record(m).type === 'SystemMessagePromptTemplate')
      .map((m) => textOf(record(m).message))
      .join('\n\n');
  const systemMessage = record(p.options).systemMessage;
  return typeof systemMessage === 'string' ? systemMessage : '';
}

export function mapN8nLlm(node: SourceNode, context: MappingContext): NodeOutcome {
  const attached = context.flow.attachments.filter((a) => a.target === node.id);
  const lm = attached.find((a) => a.kind === 'ai_languageModel');
  const sub = lm ? context.flow.nodes.find((n) => n.id === lm.node) : undefined;
  if (!sub)
    return kept(
      'No chat model is attached to it, so the import cannot tell which server and model it calls.',
      shortType(node.type),
    );
  const server = CHAT_SERVERS[shortType(sub.type)];
  if (!server)
    return kept(
      `Its chat model “${sub.name}” (${sub.type}) is not one the studio can reach as an OpenAI-compatible server.`,
      shortType(node.type),
    );
  const optionsOf = record(sub.params.options);
  const baseUrl =
    context.llmBaseUrl ??
    (typeof optionsOf.baseURL === 'string' && /^https?:\/\//.test(optionsOf.baseURL) ? optionsOf.baseURL : server);
  const model = modelName(sub.params) ?? (shortType(sub.type).includes('Ollama') ? 'llama3.2' : 'gpt-4o-mini');

  // The prompt's and system message's expressions become ports of an adapter script.
  const fields = new Map<string, { port: string; js: string }>();
  const toTemplate = (value: string): { ok: true; template: string } | { ok: false; expression: string } => {
    if (!isExpression(value)) return { ok: true, template: value };
    let template = '';
    for (const part of expressionParts(value)) {
      if ('text' in part) {
        template += part.text;
        continue;
      }
      const translated = translate(`={{ ${part.expr} }}`);
      if (!translated.ok) return translated;
      let field = fields.get(part.expr);
      if (!field) {
        let port = studioPortName(fieldName(part.expr) ?? `value${fields.size + 1}`);
        while ([...fields.values()].some((f) => f.port === port)) port = `${port.slice(0, 36)}_${fields.size + 1}`;
        field = { port, js: translated.js };
        fields.set(part.expr, field);
      }
      template += `{{${field.port}}}`;
    }
    return { ok: true, template };
  };
  const prompt = toTemplate(promptOf(node));
  const system = toTemplate(systemOf(node));
  for (const t of [prompt, system])
    if (!t.ok)
      return kept(
        `Its prompt uses the expression ${t.expression}, which reaches outside the item (another node, the environment, the clock); the adapter reads only $json and $input.`,
        shortType(node.type),
      );
  const promptText = prompt.ok && prompt.template.trim() !== '' ? prompt.template : '{{item}}';
  const systemText = system.ok ? system.template : '';
  const notes = [`Credentials are never imported: pick an API key for “${node.name}” (inspector → Model).`];
  for (const a of attached)
    if (a.kind === 'ai_tool')
      notes.push(
        `Tool “${a.node}” is not called: the studio's llm models do not call tools (it is kept as a placeholder).`,
      );
    else if (a.kind === 'ai_memory') notes.push(`Memory “${a.node}” is not carried over: each run is one turn.`);
    else if (a.kind === 'ai_outputParser')
      notes.push(`Output parser “${a.node}” is not carried over: the reply is kept as text.`);
  const temperature =
    typeof optionsOf.temperature === 'number' ? Math.min(2, Math.max(0, optionsOf.temperature)) : undefined;
  const maxTokens =
    typeof optionsOf.maxTokens === 'number' && optionsOf.maxTokens > 0 ? Math.floor(optionsOf.maxTokens) : undefined;
  const ports = [...fields.values()].map((f) => text(f.port));
  const llm: PlannedStep = {
    key: 'main',
    label: node.name,
    model: {
      kind: 'llm',
      name: node.name,
      description: `Imported from n8n ${shortType(node.type)} “${node.name}” with its chat model “${sub.name}”.`,
      inputs: ports.length > 0 ? ports : [any('item')],
      outputs: [text('text')],
      baseUrl,
      model,
      system: systemText.slice(0, 20_000),
      prompt: promptText.slice(0, 50_000),
      ...(temperature !== undefined ? { temperature } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      timeoutMs: 120_000,
    },
  };
  const became = `llm model (${model})`;
  if (ports.length === 0)
    return {
      ok: true,
      mapping: {
        became,
        steps: [llm],
        edges: [],
        inputs: { 'main:0': { step: 'main', port: 'item' } },
        outputs: { 'main:0': { step: 'main', port: 'text' } },
        notes,
      },
    };
  const adapter: PlannedStep = {
    key: 'fields',
    label: `${node.name} · prompt fields`,
    offset: { x: -200, y: 0 },
    model: {
      kind: 'script',
      name: `${node.name} · prompt fields`,
      description: `Reads from the item what the prompt of n8n's “${node.name}” uses.`,
      inputs: [any('item')],
      outputs: ports,
      source: scriptSource(
        `n8n ${shortType(node.type)} node “${node.name}”`,
        'Evaluates the prompt’s expressions over the item ($json, $input), one output each.',
        `${N8N_PRELUDE}\n${[...fields.values()].map((f) => `ctx.emit(${JSON.stringify(f.port)}, show(${f.js}));`).join('\n')}`,
      ),
    },
  };
  return {
    ok: true,
    mapping: {
      became: `${became}, its prompt's fields read by an adapter`,
      steps: [adapter, llm],
      edges: ports.map((p) => ['fields', p.name, 'main', p.name] as const),
      inputs: { 'main:0': { step: 'fields', port: 'item' } },
      outputs: { 'main:0': { step: 'main', port: 'text' } },
      notes,
    },
  };
}
