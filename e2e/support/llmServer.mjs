// A local OpenAI-compatible chat server for tests: no network, no key, deterministic replies.
// The requested `model` name picks the behaviour (see `behaviourOf`), so a test needs no side
// channel: a flow whose LLM model is `fail-2` fails twice, then answers.
//
//   node e2e/support/llmServer.mjs --port 4599     (for Playwright's webServer)
//   const server = await startLlmServer({ port: 0 })  (in a unit test)
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

export const CHUNK_DELAY_MS = 25;
export const SLOW_CHUNK_DELAY_MS = 300;
export const STALL_GIVE_UP_MS = 60_000;
export const PIECES_PER_CHUNK = 3;
const MODELS = ['echo', 'json', 'confidence-0.9', 'fail-1', 'ratelimit-1', 'stall', 'down', 'auth', 'slow', 'long'];

// The page is cross-origin isolated (COEP require-corp), so a CORS-mode fetch needs these, and the
// client reads Retry-After, which browsers hide unless it is exposed.
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, content-type',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  'Access-Control-Expose-Headers': 'retry-after',
  'Access-Control-Max-Age': '600',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** Splits text into token-like pieces (a word or one punctuation mark), each keeping the space before it. */
export function pieces(text) {
  return text.match(/\s*(?:[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_])/gu) ?? [];
}

/** A deterministic token count: pieces of every message, plus a little per message as OpenAI does. */
export function promptTokens(messages) {
  return messages.reduce((sum, m) => sum + pieces(String(m?.content ?? '')).length + 3, 0);
}

