import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STUDIO_VERSION } from '../../../src/core/extensions/studioVersion';
import { STUDIO_VERSION_HEADER } from '../../../src/protocol/runnerApi';
import type { EventRecord } from '../../../src/core/events/storedEvent';

/** Ports for the runner's own tests, away from Restate's defaults and the studio's (RUNNER_TEST_PORT_BASE moves them). */
const BASE = Number(process.env['RUNNER_TEST_PORT_BASE'] ?? 18_100);

export interface Cluster {
  api: string;
  /** The public API (runner/src/public/), with the token the launcher printed on its first start. */
  publicApi: string;
  /** Restate's ingress, for a test that calls the runner's handlers as its processes do. */
  ingress: string;
  dir: string;
  workers: number[];
  /** What the launcher, Restate and the runner processes printed, for a failing test to show. */
  output(): string;
  /** Stops the launcher (and so Restate and the processes); `keepDir` leaves the data for a restart. */
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

/**
 * Starts `npm run runner`'s launcher (runner/dist/launch.mjs, built by the test setup) with its own
 * Restate server, data directory and ports, and waits until it says it is ready.
 */
export async function startCluster(options: {
  processes: number;
  offset?: number;
  env?: Record<string, string>;
  /** A data directory to start from (a restart); a fresh one by default. */
  dir?: string;
}): Promise<Cluster> {
  const base = BASE + (options.offset ?? 0) * 20;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'runner-test-'));
  const apiPort = base + 9;
  const child: ChildProcess = spawn(process.execPath, ['runner/dist/launch.mjs'], {
    env: {
      ...process.env,
      RUNNER_DIR: dir,
      RESTATE_INGRESS_PORT: String(base),
      RESTATE_ADMIN_PORT: String(base + 1),
      RESTATE_NODE_PORT: String(base + 2),
      RUNNER_BALANCER_PORT: String(base + 3),
      RUNNER_WORKER_PORT: String(base + 4),
      RUNNER_API_PORT: String(apiPort),
      RUNNER_PUBLIC_PORT: String(base + 10),
      RUNNER_PROCESSES: String(options.processes),
      ...options.env,
    },
    stdio: process.env['RUNNER_TEST_LOG'] ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const file = join(dir, `processes-${apiPort}.json`);
  // A restart in the same directory: wait for this start's file, not the last one's.
  rmSync(file, { force: true });
  const until = Date.now() + 90_000;
  while (!existsSync(file)) {
    if (child.exitCode !== null) throw new Error(`The runner exited before it was ready:\n${output}`);
    if (Date.now() > until) throw new Error(`The runner was not ready within 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const { workers } = JSON.parse(readFileSync(file, 'utf8')) as { workers: number[] };
  return {
    api: `http://127.0.0.1:${apiPort}`,
    publicApi: `http://127.0.0.1:${base + 10}`,
    ingress: `http://127.0.0.1:${base}`,
    dir,
    workers,
    output: () => output,
    stop: async ({ keepDir = false } = {}) => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      if (keepDir) return;
      await new Promise((r) => setTimeout(r, 500));
      // restate-server may still be flushing as it exits: a leftover temp dir is not a failure.
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch {
        // left for the OS to clean
      }
    },
  };
}

export async function api<T>(
  cluster: Cluster,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${cluster.api}${path}`, {
      // Every call answers within 25 s (the longest long poll): one that does not is a hung runner.
      signal: AbortSignal.timeout(60_000),
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', [STUDIO_VERSION_HEADER]: STUDIO_VERSION },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch (error) {
    throw new Error(
      `${init.method ?? 'GET'} ${path} got no answer (${String(error)}). The runner printed:\n${cluster.output().slice(-20_000)}`,
      { cause: error },
    );
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Reads the remote log until the run has finished, as the studio does (the live long poll). */
export async function waitForRun(
  cluster: Cluster,
  key: string,
  runId: string,
  timeoutMs = 120_000,
): Promise<EventRecord[]> {
  const records: EventRecord[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const page = await api<{ records: EventRecord[] }>(
      cluster,
      `/v1/projects/${key}/events?since=${records.length}&wait=2000`,
    );
    records.push(...page.records);
    if (
      records.some(
        (r) =>
          r.type === 'run.finished' && r.runId === runId && (r.data as { status: string }).status !== 'interrupted',
      )
    )
      return records;
    if (Date.now() > until)
      throw new Error(
        `The run did not finish within ${timeoutMs / 1000} s; last event: ${records.at(-1)?.type}. The runner printed:\n${cluster.output().slice(-20_000)}`,
      );
  }
}
