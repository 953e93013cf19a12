import './polyfill';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { setPriority } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startBalancer } from './balancer';
import { scriptSlotsFromEnv } from './scriptThreads';
import { startApi } from './api';
import { loadRunnerSigner } from './signer';
import { launchPublicApi } from './public/launchPublicApi';

/**
 * `npm run runner`: everything a studio needs to run flows off the tab, on this machine. Starts a
 * Restate server (data under .runner/), N runner processes, the balancer Restate reaches them
 * through, registers that address with Restate, and serves the studio's API. With
 * RESTATE_ADMIN_URL and RESTATE_INGRESS_URL set it joins an existing Restate cluster instead of
 * starting a server. Each setting is an environment variable (see runner/README.md).
 */
const env = process.env;
const num = (name: string, fallback: number) => Number(env[name] ?? fallback);
const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(env['RUNNER_DIR'] ?? '.runner');
const ingressPort = num('RESTATE_INGRESS_PORT', 8080);
const adminPort = num('RESTATE_ADMIN_PORT', 9070);
const nodePort = num('RESTATE_NODE_PORT', 5122);
const balancerPort = num('RUNNER_BALANCER_PORT', 9080);
const processes = num('RUNNER_PROCESSES', 1);
const firstWorkerPort = num('RUNNER_WORKER_PORT', balancerPort + 1);
const apiPort = num('RUNNER_API_PORT', 4780);
const allowedOrigins = (
  env['RUNNER_ALLOWED_ORIGINS'] ??
  'http://localhost:5173,http://127.0.0.1:5173,http://localhost:4173,http://127.0.0.1:4173'
)
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const ownServer = env['RESTATE_ADMIN_URL'] === undefined;
const adminUrl = env['RESTATE_ADMIN_URL'] ?? `http://127.0.0.1:${adminPort}`;
const ingressUrl = env['RESTATE_INGRESS_URL'] ?? `http://127.0.0.1:${ingressPort}`;
/** The address Restate reaches the runner processes at; another machine's cluster needs a routable one. */
const deploymentUrl = env['RUNNER_DEPLOYMENT_URL'] ?? `http://127.0.0.1:${balancerPort}`;

// The front's own calls (start, read, export) go to the same ingress as the runner processes'.
env['RESTATE_INGRESS_URL'] = ingressUrl;

const children: ChildProcess[] = [];
const log = (line: string) => console.log(`[runner] ${line}`);

function restateBinary(): string {
  if (env['RESTATE_SERVER_BIN']) return env['RESTATE_SERVER_BIN'];
  try {
    const require = createRequire(import.meta.url);
    return join(
      dirname(require.resolve(`@restatedev/restate-server-${process.platform}-${process.arch}/package.json`)),
      'bin',
      'restate-server',
    );
  } catch {
    return 'restate-server';
  }
}

