// Local stand-ins for Anthropic's Messages API, Google Gemini and Ollama's native API, on one port
// (their paths differ: /v1/messages, /v1beta/models/…, /api/chat), each speaking its provider's
// real wire format, streaming included (standIns/*Wire.mjs). The requested model name picks the
// behaviour, as in llmServer.mjs: echo, long, slow, stall, down, auth, fail-N, ratelimit-N, json…,
// plus `broken` (fails mid-stream, in the provider's own way) and `openai-format` (answers in
// OpenAI's chat-completion chunks: another provider's format).
//
//   node e2e/support/providerServers.mjs --port 4713   (for Playwright's webServer)
//   const servers = await startProviderServers({ port: 0 })  (in a unit test)
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import {
  CHUNK_DELAY_MS,
  CORS_HEADERS,
  PIECES_PER_CHUNK,
  SLOW_CHUNK_DELAY_MS,
  STALL_GIVE_UP_MS,
  behaviourOf,
  delay,
  pieces,
  promptTokens,
  readBody,
  replyText,
} from './llmServer.mjs';
import { anthropicWire } from './standIns/anthropicWire.mjs';
import { geminiWire } from './standIns/geminiWire.mjs';
import { ollamaWire } from './standIns/ollamaWire.mjs';

const WIRES = [anthropicWire, geminiWire, ollamaWire];
const ACCEPTED_KEY = 'test-key';

/** Each provider's SDK sends its own headers (x-api-key, x-goog-api-key…): allow what the preflight asks for. */
function corsHeaders(req) {
  const asked = req.headers['access-control-request-headers'];
  return {
    ...CORS_HEADERS,
    'Access-Control-Allow-Headers':
      typeof asked === 'string' && asked ? asked : CORS_HEADERS['Access-Control-Allow-Headers'],
  };
}

function sendJson(req, res, status, body, extra = {}) {
  res.writeHead(status, { ...corsHeaders(req), 'Content-Type': 'application/json', ...extra });
  res.end(JSON.stringify(body));
}

/** One framed event: SSE for Anthropic and Gemini (named or not), a JSON line for Ollama's NDJSON. */
function frame(wire, [event, data]) {
  if (wire.streamContentType === 'application/x-ndjson') return `${JSON.stringify(data)}\n`;
  const name = event && event !== 'message' ? `event: ${event}\n` : '';
  return `${name}data: ${JSON.stringify(data)}\n\n`;
}

