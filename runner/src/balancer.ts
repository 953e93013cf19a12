import http2 from 'node:http2';

/**
 * Spreads Restate's calls over the runner processes: one HTTP/2 (h2c) address that Restate knows as
 * the deployment, forwarding each stream (each invocation) to the next live process in turn.
 * Restate multiplexes every invocation over few connections, so balancing connections would send
 * them all to one process; balancing streams spreads them. A process that goes away is skipped
 * until it answers again, and Restate retries the invocations it was running, which land on the
 * others. In production any HTTP/2 load balancer does the same (see runner/README.md).
 */
export interface Balancer {
  close(): Promise<void>;
}

interface Backend {
  url: string;
  session: http2.ClientHttp2Session | null;
  downUntil: number;
}

const RETRY_DOWN_MS = 1000;
const HOP_HEADERS = new Set([':method', ':path', ':scheme', ':authority', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']);

export function startBalancer(port: number, backendUrls: string[], host = '127.0.0.1'): Promise<Balancer> {
  const backends: Backend[] = backendUrls.map((url) => ({ url, session: null, downUntil: 0 }));
  let next = 0;

  const sessionOf = (backend: Backend): http2.ClientHttp2Session => {
    if (backend.session && !backend.session.closed && !backend.session.destroyed) return backend.session;
    const session = http2.connect(backend.url);
    const drop = () => {
      if (backend.session === session) backend.session = null;
    };
    session.on('error', () => {
      backend.downUntil = Date.now() + RETRY_DOWN_MS;
      drop();
    });
    session.on('close', drop);
    backend.session = session;
    return session;
  };

  const pick = (): Backend | undefined => {
    const now = Date.now();
    for (let i = 0; i < backends.length; i++) {
      const backend = backends[(next + i) % backends.length];
      if (backend && backend.downUntil <= now) {
        next = (next + i + 1) % backends.length;
        return backend;
      }
    }
    return backends[next++ % backends.length];
  };

  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    const backend = pick();
    if (!backend) {
      stream.respond({ ':status': 503 });
      stream.end();
      return;
    }
    const forwarded: http2.OutgoingHttpHeaders = { ':method': headers[':method'], ':path': headers[':path'] };
    for (const [name, value] of Object.entries(headers)) if (!HOP_HEADERS.has(name) && value !== undefined) forwarded[name] = value;
    let upstream: http2.ClientHttp2Stream;
    try {
      upstream = sessionOf(backend).request(forwarded);
    } catch {
      backend.downUntil = Date.now() + RETRY_DOWN_MS;
      stream.respond({ ':status': 503 });
      stream.end();
      return;
    }
    upstream.on('response', (responseHeaders) => {
      const out: http2.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(responseHeaders)) if (!HOP_HEADERS.has(name) || name === ':status') out[name] = value;
      if (!stream.destroyed) stream.respond(out);
      upstream.pipe(stream);
    });
    upstream.on('error', () => {
      backend.downUntil = Date.now() + RETRY_DOWN_MS;
      if (!stream.headersSent && !stream.destroyed) {
        stream.respond({ ':status': 502 });
        stream.end();
      } else stream.destroy();
    });
    stream.on('error', () => upstream.destroy());
    stream.on('close', () => {
      if (!upstream.destroyed) upstream.close();
    });
    stream.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            for (const backend of backends) backend.session?.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
