/** A tiny HTTP server for ctx.fetch tests; see httpEchoServer.mjs. */
export interface EchoServer {
  /** e.g. http://127.0.0.1:4700 (no trailing slash) */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** What any path other than GET /csv answers, as JSON. */
export interface EchoReply {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
}

/** What GET /csv answers (text/csv). */
export const ECHO_CSV: string;

export function startEchoServer(port?: number, host?: string): Promise<EchoServer>;