/** OpenAI's chat.completion.chunk stream, for the `openai-format` model: a server of another provider. */
function openAiChunks(model, text) {
  const chunk = (delta, finish = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-standin', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  return [chunk({ role: 'assistant', content: '' }), chunk({ content: text }), chunk({}, 'stop'), 'data: [DONE]\n\n'];
}

/**
 * Starts the stand-ins. `reset()` (or POST /__reset) clears the per-model attempt counters and the
 * request log (GET /__requests, each entry naming its provider).
 * @param {{ port?: number, host?: string }} [options]
 */
export async function startProviderServers({ port = 0, host = '127.0.0.1' } = {}) {
  const attempts = new Map();
  const requests = [];
  const reset = () => {
    attempts.clear();
    requests.length = 0;
  };

  async function answer(wire, routed, req, res, url) {
    const fail = (kind, message, extra = {}) =>
      sendJson(req, res, wire.status(kind), wire.errorBody(kind, message), extra);
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return fail('invalid', 'The request body is not valid JSON.');
    }
    const call = wire.parse(body, req.headers, routed, url);
    if (call.error) return fail('invalid', call.error);
    requests.push({
      provider: wire.provider,
      model: call.model,
      hadKey: typeof call.key === 'string' && call.key !== '',
      maxTokens: call.maxTokens,
      stream: call.stream,
      messageCount: call.messages.length,
      time: Date.now(),
    });

    const counter = `${wire.provider}:${call.model}`;
    const attempt = (attempts.get(counter) ?? 0) + 1;
    attempts.set(counter, attempt);
    if (call.model === 'openai-format') {
      res.writeHead(200, { ...corsHeaders(req), 'Content-Type': 'text/event-stream' });
      return res.end(openAiChunks(call.model, 'Echo: the wrong format').join(''));
    }
    const behaviour = call.model === 'broken' ? { kind: 'broken' } : behaviourOf(call.model);
    if (behaviour.kind === 'fail' && attempt <= behaviour.times)
      return fail('server', `The stand-in failed on purpose (attempt ${attempt} of ${behaviour.times}).`);
    if (behaviour.kind === 'ratelimit' && attempt <= behaviour.times)
      return fail('rate-limit', `Rate limit reached for ${call.model} (attempt ${attempt} of ${behaviour.times}).`, {
        'Retry-After': '1',
      });
    if (behaviour.kind === 'down') return fail('unavailable', 'The stand-in is down on purpose.');
    if (behaviour.kind === 'auth' && call.key !== ACCEPTED_KEY)
      return fail('auth', `API key not valid. The stand-in accepts only "${ACCEPTED_KEY}".`);

    const all = pieces(replyText(behaviour, call.messages));
    const cut = call.maxTokens !== null && all.length > call.maxTokens;
    const kept = cut ? all.slice(0, call.maxTokens) : all;
    const counts = { cut, promptTokens: promptTokens(call.messages), completionTokens: kept.length };
    if (!call.stream) return sendJson(req, res, 200, wire.whole(call, kept.join(''), counts));

    res.writeHead(200, { ...corsHeaders(req), 'Content-Type': wire.streamContentType, 'Cache-Control': 'no-cache' });
    let gone = false;
    res.on('close', () => (gone = true));
    const events = wire.stream(call, kept, counts);
    const write = (list) => list.forEach((event) => res.write(frame(wire, event)));
    write(events.start);
    if (behaviour.kind === 'stall') {
      write(events.delta(kept.slice(0, PIECES_PER_CHUNK).join('')));
      // Open and silent, as a wedged backend is, until the client gives up.
      const giveUp = setTimeout(() => res.end(), STALL_GIVE_UP_MS);
      res.on('close', () => clearTimeout(giveUp));
      return;
    }
    const gap = behaviour.kind === 'slow' ? SLOW_CHUNK_DELAY_MS : CHUNK_DELAY_MS;
    for (let i = 0; i < kept.length; i += PIECES_PER_CHUNK) {
      await delay(gap);
      if (gone) return;
      write(events.delta(kept.slice(i, i + PIECES_PER_CHUNK).join('')));
      if (behaviour.kind === 'broken' && i >= PIECES_PER_CHUNK) {
        write(events.failure('The stand-in broke mid-reply on purpose.'));
        return res.end();
      }
    }
    await delay(gap);
    if (gone) return;
    write(events.end(kept.length));
    res.end();
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'OPTIONS') {
      const extra = req.headers['access-control-request-private-network']
        ? { 'Access-Control-Allow-Private-Network': 'true' }
        : {};
      res.writeHead(204, { ...corsHeaders(req), ...extra });
      return res.end();
    }
    for (const wire of WIRES) {
      const routed = wire.route(req.method, url.pathname);
      if (routed) return answer(wire, routed, req, res, url);
    }
    if (req.method === 'POST' && url.pathname === '/__reset') {
      reset();
      return sendJson(req, res, 200, { ok: true });
    }
    if (req.method === 'GET' && url.pathname === '/__requests') return sendJson(req, res, 200, requests);
    return sendJson(req, res, 404, { error: `Unknown request: ${req.method} ${url.pathname}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) sendJson(req, res, 500, { error: `The stand-in broke: ${error?.message ?? error}` });
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const origin = `http://${host}:${actualPort}`;
  return {
    origin,
    port: actualPort,
    /** Each provider's base URL on this server, as an LLM model's `baseUrl` takes it. */
    baseUrls: { anthropic: `${origin}/v1`, gemini: `${origin}/v1beta`, ollama: `${origin}/api` },
    reset,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = process.argv.indexOf('--port');
  const port = flag >= 0 ? Number(process.argv[flag + 1]) : 4699;
  const servers = await startProviderServers({ port });
  console.log(`provider stand-ins on ${servers.origin} (anthropic /v1, gemini /v1beta, ollama /api)`);
  const stop = () => void servers.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
