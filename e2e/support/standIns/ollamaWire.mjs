// Ollama's native chat API as the stand-in speaks it, shapes as in Ollama's docs/api.md and the
// ollama/ollama-js SDK (ChatResponse): POST /api/chat streams NDJSON (application/x-ndjson), one
// object a line with message.content growing the reply and done: false; the last line has done: true,
// done_reason, the durations in nanoseconds and prompt_eval_count / eval_count. Errors are {error: "…"}.

const STATUS = { invalid: 400, auth: 401, 'not-found': 404, 'rate-limit': 429, server: 500, unavailable: 503 };

export const ollamaWire = {
  provider: 'ollama',
  streamContentType: 'application/x-ndjson',
  route: (method, path) => (method === 'POST' && path === '/api/chat' ? {} : null),

  parse(body, headers) {
    if (typeof body?.model !== 'string' || !body.model) return { error: 'model is required' };
    if (!Array.isArray(body?.messages)) return { error: 'messages is required' };
    const authorization = headers.authorization;
    return {
      model: body.model,
      messages: body.messages.map((m) => ({ role: m?.role, content: String(m?.content ?? '') })),
      maxTokens: Number.isInteger(body?.options?.num_predict) ? body.options.num_predict : null,
      // Ollama streams unless told not to.
      stream: body.stream !== false,
      key: typeof authorization === 'string' ? authorization.replace(/^Bearer /, '') : undefined,
    };
  },

  status: (kind) => STATUS[kind] ?? 500,
  errorBody: (kind, message) => ({ error: message }),

  stream(call, chunks, { cut, promptTokens }) {
    const line = (content, extra = { done: false }) => [
      null,
      { model: call.model, created_at: new Date().toISOString(), message: { role: 'assistant', content }, ...extra },
    ];
    return {
      start: [],
      delta: (text) => [line(text)],
      end: (completionTokens) => [
        line('', {
          done_reason: cut ? 'length' : 'stop',
          done: true,
          total_duration: 1_200_000_000,
          load_duration: 20_000_000,
          prompt_eval_count: promptTokens,
          prompt_eval_duration: 100_000_000,
          eval_count: completionTokens,
          eval_duration: 1_000_000_000,
        }),
      ],
      failure: (message) => [[null, { error: message }]],
    };
  },

  whole(call, text, { cut, promptTokens, completionTokens }) {
    return {
      model: call.model,
      created_at: new Date().toISOString(),
      message: { role: 'assistant', content: text },
      done_reason: cut ? 'length' : 'stop',
      done: true,
      prompt_eval_count: promptTokens,
      eval_count: completionTokens,
    };
  },
};