function startRestate(): void {
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    restateBinary(),
    ['--base-dir', join(dir, 'restate-data'), '--no-logo', '--listen-mode', 'tcp', '--node-name', 'runner-local'],
    {
      env: {
        ...env,
        RESTATE_INGRESS__BIND_ADDRESS: `127.0.0.1:${ingressPort}`,
        RESTATE_ADMIN__BIND_ADDRESS: `127.0.0.1:${adminPort}`,
        RESTATE_BIND_ADDRESS: `127.0.0.1:${nodePort}`,
        RESTATE_ADVERTISED_ADDRESS: `http://127.0.0.1:${nodePort}`,
        RESTATE_DEFAULT_NUM_PARTITIONS: env['RESTATE_DEFAULT_NUM_PARTITIONS'] ?? '4',
        RESTATE_LOG_FILTER: env['RESTATE_LOG_FILTER'] ?? 'warn',
        // Retry an invocation whose runner process went away soon, not after Restate's default backoff.
        RESTATE_DEFAULT_RETRY_POLICY__INITIAL_INTERVAL:
          env['RESTATE_DEFAULT_RETRY_POLICY__INITIAL_INTERVAL'] ?? '100ms',
        RESTATE_DEFAULT_RETRY_POLICY__MAX_INTERVAL: env['RESTATE_DEFAULT_RETRY_POLICY__MAX_INTERVAL'] ?? '2s',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  child.on('exit', (code) => {
    log(`restate-server exited (${code ?? 'signal'})`);
    shutdown(1);
  });
  children.push(child);
}

/**
 * On one machine the engine and the front yield the CPU to the agents' work: the launcher's own
 * thread (the balancer, the studio's API) and the Restate server it starts next (which inherits
 * it) run at a lower priority (nice RUNNER_ENGINE_NICE, 10 by default; 0 for none) than the runner
 * processes started before. On 2 cores, a 64-item map of CPU-bound scripts on 2 processes took
 * 5.0 s instead of 5.4–5.6 s with short scripts (~0.1 s each) and 13.6–13.7 s instead of
 * 13.7–13.9 s with longer ones (~0.4 s), and restate-server used 15–30% less CPU (it waits, and
 * batches, more). The front still answers within milliseconds: what it does is small.
 */
function yieldToAgents(): void {
  const nice = num('RUNNER_ENGINE_NICE', 10);
  if (!Number.isInteger(nice) || nice <= 0) return;
  try {
    setPriority(Math.min(19, nice));
  } catch (error) {
    log(
      `could not lower the engine's priority (${error instanceof Error ? error.message : String(error)}); it runs at the agents' priority`,
    );
  }
}

function startWorker(port: number): ChildProcess {
  const child = spawn(process.execPath, [join(here, 'worker.mjs')], {
    env: { RESTATE_LOGGING: 'WARN', ...env, RUNNER_ENDPOINT_PORT: String(port), RESTATE_INGRESS_URL: ingressUrl },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  return child;
}

/** Asks `isUp` until it says yes, every `everyMs`, or gives up with `failure` after `timeoutMs`. */
async function waitUntil(
  isUp: () => Promise<boolean>,
  failure: string,
  everyMs: number,
  timeoutMs = 60_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await isUp())) {
    if (Date.now() > until) throw new Error(`${failure} within ${timeoutMs / 1000} s.`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const answersHttp = (url: string) => (): Promise<boolean> =>
  fetch(url).then(
    (response) => response.status < 500,
    () => false, // not up yet
  );

/** Something listens on the port (a runner process speaks only HTTP/2, so no fetch). */
const listensOn = (port: number) => (): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

async function register(): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${adminUrl}/deployments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uri: deploymentUrl, force: true }),
    }).catch((error: unknown) => error as Error);
    if (!(response instanceof Error) && response.ok) return;
    if (Date.now() > until)
      throw new Error(
        `Restate refused to register ${deploymentUrl}: ${response instanceof Error ? response.message : await response.text()}`,
      );
    await new Promise((r) => setTimeout(r, 300));
  }
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  const exits = children
    .filter((c) => c.exitCode === null && c.signalCode === null)
    .map((c) => new Promise((r) => c.once('exit', r)));
  for (const child of children) child.kill('SIGTERM');
  // Restate flushes its data on the way out: wait for it (at most 10 s) before going.
  void Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 10_000))]).then(() => process.exit(code));
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function main(): Promise<void> {
  const workerPorts = Array.from({ length: processes }, (_, i) => firstWorkerPort + i);
  const workers = workerPorts.map((port) => startWorker(port));
  yieldToAgents();
  if (ownServer) startRestate();
  await startBalancer(
    balancerPort,
    workerPorts.map((port) => `http://127.0.0.1:${port}`),
    { slots: scriptSlotsFromEnv() },
  );
  await waitUntil(answersHttp(`${adminUrl}/health`), `Restate admin did not come up at ${adminUrl}/health`, 200);
  // Registering before the processes listen would fail Restate's first discovery through the
  // balancer, which then takes them for down for a moment, and the first agent waits it out.
  await Promise.all(
    workerPorts.map((port) => waitUntil(listensOn(port), `A runner process did not listen on port ${port}`, 100)),
  );
  await register();
  const { signer, fingerprint } = await loadRunnerSigner(env['RUNNER_KEY_FILE'] ?? join(dir, 'runner-key.json'));
  await startApi({ port: apiPort, allowedOrigins, signer, fingerprint, processes });
  const publicApi = await launchPublicApi(dir, log);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `processes-${apiPort}.json`),
    JSON.stringify({ launcher: process.pid, workers: workers.map((w) => w.pid) }),
  );
  log(
    `ready: studio API http://127.0.0.1:${apiPort}${publicApi ? ` · public API ${publicApi}` : ''} · Restate ingress ${ingressUrl} · ${processes} runner process${processes === 1 ? '' : 'es'} (pids ${workers.map((w) => w.pid).join(', ')}) · key ${fingerprint.slice(0, 16)}`,
  );
}

main().catch((error: unknown) => {
  console.error(`[runner] ${error instanceof Error ? error.message : String(error)}`);
  shutdown(1);
});
