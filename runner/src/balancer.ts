import http2 from 'node:http2';

/**
 * Spreads Restate's calls over the runner processes: one HTTP/2 (h2c) address that Restate knows as
 * the deployment, forwarding each stream (each invocation) to a live process. Restate multiplexes
 * every invocation over few connections, so balancing connections would send them all to one
 * process; balancing streams spreads them.
 *
 * Script agents are pulled, not pushed: a process is handed at most `slots` of them at once (its
 * script threads), and the rest wait here until a process has a free slot. Handing them out in
 * turns instead queued a share in each process up front, so the process that also drove the
 * conductor, a little slower, was still working through its queue while the other stood idle.
 * Every other call (the project object's, LLM calls) goes to the live process with the fewest open.
 *
 * A process that goes away is skipped until it answers again, and Restate retries the invocations
 * it was running, which land on the others. In production a least-request HTTP/2 load balancer does
 * nearly the same (see runner/README.md).
 */
export interface Balancer {
  close(): Promise<void>;
}

interface Backend {
  url: string;
  session: http2.ClientHttp2Session | null;
  downUntil: number;
  /** Streams open to this process, of every kind. */
  open: number;
  /** Script agents it is working on. */
  scripts: number;
}

type Stream = http2.ServerHttp2Stream;

const RETRY_DOWN_MS = 1000;
const ANSWER_WITHIN_MS = 10_000;
const HOP_HEADERS = new Set([
  ':method',
  ':path',
  ':scheme',
  ':authority',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
]);
const SCRIPT_PATH = '/invoke/agent/script';

export function startBalancer(
  port: number,
  backendUrls: string[],
  options: { host?: string; slots?: number } = {},
): Promise<Balancer> {
  const slots = Math.max(1, options.slots ?? 1);
  const backends: Backend[] = backendUrls.map((url) => ({ url, session: null, downUntil: 0, open: 0, scripts: 0 }));
  const waitingScripts: Array<{ stream: Stream; headers: http2.IncomingHttpHeaders }> = [];
  let next = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const markDown = (backend: Backend) => {
    backend.downUntil = Date.now() + RETRY_DOWN_MS;
  };

  const sessionOf = (backend: Backend): http2.ClientHttp2Session => {
    if (backend.session && !backend.session.closed && !backend.session.destroyed) return backend.session;
    const session = http2.connect(backend.url);
    const drop = () => {
      if (backend.session === session) backend.session = null;
    };
    session.on('error', () => {
      markDown(backend);
      drop();
    });
    session.on('close', drop);
    backend.session = session;
    return session;
  };

  /** The live process with the fewest open streams (taking turns among equals), among those `eligible`. */
  const pick = (eligible: (backend: Backend) => boolean): Backend | undefined => {
    const now = Date.now();
    let best: Backend | undefined;
    for (let i = 0; i < backends.length; i++) {
      const backend = backends[(next + i) % backends.length];
      if (backend && backend.downUntil <= now && eligible(backend) && (!best || backend.open < best.open))
        best = backend;
    }
    next = (next + 1) % backends.length;
    return best;
  };

  const forward = (stream: Stream, headers: http2.IncomingHttpHeaders, backend: Backend, onClose: () => void) => {
    const outgoing: http2.OutgoingHttpHeaders = { ':method': headers[':method'], ':path': headers[':path'] };
    for (const [name, value] of Object.entries(headers))
      if (!HOP_HEADERS.has(name) && value !== undefined) outgoing[name] = value;
    let upstream: http2.ClientHttp2Stream;
    try {
      upstream = sessionOf(backend).request(outgoing);
    } catch {
      markDown(backend);
      refuse(stream, 503);
      onClose();
      return;
    }
    backend.open += 1;
    // A process answers an invocation at once (the work streams after): one that does not within
    // a few seconds is taken for gone, so its slot is not held for ever and Restate retries.
    const unanswered = setTimeout(() => upstream.destroy(), ANSWER_WITHIN_MS);
    upstream.once('close', () => {
      clearTimeout(unanswered);
      backend.open -= 1;
      onClose();
      // Closed before it answered (its process died, or did not answer in time): Restate must hear
      // of it, or it waits for ever on a stream nobody will answer. Refused, it retries at once.
      if (stream.destroyed || stream.headersSent) return;
      markDown(backend);
      refuse(stream, 502);
    });
    upstream.on('response', (responseHeaders) => {
      clearTimeout(unanswered);
      // It answers: whatever failed before (it was still starting, say) is over.
      backend.downUntil = 0;
      const out: http2.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(responseHeaders))
        if (!HOP_HEADERS.has(name) || name === ':status') out[name] = value;
      if (!stream.destroyed) stream.respond(out);
      upstream.pipe(stream);
    });
    // An error before the answer is refused as the stream closes (above); after it, the call is cut.
    upstream.on('error', () => {
      markDown(backend);
      if (stream.headersSent) stream.destroy();
    });
    stream.on('error', () => upstream.destroy());
    stream.on('close', () => {
      if (!upstream.destroyed) upstream.close();
    });
    stream.pipe(upstream);
  };

  /** Hands waiting script agents to processes with a free slot, oldest first. */
  const drainScripts = () => {
    while (waitingScripts.length > 0) {
      const first = waitingScripts[0];
      if (!first) return;
      if (first.stream.destroyed || first.stream.closed) {
        waitingScripts.shift();
        continue;
      }
      const backend = pick((b) => b.scripts < slots);
      if (!backend) {
        // Every process is busy (a slot frees and drains again) or down (try again shortly).
        const now = Date.now();
        if (!retryTimer && backends.every((b) => b.downUntil > now)) {
          retryTimer = setTimeout(
            () => {
              retryTimer = null;
              drainScripts();
            },
            Math.min(...backends.map((b) => b.downUntil)) - now,
          );
        }
        return;
      }
      waitingScripts.shift();
      backend.scripts += 1;
      let released = false;
      forward(first.stream, first.headers, backend, () => {
        if (released) return;
        released = true;
        backend.scripts -= 1;
        drainScripts();
      });
    }
  };

  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    if (headers[':path'] === SCRIPT_PATH) {
      waitingScripts.push({ stream, headers });
      drainScripts();
      return;
    }
    const backend = pick(() => true) ?? backends[next];
    if (!backend) return refuse(stream, 503);
    forward(stream, headers, backend, () => undefined);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? '127.0.0.1', () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            if (retryTimer) clearTimeout(retryTimer);
            for (const backend of backends) backend.session?.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

function refuse(stream: Stream, status: number): void {
  if (stream.destroyed) return;
  stream.respond({ ':status': status });
  stream.end();
}
