import type { ErrorClass } from '../../core/conductor/ports';

const MAX_SERVER_MESSAGE = 300;

/** The class a retry policy sees for an HTTP failure status. */
export function classifyStatus(status: number): ErrorClass {
  if (status === 429) return 'rate-limit';
  if (status === 401 || status === 403) return 'auth';
  if (status >= 500) return 'server';
  // 400, 404, 422 and the other 4xx: sending the same request again will not help.
  return 'bad-request';
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The server's own words from an error body: OpenAI-style `{error: {message}}`, the `{error: "…"}`
 * some local servers send, `{message}`, or else the raw text. Trimmed, since a proxy may answer with a
 * whole HTML page.
 */
export function serverMessage(body: string): string {
  let text = body.trim();
  try {
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    const error = parsed.error;
    if (typeof error === 'string') text = error;
    else if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string')
      text = (error as { message: string }).message;
    else if (typeof parsed.message === 'string') text = parsed.message;
  } catch {
    // Not JSON: use the text as it is.
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_SERVER_MESSAGE ? `${text.slice(0, MAX_SERVER_MESSAGE)}…` : text;
}

/** A sentence for a person: what the server said and what to do about it. */
export function describeStatus(
  status: number,
  baseUrl: string,
  model: string,
  message: string,
  errorClass: ErrorClass = classifyStatus(status),
): string {
  const said = message ? ` It said: “${message}”` : '';
  if (errorClass === 'rate-limit')
    return `The server at ${baseUrl} is rate-limiting requests (HTTP 429).${said} Wait a little or lower the flow's concurrency.`;
  if (errorClass === 'auth')
    return `The server at ${baseUrl} refused the API key (HTTP ${status}).${said} Check the key under Project ▾ → API keys.`;
  if (errorClass === 'server')
    return `The server at ${baseUrl} failed (HTTP ${status}).${said} This is usually temporary; try again.`;
  if (status === 404)
    return `The server at ${baseUrl} has no such endpoint or model “${model}” (HTTP 404).${said} Check the base URL and model name.`;
  return `The server at ${baseUrl} rejected the request (HTTP ${status}).${said} Check the model name and settings.`;
}

export function describeUnreachable(baseUrl: string, detail: string): string {
  return `The server at ${baseUrl} could not be reached (${detail}). Check that it is running, that the base URL is right, and that it allows cross-origin (CORS) requests from this page.`;
}
