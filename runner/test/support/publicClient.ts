import { EventSource } from 'eventsource';
import type { RunEvent } from '../../../src/protocol/publicApi';
import type { Cluster } from './cluster';

/** The bearer token the launcher printed on its first start, read from what it printed. */
export function printedToken(cluster: Cluster): string {
  const match = /API token \(shown once[^)]*\): (crt_[A-Za-z0-9_-]+)/.exec(cluster.output());
  if (!match?.[1]) throw new Error(`The runner printed no API token:\n${cluster.output().slice(-5000)}`);
  return match[1];
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** One call to the public API, as curl would make it: method, path, optional token, JSON or text body. */
export async function call<T = unknown>(
  cluster: Cluster,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; text?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) {
    headers['content-type'] ??= 'text/plain';
    body = options.text;
  }
  const response = await fetch(`${cluster.publicApi}${path}`, {
    method,
    headers,
    signal: AbortSignal.timeout(60_000),
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the text itself
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** What an SSE client saw: the run's events, the `end` event's data, the ids it was sent. */
export interface Followed {
  events: RunEvent[];
  ids: string[];
  end?: string;
}

/**
 * Follows a run's events with a real EventSource (the `eventsource` package, the WHATWG client),
 * until `event: end`, or until `stopAfter` events have come (the client then closes, as one that
 * goes away mid-run). `lastEventId` resumes as a reconnecting client does.
 */
export function follow(
  cluster: Cluster,
  token: string,
  runId: string,
  options: { lastEventId?: string; stopAfter?: number; onEvent?: (event: RunEvent, receivedAt: number) => void } = {},
): Promise<Followed> {
  const seen: Followed = { events: [], ids: [] };
  return new Promise((resolve, reject) => {
    const source = new EventSource(`${cluster.publicApi}/runs/${runId}/events`, {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: {
            ...init.headers,
            authorization: `Bearer ${token}`,
            ...(options.lastEventId !== undefined ? { 'last-event-id': options.lastEventId } : {}),
          },
        }),
    });
    const timer = setTimeout(() => {
      source.close();
      reject(new Error(`The run's events did not end within 120 s; saw ${seen.events.map((e) => e.type).join(', ')}`));
    }, 120_000);
    // Messages that came in one chunk are dispatched one after another even after close(): a
    // client that has stopped listening ignores them.
    let closed = false;
    const done = () => {
      closed = true;
      clearTimeout(timer);
      source.close();
      resolve(seen);
    };
    source.onmessage = (message) => {
      if (closed) return;
      const event = JSON.parse(String(message.data)) as RunEvent;
      options.onEvent?.(event, performance.now());
      seen.events.push(event);
      seen.ids.push(message.lastEventId);
      if (options.stopAfter !== undefined && seen.events.length >= options.stopAfter) done();
    };
    source.addEventListener('end', (message) => {
      seen.end = String(message.data);
      done();
    });
    source.onerror = (error) => {
      clearTimeout(timer);
      source.close();
      reject(new Error(`The event stream failed: ${error.message ?? 'no message'} (code ${error.code ?? '?'})`));
    };
  });
}
