/**
 * What a script model's author sees of the sandbox, as declarations Monaco loads for completion
 * and hover docs. Script-style (no import/export), so `Ctx` is global in the editor without an
 * import. Keep it in step with the ctx object built in workers/sandbox.worker.ts.
 */
export const CTX_TYPES_DTS = `/**
 * Everything a model can reach while it runs. There is no network, storage or DOM of its own:
 * ctx.fetch and ctx.llm are asked of the studio, which checks, makes and records each call.
 */
interface Ctx {
  /** This run's id for the agent; handy in log lines. */
  readonly agentId: string;
  /**
   * The values on the model's input ports, keyed by port name. A frozen copy: change a copy of
   * it, not the object itself.
   */
  readonly inputs: Readonly<Record<string, unknown>>;
  /**
   * The model's settings (for an extension's kind, what its settings form holds; for a script
   * model, an empty object). A frozen copy, like ctx.inputs.
   */
  readonly settings: Readonly<Record<string, unknown>>;
  /**
   * Sends a value out of an output port. The value must be plain data (text, numbers, booleans,
   * arrays, plain objects); it is copied when you call emit. Emitting to a port that the model
   * does not declare throws.
   * @param port the name of one of the model's output ports
   * @param value what the port should carry
   */
  emit(port: string, value: unknown): void;
  /**
   * Adds a line to the run's log; arguments are joined with spaces, objects as JSON. At most 200
   * lines are kept. console.log lands here too.
   */
  log(...args: unknown[]): void;
  /**
   * A number in [0, 1) from a generator seeded for this run, so a replay or a fork sees the same
   * sequence. Use it instead of Math.random().
   */
  random(): number;
  /**
   * The run's virtual time in milliseconds since the epoch. It does not advance while the model
   * runs; use it instead of Date.now() so replays agree.
   */
  now(): number;
  /**
   * Asks one of this project's LLM models for a completion. \`model\` is the NAME of an LLM model
   * of this project (as it appears in Models), not a provider's model id; the studio makes the
   * call with that model's endpoint and key, and meters it against the run's budget. A refusal or
   * failure (no such model, budget spent, the provider failed) throws an Error whose message
   * says what happened. At most 8 calls (ctx.llm and ctx.fetch together) wait at once, and 200
   * per run.
   * @example const { text } = await ctx.llm({ model: 'summariser', prompt: 'Summarise: ' + text });
   */
  llm(request: CtxLlmRequest): Promise<CtxLlmResponse>;
  /**
   * Makes an HTTP request through the studio. Only a model kind from an extension whose manifest
   * declares the URL's origin (capabilities.network) may do this; a script model's fetch is
   * refused. A status such as 404 or 500 is not an error (check \`ok\` or \`status\`); a refused or
   * failed request throws an Error whose message says why. The response body is read up to 1 MB.
   * @param url an absolute http(s) URL on an origin the extension declares
   */
  fetch(url: string, init?: CtxFetchInit): Promise<CtxFetchResponse>;
  /**
   * The message bus: messages between agents, kept in the run's log (Observe ▾ → Message bus).
   * A topic is a slug like "work-items"; a message is any JSON value of at most 16,000 characters.
   * A run sees its own messages and those of the runs above it (scope "tree"), and every message
   * posted with scope "project".
   * @example await ctx.bus.post('work-items', { item: 1, title: 'Write the brief' });
   */
  readonly bus: CtxBus;
}

interface CtxBusMessage {
  /** Its place in the log: pass it as \`since\` to read on after it. */
  readonly seq: number;
  readonly topic: string;
  /** Who posted it: a step's name, or a person. */
  readonly from: string;
  readonly body: unknown;
}

interface CtxBus {
  /** Posts a message; at most 20 a second and 500 in all from one agent. */
  post(topic: string, message: unknown, options?: { scope?: 'tree' | 'project' }): Promise<{ seq: number; messageId: string }>;
  /** The topic's messages after \`since\` (all when left out), oldest first. */
  read(topic: string, options?: { since?: number }): Promise<CtxBusMessage[]>;
  /** Waits for the next message after \`since\`; null when \`deadlineMs\` passes first. */
  next(topic: string, options?: { since?: number; deadlineMs?: number }): Promise<CtxBusMessage | null>;
  /** Claims a key: exactly one agent in the scope wins; the log says which. */
  claim(key: string, options?: { scope?: 'tree' | 'project' }): Promise<{ won: boolean; holder: string }>;
}

interface CtxLlmRequest {
  /** The name of an LLM model of this project. */
  model: string;
  prompt: string;
  /** A system message sent before the prompt. */
  system?: string;
  maxTokens?: number;
  /** From 0 to 2. */
  temperature?: number;
}

interface CtxLlmResponse {
  readonly text: string;
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number };
}

interface CtxFetchInit {
  /** GET unless given. */
  method?: string;
  headers?: Record<string, string>;
  /** Text only; send JSON as JSON.stringify(value). */
  body?: string;
}

interface CtxFetchResponse {
  /** True for a 2xx status. */
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text. */
  readonly text: string;
  /** The body parsed as JSON; throws when it is not JSON. */
  json(): unknown;
}

/* The few globals the sandbox keeps besides the JavaScript built-ins. */
declare function setTimeout(handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function setInterval(handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number;
declare function clearInterval(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;
declare function atob(data: string): string;
declare function btoa(data: string): string;
/** Lines written here land in the run's log, like ctx.log. */
declare const console: {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
};
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
`;

/** The model a person starts from: small, runnable with no API key, and shows the ctx API. */
export const DEFAULT_MODEL_SOURCE = `// A script model: runs in a sandbox with no network, storage or DOM.
// It reads its input ports from ctx.inputs and answers with ctx.emit(port, value).
export default async function run(ctx: Ctx) {
  const text = String(ctx.inputs.input ?? '');
  ctx.log('received', text.length, 'characters');
  ctx.emit('output', text.toUpperCase());
}
`;
