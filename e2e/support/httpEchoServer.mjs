// A tiny HTTP server for tests of ctx.fetch: any path answers JSON `{ method, path, query, body }`,
// and GET /csv answers a small CSV text. CORS is open (the studio's page is cross-origin isolated,
// so a CORS-mode fetch from it needs these headers), and OPTIONS preflights are answered.
//
//   const server = await startEchoServer(0)   (in a spec; the port an extension declares, or 0)
//   node e2e/support/httpEchoServer.mjs --port 4700
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Expose-Headers': '*',
  'Access-Control-Max-Age': '600',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

export const ECHO_CSV = 'name,qty\napples,3\npears,5\n';

/** @param {import('node:http').IncomingMessage} req */
function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export async function startEchoServer(port = 0, host = '127.0.0.1') {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      return res.end();
    }
    if (req.method === 'GET' && url.pathname === '/csv') {
      res.writeHead(200, { ...CORS_HEADERS, 'Content-Type': 'text/csv; charset=utf-8' });
      return res.end(ECHO_CSV);
    }
    readBody(req).then(
      (body) => {
        res.writeHead(200, { ...CORS_HEADERS, 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body }),
        );
      },
      () => res.destroy(),
    );
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = process.argv.indexOf('--port');
  const server = await startEchoServer(flag >= 0 ? Number(process.argv[flag + 1]) : 4700);
  console.log(`echo server on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
