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
}

export function ingressUrl(): string {
  return (process.env['RESTATE_INGRESS_URL'] ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
}

export async function callObject<T>(name: string, key: string, handler: string, body: unknown = null, options: IngressOptions = {}): Promise<T> {
  return post<T>(`${ingressUrl()}/${name}/${encodeURIComponent(key)}/${handler}`, body, options);
}

export async function callService<T>(name: string, handler: string, body: unknown, options: IngressOptions = {}): Promise<T> {
  return post<T>(`${ingressUrl()}/${name}/${handler}`, body, options);
}

async function post<T>(url: string, body: unknown, options: IngressOptions): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
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
