import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FETCH_BYTES } from '../core/conductor/ports';
import { createFetchHttpClient } from './httpClient';

/** Real sockets on 127.0.0.1: each path is one way a server can answer (or not). */
function route(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/echo') {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      res.writeHead(200, 'Fine', {
        'content-type': 'application/json',
        'x-seen-header': String(req.headers['x-probe'] ?? ''),
      });
      res.end(JSON.stringify({ method: req.method, body }));
    });
    return;
  }
  if (path === '/missing') {
    res.writeHead(404, 'Not Found', { 'content-type': 'text/plain' });
    res.end('no such thing');
    return;
  }
  if (path === '/huge') {
    // Streamed in pieces, so the client must stop reading rather than receive one big buffer.
    res.writeHead(200, { 'content-type': 'text/plain' });
    const piece = 'x'.repeat(64 * 1024);
    let sent = 0;
    const more = (): void => {
      while (sent <= MAX_FETCH_BYTES * 2) {
        sent += piece.length;
        if (!res.write(piece)) return void res.once('drain', more);
      }
      res.end();
    };
    more();
    return;
  }
  if (path === '/redirect') {
    res.writeHead(302, { location: 'http://127.0.0.2/elsewhere' });
    res.end();
    return;
  }
  if (path === '/stall-body') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('the start, and then nothing');
    return;
  }
  // /silent: never answers.
}

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = createFetchHttpClient();

describe('createFetchHttpClient', () => {
  it('sends the method, headers and body, and returns status, headers, text and bytes', async () => {
    const result = await client.request({
      url: `${base}/echo?q=1`,
      method: 'POST',
      headers: { 'x-probe': 'yes', 'content-type': 'text/plain' },
      body: 'héllo',
      deadlineMs: 5_000,
    });
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      statusText: 'Fine',
      text: JSON.stringify({ method: 'POST', body: 'héllo' }),
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.headers['content-type']).toBe('application/json');
    expect(result.headers['x-seen-header']).toBe('yes');
    expect(result.bytes).toBe(new TextEncoder().encode(result.text).byteLength);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a 404 is an answer, not a failure: ok with its status', async () => {
    expect(await client.request({ url: `${base}/missing`, deadlineMs: 5_000 })).toMatchObject({
      ok: true,
      status: 404,
      statusText: 'Not Found',
      text: 'no such thing',
    });
  });

  it('does not follow a redirect', async () => {
    const result = await client.request({ url: `${base}/redirect`, deadlineMs: 5_000 });
    expect(result).toMatchObject({ ok: true, status: 302, headers: { location: 'http://127.0.0.2/elsewhere' } });
  });

  it('stops reading a body past MAX_FETCH_BYTES and fails with a sentence', async () => {
    const result = await client.request({ url: `${base}/huge`, deadlineMs: 10_000 });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'invalid-output',
      reason: `the response from ${base} is larger than 1 MB, the most ctx.fetch reads. Ask for less (a page, a range or a filter).`,
    });
  });

  it('gives up at the deadline, before the headers or in the middle of the body', async () => {
    for (const path of ['/silent', '/stall-body']) {
      const result = await client.request({ url: `${base}${path}`, deadlineMs: 300 });
      expect(result).toMatchObject({
        ok: false,
        errorClass: 'timeout',
        reason: `${base} did not answer within 300 ms, so the request was given up. Try again later, or raise the model's timeout.`,
      });
    }
  });

  it('a refused connection is a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await client.request({ url: `http://127.0.0.1:${port}/`, deadlineMs: 5_000 });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'network',
      reason: expect.stringMatching(
        new RegExp(
          `^the request to http://127\\.0\\.0\\.1:${port} failed before an answer came \\(.*ECONNREFUSED.*\\)\\. Check that the server is running`,
        ),
      ),
    });
  });

  it('refuses what is not an http(s) URL without sending anything', async () => {
    expect(await client.request({ url: 'not a url', deadlineMs: 1_000 })).toMatchObject({
      ok: false,
      errorClass: 'bad-request',
      reason: '“not a url” is not a URL; give an absolute one like https://example.com/data.csv.',
    });
    expect(await client.request({ url: 'file:///etc/passwd', deadlineMs: 1_000 })).toMatchObject({
      ok: false,
      errorClass: 'bad-request',
      reason: 'file: URLs cannot be fetched; use http or https.',
    });
  });
});
