// Google's Gemini API as the stand-in speaks it, shapes as in the Gemini API reference and the
// googleapis/js-genai SDK (GenerateContentResponse): POST /v1beta/models/{model}:streamGenerateContent?alt=sse
// streams `data:` events (no event names, no [DONE]), each a whole GenerateContentResponse with
// candidates[0].content.parts[].text; the last carries finishReason and the full usageMetadata.
// Errors are {error: {code, message, status}}; a bad key is a 400 INVALID_ARGUMENT naming API_KEY_INVALID.

const STATUS = {
  invalid: [400, 'INVALID_ARGUMENT'],
  auth: [400, 'INVALID_ARGUMENT'],
  'not-found': [404, 'NOT_FOUND'],
  'rate-limit': [429, 'RESOURCE_EXHAUSTED'],
  server: [500, 'INTERNAL'],
  unavailable: [503, 'UNAVAILABLE'],
};

const textOf = (content) =>
  Array.isArray(content?.parts)
    ? content.parts.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('')
    : '';

let sequence = 0;

export const geminiWire = {
  provider: 'gemini',
  streamContentType: 'text/event-stream',
  route(method, path) {
    const match = /^\/v1beta\/models\/([^/:]+):(streamGenerateContent|generateContent)$/.exec(path);
    if (method !== 'POST' || !match) return null;
    return { model: decodeURIComponent(match[1]), stream: match[2] === 'streamGenerateContent' };
  },

  parse(body, headers, routed, url) {
    if (!Array.isArray(body?.contents))
      return { error: '* GenerateContentRequest.contents: contents is not specified' };
    if (routed.stream && url.searchParams.get('alt') !== 'sse')
      return { error: 'The stand-in streams only with alt=sse, as the SDKs ask for it.' };
    const system = textOf(body.systemInstruction);
    return {
      model: routed.model,
      messages: [
        ...(system ? [{ role: 'system', content: system }] : []),
        ...body.contents.map((c) => ({ role: c?.role === 'model' ? 'assistant' : 'user', content: textOf(c) })),
      ],
      maxTokens: Number.isInteger(body?.generationConfig?.maxOutputTokens)
        ? body.generationConfig.maxOutputTokens
        : null,
      stream: routed.stream,
      key: headers['x-goog-api-key'] ?? url.searchParams.get('key') ?? undefined,
    };
  },

  status: (kind) => (STATUS[kind] ?? STATUS.server)[0],
  errorBody(kind, message) {
    const [code, status] = STATUS[kind] ?? STATUS.server;
    return {
      error: {
        code,
        message,
        status,
        ...(kind === 'auth'
          ? {
              details: [
                {
                  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                  reason: 'API_KEY_INVALID',
                  domain: 'googleapis.com',
                },
              ],
            }
          : {}),
      },
    };
  },

  stream(call, chunks, { cut, promptTokens }) {
    const responseId = `standin${++sequence}`;
    const response = (parts, extra = {}, usage = { promptTokenCount: promptTokens, totalTokenCount: promptTokens }) => [
      'message',
      {
        candidates: [{ content: { parts, role: 'model' }, index: 0, ...extra }],
        usageMetadata: usage,
        modelVersion: call.model,
        responseId,
      },
    ];
    return {
      start: [],
      delta: (text) => [response([{ text }])],
      end: (completionTokens) => [
        response(
          [{ text: '' }],
          { finishReason: cut ? 'MAX_TOKENS' : 'STOP' },
          {
            promptTokenCount: promptTokens,
            candidatesTokenCount: completionTokens,
            totalTokenCount: promptTokens + completionTokens,
          },
        ),
      ],
      failure: (message) => [['message', { error: { code: 503, message, status: 'UNAVAILABLE' } }]],
    };
  },

  whole(call, text, { cut, promptTokens, completionTokens }) {
    return {
      candidates: [
        { content: { parts: [{ text }], role: 'model' }, finishReason: cut ? 'MAX_TOKENS' : 'STOP', index: 0 },
      ],
      usageMetadata: {
        promptTokenCount: promptTokens,
        candidatesTokenCount: completionTokens,
        totalTokenCount: promptTokens + completionTokens,
      },
      modelVersion: call.model,
      responseId: `standin${++sequence}`,
    };
  },
};
