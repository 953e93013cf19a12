'use strict';
// HTTP request: the entry code of a Conductor extension. It runs in the agent sandbox, which has
// no network of its own: ctx.fetch asks the conductor, which checks the URL against the origins
// in the manifest, makes the request and journals it.

/** A header's value whatever the case of its name ("Content-Type", "content-type"). */
function headerValue(headers, name) {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return '';
}

/** The response body as data when the server says it is JSON (and it parses), else as text. */
function readBody(response, log) {
  if (!/[/+]json\b/i.test(headerValue(response.headers, 'content-type'))) return response.text;
  try {
    return JSON.parse(response.text);
  } catch {
    log('the response says it is JSON but does not parse; it is passed on as text');
    return response.text;
  }
}

function looksLikeJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

exports.kinds = {
  request: async function request(ctx) {
    const url = ctx.settings.url;
    const method = ctx.settings.method ?? 'GET';
    if (typeof url !== 'string' || url === '') throw new Error('the step has no URL. Set “url” in its settings.');
    const init = { method };
    if (method === 'POST') {
      const body = typeof ctx.inputs.body === 'string' ? ctx.inputs.body : JSON.stringify(ctx.inputs.body ?? null);
      init.body = body;
      init.headers = { 'content-type': looksLikeJson(body) ? 'application/json' : 'text/plain;charset=utf-8' };
    }
    const response = await ctx.fetch(url, init);
    ctx.log(`${method} ${url} → ${response.status} ${response.statusText ?? ''}`.trim());
    ctx.emit('response', { status: response.status, ok: response.ok, body: readBody(response, ctx.log) });
  },
};