function lastUserText(messages) {
  const last = [...messages].reverse().find((m) => m?.role === 'user');
  const text = String(last?.content ?? '').trim();
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** About 400 tokens (25 lines of 16 pieces), so budgets and max_tokens have something to cut. */
function longText() {
  const lines = [];
  for (let i = 1; lines.length < 25; i++)
    lines.push(`Line ${i}: the conductor keeps streaming a long reply so budgets can cut it.`);
  return lines.join(' ');
}

/** What a model name asks for; unknown names echo. */
export function behaviourOf(model) {
  const counted = /^(fail|ratelimit)-(\d+)$/.exec(model);
  if (counted) return { kind: counted[1], times: Number(counted[2]) };
  const confidence = /^confidence-(\d+(?:\.\d+)?)$/.exec(model);
  if (confidence) return { kind: 'confidence', confidence: Number(confidence[1]) };
  if (['json', 'stall', 'down', 'auth', 'slow', 'long'].includes(model)) return { kind: model };
  return { kind: 'echo' };
}

export function replyText(behaviour, messages) {
  const said = lastUserText(messages);
  if (behaviour.kind === 'json')
    return JSON.stringify({ summary: `Summary of: ${said.slice(0, 120)}`, confidence: 0.9 });
  if (behaviour.kind === 'confidence')
    return JSON.stringify({ answer: `Echo: ${said.slice(0, 120)}`, confidence: behaviour.confidence });
  if (behaviour.kind === 'long') return longText();
  return `Echo: ${said}`;
}

function send(res, status, body, extraHeaders = {}) {
  res.writeHead(status, { ...CORS_HEADERS, 'Content-Type': 'application/json', ...extraHeaders });
  res.end(JSON.stringify(body));
}

function sendError(res, status, message, type, extraHeaders = {}, code = null) {
  send(res, status, { error: { message, type, param: null, code } }, extraHeaders);
}

export function readBody(req) {
  return new Promise((resolve, reject) => {
    const parts = [];
    req.on('data', (part) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the server. `port: 0` picks a free port. `reset()` (or POST /__reset) clears the per-model
 * attempt counters and the request log (GET /__requests). `onContent`, if given, hears each
 * streamed reply's text so far and when it was written (the runner bench times streaming by it).
 * @param {{ port?: number, host?: string, onContent?: (textSoFar: string, at: number) => void }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void>, reset: () => void }>}
 */
export async function startLlmServer({ port = 0, host = '127.0.0.1', onContent } = {}) {
  const attempts = new Map();
  const requests = [];
  let idSeq = 0;

  const reset = () => {
    attempts.clear();
    requests.length = 0;
  };

  async function chatCompletions(req, res) {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendError(res, 400, 'The request body is not valid JSON.', 'invalid_request_error');
    }
    const messages = Array.isArray(body?.messages) ? body.messages : null;
    const model = typeof body?.model === 'string' ? body.model : '';
    const authorization = req.headers.authorization;
    const maxTokens = Number.isInteger(body?.max_tokens) ? body.max_tokens : null;
    const stream = body?.stream === true;
    const entry = {
      model,
      hadAuth: authorization !== undefined,
      messageCount: messages?.length ?? 0,
      maxTokens,
      stream,
      time: Date.now(),
      disconnected: false,
    };
    requests.push(entry);
    // The client hung up before the reply ended (a Stop aborts the call): the log says so.
    res.on('close', () => {
      if (!res.writableEnded) entry.disconnected = true;
    });
    if (!messages)
      return sendError(
        res,
        400,
        "'messages' is a required property",
        'invalid_request_error',
        {},
        'missing_required_parameter',
      );
    if (!model)
      return sendError(
        res,
        400,
        "'model' is a required property",
        'invalid_request_error',
        {},
        'missing_required_parameter',
      );

    const behaviour = behaviourOf(model);
    const attempt = (attempts.get(model) ?? 0) + 1;
    attempts.set(model, attempt);
    if (behaviour.kind === 'fail' && attempt <= behaviour.times) {
      return sendError(
        res,
        500,
        `The test server failed on purpose (attempt ${attempt} of ${behaviour.times}).`,
        'server_error',
      );
    }
    if (behaviour.kind === 'ratelimit' && attempt <= behaviour.times) {
      return sendError(
        res,
        429,
        `Rate limit reached for ${model} (attempt ${attempt} of ${behaviour.times}). Please try again in 1s.`,
        'rate_limit_exceeded',
        { 'Retry-After': '1' },
        'rate_limit_exceeded',
      );
    }
    if (behaviour.kind === 'down') return sendError(res, 503, 'The test server is down on purpose.', 'server_error');
    if (behaviour.kind === 'auth' && authorization !== 'Bearer test-key') {
      return sendError(
        res,
        401,
        'Incorrect API key provided. The test server accepts only "test-key".',
        'invalid_request_error',
        {},
        'invalid_api_key',
      );
    }

    const all = pieces(replyText(behaviour, messages));
    const cut = maxTokens !== null && all.length > maxTokens;
    const kept = cut ? all.slice(0, maxTokens) : all;
    const usage = { prompt_tokens: promptTokens(messages), completion_tokens: kept.length, total_tokens: 0 };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const id = `chatcmpl-test${++idSeq}`;
    const created = Math.floor(Date.now() / 1000);
    const finishReason = cut ? 'length' : 'stop';

    if (!stream) {
      return send(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: kept.join('') },
            logprobs: null,
            finish_reason: finishReason,
          },
        ],
        usage,
      });
    }

    res.writeHead(200, {
      ...CORS_HEADERS,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    let gone = false;
    res.on('close', () => (gone = true));
    const chunk = (choices, extra = {}) =>
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices, ...extra })}\n\n`,
      );
    const delta = (d, finish = null) => chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }]);

    delta({ role: 'assistant', content: '' });
    if (behaviour.kind === 'stall') {
      delta({ content: kept.slice(0, PIECES_PER_CHUNK).join('') });
      // Keep the connection open and silent, as a wedged backend does, until the client gives up.
      const giveUp = setTimeout(() => res.end(), STALL_GIVE_UP_MS);
      res.on('close', () => clearTimeout(giveUp));
      return;
    }
    const gap = behaviour.kind === 'slow' ? SLOW_CHUNK_DELAY_MS : CHUNK_DELAY_MS;
    for (let i = 0; i < kept.length; i += PIECES_PER_CHUNK) {
      await delay(gap);
      if (gone) return;
      delta({ content: kept.slice(i, i + PIECES_PER_CHUNK).join('') });
      onContent?.(kept.slice(0, i + PIECES_PER_CHUNK).join(''), Date.now());
    }
    await delay(gap);
    if (gone) return;
    delta({}, finishReason);
    if (body?.stream_options?.include_usage === true) chunk([], { usage });
    res.end('data: [DONE]\n\n');
  }

  async function handle(req, res) {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'OPTIONS') {
      // Chrome's Private Network Access preflight asks for this header; answering it is harmless.
      const extra = req.headers['access-control-request-private-network']
        ? { 'Access-Control-Allow-Private-Network': 'true' }
        : {};
      res.writeHead(204, { ...CORS_HEADERS, ...extra });
      return res.end();
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') return chatCompletions(req, res);
    if (req.method === 'GET' && path === '/v1/models') {
      return send(res, 200, {
        object: 'list',
        data: MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'conductor-test' })),
      });
    }
    if (req.method === 'POST' && path === '/__reset') {
      reset();
      return send(res, 200, { ok: true });
    }
    if (req.method === 'GET' && path === '/__requests') return send(res, 200, requests);
    return sendError(res, 404, `Unknown request: ${req.method} ${path}`, 'invalid_request_error', {}, 'unknown_url');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) sendError(res, 500, `The test server broke: ${error?.message ?? error}`, 'server_error');
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}/v1`,
    port: actualPort,
    reset,
    close: () =>
      new Promise((resolve) => {
        // Stalled streams would otherwise keep close() waiting for a minute.
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

// Run as a script (not when bundled into another, as the runner bench is, where the URLs match too).
if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  import.meta.url.endsWith('/llmServer.mjs')
) {
  const flag = process.argv.indexOf('--port');
  const port = flag >= 0 ? Number(process.argv[flag + 1]) : 4599;
  const server = await startLlmServer({ port });
  console.log(`llm test server on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
