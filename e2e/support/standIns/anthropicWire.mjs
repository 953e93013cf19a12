// Anthropic's Messages API as the stand-in speaks it (POST /v1/messages), shapes as in Anthropic's
// API reference and its TypeScript SDK (RawMessageStreamEvent): a named SSE event per step,
// message_start → content_block_start → content_block_delta… → content_block_stop → message_delta
// (stop_reason, output usage) → message_stop, with `ping`s and `event: error` as the API sends them.

const ERROR_TYPES = {
  invalid: 'invalid_request_error',
  auth: 'authentication_error',
  'not-found': 'not_found_error',
  'rate-limit': 'rate_limit_error',
  server: 'api_error',
  unavailable: 'overloaded_error',
};

/** Text of a message's content: a string, or an array of blocks of which the text ones count. */
function textOf(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((block) => (block?.type === 'text' ? String(block.text ?? '') : '')).join('');
  return '';
}

let sequence = 0;

export const anthropicWire = {
  provider: 'anthropic',
  streamContentType: 'text/event-stream',
  route: (method, path) => (method === 'POST' && path === '/v1/messages' ? {} : null),

  parse(body, headers) {
    if (!Array.isArray(body?.messages)) return { error: 'messages: Field required' };
    if (typeof body?.model !== 'string' || !body.model) return { error: 'model: Field required' };
    if (!Number.isInteger(body?.max_tokens)) return { error: 'max_tokens: Field required' };
    const system = textOf(body.system);
    return {
      model: body.model,
      messages: [
        ...(system ? [{ role: 'system', content: system }] : []),
        ...body.messages.map((m) => ({ role: m?.role, content: textOf(m?.content) })),
      ],
      maxTokens: body.max_tokens,
      stream: body.stream === true,
      key: headers['x-api-key'],
    };
  },

  // 529 is Anthropic's "overloaded".
  status: (kind) =>
    ({ invalid: 400, auth: 401, 'not-found': 404, 'rate-limit': 429, server: 500, unavailable: 529 })[kind] ?? 500,
  errorBody: (kind, message) => ({
    type: 'error',
    error: { type: ERROR_TYPES[kind] ?? 'api_error', message },
    request_id: `req_standin${++sequence}`,
  }),

  /** The events of a streamed reply, as [event, data] pairs, for text cut into `chunks`. */
  stream(call, chunks, { cut, promptTokens }) {
    const id = `msg_standin${++sequence}`;
    return {
      start: [
        [
          'message_start',
          {
            type: 'message_start',
            message: {
              id,
              type: 'message',
              role: 'assistant',
              content: [],
              model: call.model,
              stop_reason: null,
              stop_sequence: null,
              usage: { input_tokens: promptTokens, output_tokens: 1 },
            },
          },
        ],
        ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
        ['ping', { type: 'ping' }],
      ],
      delta: (text) => [
        ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }],
      ],
      end: (completionTokens) => [
        ['content_block_stop', { type: 'content_block_stop', index: 0 }],
        [
          'message_delta',
          {
            type: 'message_delta',
            delta: { stop_reason: cut ? 'max_tokens' : 'end_turn', stop_sequence: null },
            usage: { output_tokens: completionTokens },
          },
        ],
        ['message_stop', { type: 'message_stop' }],
      ],
      failure: (message) => [['error', { type: 'error', error: { type: 'overloaded_error', message } }]],
    };
  },

  whole(call, text, { cut, promptTokens, completionTokens }) {
    return {
      id: `msg_standin${++sequence}`,
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text }],
      model: call.model,
      stop_reason: cut ? 'max_tokens' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: promptTokens, output_tokens: completionTokens },
    };
  },
};
