import { StudioError } from '../../src/core/errors/studioError';
import { CLAIM_LOST_STATUS, type AgentHandlers, type ProjectHandlers, type WaiterHandlers } from './protocol';

/**
 * Calls into Restate through its ingress: plain HTTP, so the driver, the front and the tests all
 * talk to the cluster the same way. A refusal (a TerminalError in a handler) comes back as an
 * IngressError with the handler's sentence.
 */
export class IngressError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface IngressOptions {
  idempotencyKey?: string;
  /** Ends the wait for the answer (the invocation itself goes on in Restate). */
  signal?: AbortSignal;
}

export function ingressUrl(): string {
  return (process.env['RESTATE_INGRESS_URL'] ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
}

export async function callObject<T>(
  name: string,
  key: string,
  handler: string,
  body: unknown = null,
  options: IngressOptions = {},
): Promise<T> {
  return post<T>(`${ingressUrl()}/${name}/${encodeURIComponent(key)}/${handler}`, body, options);
}

export async function callService<T>(
  name: string,
  handler: string,
  body: unknown,
  options: IngressOptions = {},
): Promise<T> {
  return post<T>(`${ingressUrl()}/${name}/${handler}`, body, options);
}

/**
 * A call to a project object's handler, typed by protocol.ts. A refusal because the caller's claim
 * was taken over comes back as a StudioError with the code `claim-lost`, so callers check the code,
 * never the sentence.
 */
export async function callProject<H extends keyof ProjectHandlers>(
  key: string,
  handler: H & string,
  input: ProjectHandlers[H]['input'],
  options: IngressOptions = {},
): Promise<ProjectHandlers[H]['output']> {
  try {
    return await callObject<ProjectHandlers[H]['output']>('project', key, handler, input, options);
  } catch (error) {
    if (error instanceof IngressError && error.status === CLAIM_LOST_STATUS)
      throw new StudioError(
        'claim-lost',
        error.message,
        'Another runner process holds the project now; this one stops.',
      );
    throw error;
  }
}

export function callWaiter<H extends keyof WaiterHandlers>(
  handler: H & string,
  input: WaiterHandlers[H]['input'],
): Promise<WaiterHandlers[H]['output']> {
  return callService<WaiterHandlers[H]['output']>('waiter', handler, input);
}

export function callAgent<H extends keyof AgentHandlers>(
  handler: H & string,
  input: AgentHandlers[H]['input'],
  options: IngressOptions = {},
): Promise<AgentHandlers[H]['output']> {
  return callService<AgentHandlers[H]['output']>('agent', handler, input, options);
}

/** Whether an error (thrown, or as the conductor reports it) says the caller's claim on a log was taken over. */
export const isClaimLost = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'claim-lost';

async function post<T>(url: string, body: unknown, options: IngressOptions): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new IngressError(message, response.status);
  }
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
