import http2 from 'node:http2';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startBalancer, type Balancer } from '../src/balancer';

/** A free loopback port, closed again: a runner process will listen there later. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A stand-in runner process: answers every stream at once and notes the paths, in the order they came. */
async function backend(port: number): Promise<{ paths: string[]; close: () => Promise<void> }> {
  const paths: string[] = [];
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    paths.push(String(headers[':path']));
    stream.respond({ ':status': 200 });
    stream.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { paths, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A stand-in runner process that takes a stream and dies before answering it (its sockets cut, as SIGKILL does). */
async function dyingBackend(port: number): Promise<{ close: () => Promise<void> }> {
  const server = http2.createServer();
  const sockets: Socket[] = [];
  server.on('connection', (socket: Socket) => sockets.push(socket));
  server.on('stream', () => {
    setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, 50);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** How a call through the balancer ended: its status once its answer ended, or `reset` if it was cut first. */
function callToEnd(session: http2.ClientHttp2Session, path: string): Promise<string> {
  return new Promise((resolve) => {
    let status = 'none';
    const stream = session.request({ ':method': 'POST', ':path': path });
    stream.on('response', (headers) => (status = String(headers[':status'])));
    stream.on('end', () => resolve(status));
    stream.on('error', () => resolve(`${status} reset`));
    stream.on('close', () => resolve(`${status} reset`));
    stream.resume();
    stream.write('x');
  });
}

function call(session: http2.ClientHttp2Session, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': 'POST', ':path': path });
    stream.on('response', (headers) => resolve(Number(headers[':status'])));
    stream.on('error', reject);
    stream.resume();
    stream.end();
  });
}

describe('the balancer in front of the runner processes', () => {
  let balancer: Balancer | undefined;
  let client: http2.ClientHttp2Session | undefined;
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    client?.destroy();
    await balancer?.close();
    await stop?.();
  });

  it('takes a process that answers for up again at once, so a script sent next is not held back', async () => {
    const port = await freePort();
    const balancerPort = await freePort();
    balancer = await startBalancer(balancerPort, [`http://127.0.0.1:${port}`]);
    client = http2.connect(`http://127.0.0.1:${balancerPort}`);
    // Restate's first discovery, while the process is still starting: refused, the process taken for down.
    expect(await call(client, '/discover')).toBe(502);
    const runner = await backend(port);
    stop = runner.close;
    expect(await call(client, '/discover')).toBe(200);
    // A script sent now goes to the process before the call sent after it, not after a wait.
    const script = call(client, '/invoke/agent/script');
    const after = call(client, '/invoke/project/read');
    expect(await Promise.all([script, after])).toEqual([200, 200]);
    expect(runner.paths).toEqual(['/discover', '/invoke/agent/script', '/invoke/project/read']);
  });

  // Restate holds an invocation open until its stream ends: one that nobody ends waits for ever
  // (a waiter's retry stuck so held up the run's whole failover in CI).
  it('refuses a call whose process dies before answering it, so Restate retries it at once', async () => {
    const port = await freePort();
    const balancerPort = await freePort();
    const runner = await dyingBackend(port);
    stop = runner.close;
    balancer = await startBalancer(balancerPort, [`http://127.0.0.1:${port}`]);
    client = http2.connect(`http://127.0.0.1:${balancerPort}`);
    expect(await callToEnd(client, '/invoke/waiter/until')).toBe('502');
  });
});
