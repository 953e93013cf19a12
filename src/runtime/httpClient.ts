import { MAX_FETCH_BYTES, type HttpClient, type HttpRequest, type HttpResult } from '../core/conductor/ports';

type FetchImpl = (input: string, init: RequestInit) => Promise<Response>;

/** An origin for a sentence, or the raw text when it is no URL at all. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.slice(0, 200);
  }
}

function describe(thrown: unknown): string {
  if (thrown instanceof Error) {
    // Node's fetch hides the socket error in `cause` (ECONNREFUSED, ENOTFOUND…).
    const cause = (thrown as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message : '';
    return detail ? `${thrown.message}: ${detail}` : thrown.message;
  }
  return String(thrown);
}

/** Reads the body up to MAX_FETCH_BYTES; `null` when it is longer (the rest is not downloaded). */
async function readCapped(response: Response): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FETCH_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * The conductor's HttpClient on the platform's fetch: what ctx.fetch asks for, once the conductor
 * has granted it. A response with any status is a result (`ok: true` with its status; the agent
 * decides what a 404 means); only a request that got no complete answer is `ok: false`, with a
 * sentence and a class a retry policy can name. Redirects are never followed, since they could
 * lead to an origin the extension did not declare; no cookies are sent.
 */
export function createFetchHttpClient(
  fetchImpl: FetchImpl = (input, init) => globalThis.fetch(input, init),
): HttpClient {
  return {
    async request(request: HttpRequest): Promise<HttpResult> {
      const startedAt = performance.now();
      const elapsed = (): number => performance.now() - startedAt;
      const origin = originOf(request.url);
      const fail = (
        errorClass: 'timeout' | 'network' | 'bad-request' | 'invalid-output',
        reason: string,
      ): HttpResult => ({ ok: false, errorClass, reason, durationMs: elapsed() });
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return fail('bad-request', `“${origin}” is not a URL; give an absolute one like https://example.com/data.csv.`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return fail('bad-request', `${url.protocol} URLs cannot be fetched; use http or https.`);

      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), Math.max(0, request.deadlineMs));
      try {
        const init: RequestInit = {
          method: request.method ?? 'GET',
          signal: controller.signal,
          redirect: 'manual',
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
        };
        if (request.headers) init.headers = request.headers;
        if (request.body !== undefined) init.body = request.body;
        const response = await fetchImpl(url.href, init);
        // In a browser a manual redirect is opaque (status 0): there is nothing to give the agent.
        if (response.type === 'opaqueredirect')
          return fail(
            'bad-request',
            `${origin} answered with a redirect, which ctx.fetch does not follow (it could lead to an origin that was not declared). Fetch the final address instead.`,
          );
        const body = await readCapped(response);
        if (body === null)
          return fail(
            'invalid-output',
            `the response from ${origin} is larger than ${MAX_FETCH_BYTES / 1_000_000} MB, the most ctx.fetch reads. Ask for less (a page, a range or a filter).`,
          );
        return {
          ok: true,
          status: response.status,
          statusText: response.statusText,
          headers: Object.fromEntries(response.headers),
          text: new TextDecoder().decode(body),
          bytes: body.byteLength,
          durationMs: elapsed(),
        };
      } catch (error) {
        if (controller.signal.aborted)
          return fail(
            'timeout',
            `${origin} did not answer within ${request.deadlineMs} ms, so the request was given up. Try again later, or raise the model's timeout.`,
          );
        return fail(
          'network',
          `the request to ${origin} failed before an answer came (${describe(error)}). Check that the server is running and reachable, and that it allows this studio (CORS).`,
        );
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
