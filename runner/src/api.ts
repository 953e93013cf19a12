import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { STUDIO_VERSION } from '../../src/core/extensions/studioVersion';
import { buildExport } from '../../src/share/buildExport';
import type { ExportSigner } from '../../src/share/signature';
import { sha256 } from './nodeSha256';
import type { ArtifactRecord } from '../../src/core/artifacts/artifactRecord';
import {
  RUNNER_API_VERSION,
  STUDIO_VERSION_HEADER,
  remoteProjectKeySchema,
  startRunRequestSchema,
  cancelRequestSchema,
  versionMismatch,
  MAX_STREAMED_AGENTS,
  MAX_ARTIFACTS_PER_READ,
  type StreamsResponse,
  type RunnerError,
  type RunnerInfo,
  type StartRunResponse,
} from '../../src/protocol/runnerApi';
import { callObject, callProject, callWaiter } from './ingress';
import { readRemoteLog } from './remoteLog';
import { AnswerPacer } from './answerPacer';
import { DefinitionsRefused, seedDefinitions } from './seedDefinitions';
import { awaitReply as awaitCommandReply } from './commandReply';
import type { CommandReply, LogPage } from './protocol';

/**
 * The runner's front door for the studio: the surface in src/protocol/runnerApi.ts, each request
 * parsed with its zod schema, each answer shaped by it. CORS answers only the studio origins it is
 * told (RUNNER_ALLOWED_ORIGINS), so no other page a person has open can start runs on it.
 */
export interface ApiOptions {
  port: number;
  host?: string;
  allowedOrigins: string[];
  signer: ExportSigner;
  fingerprint: string;
  processes: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: RunnerError,
  ) {
    super(body.error.message);
  }
}

const refuse = (status: number, message: string, hint?: string) =>
  new ApiRefusal(status, { error: { message, ...(hint !== undefined ? { hint } : {}) } });

async function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw refuse(413, `The request is larger than the runner accepts (${limit} bytes).`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A request body parsed with its schema, or a 400 that names what is wrong and what was not done. */
function parseRequest<T>(body: string, schema: z.ZodType<T>, nothingDone: string): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw refuse(400, 'The request is not JSON.', nothingDone);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw refuse(
      400,
      `The request was refused: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'} ${i.message}`).join('; ')}.`,
      nothingDone,
    );
  return parsed.data;
}

async function startRun(body: string): Promise<StartRunResponse> {
  const { studioProjectId, definitions, flowId, input, given } = parseRequest(
    body,
    startRunRequestSchema,
    'Nothing was started.',
  );
  let key: string;
  try {
    ({ key } = await seedDefinitions(studioProjectId, definitions));
  } catch (error) {
    if (error instanceof DefinitionsRefused) throw refuse(400, error.message, error.hint);
    throw error;
  }
  const requestId = randomUUID();
  await callProject(
    key,
    'enqueue',
    [{ requestId, command: { type: 'startRun', flowId, input, ...(given?.length ? { given } : {}) } }],
    { idempotencyKey: requestId },
  );
  const reply = await awaitReply(key, requestId);
  if (!reply.ok) throw refuse(422, reply.message, reply.hint);
  return { projectKey: key, runId: reply.createdId ?? '', seq: reply.seq };
}

async function awaitReply(key: string, requestId: string): Promise<CommandReply> {
  const reply = await awaitCommandReply(key, requestId);
  if (reply) return reply;
  throw refuse(
    504,
    'The runner took the command but no runner process answered within 30 s.',
    'Check that a runner process is running (npm run runner).',
  );
}

/** A project's long polls are answered at most this often (see answerPacer.ts). */
const LONG_POLL_GAP_MS = 250;
const pacer = new AnswerPacer(LONG_POLL_GAP_MS);

/**
 * A long poll: records since `since`, or, if there are none yet and the log is being driven, the
 * answer once some come (or the driver lets go, or `waitMs` is up). It waits on a waiter
 * (waiters.ts) that the project's object wakes, with the records, as it appends, so a studio
 * watching a long run costs one wait per answer, not a read every few milliseconds, and answers
 * come at most every 250 ms, each with all that landed since the last. The page is sent as is:
 * its records are the log's as stored, which is what EventsResponse describes.
 */
async function events(key: string, since: number, waitMs: number): Promise<LogPage> {
  const read = () => callProject(key, 'read', { since, limit: 2000 });
  if (waitMs <= 0) return read();
  const until = Date.now() + waitMs;
  await sleep(Math.min(waitMs, pacer.holdFor(key)));
  try {
    return await waitForPage(key, since, until, read);
  } finally {
    pacer.answered(key);
  }
}

async function waitForPage(key: string, since: number, until: number, read: () => Promise<LogPage>): Promise<LogPage> {
  // The wait answers with the page itself (at once if there is one already), so a long poll is
  // one wait, not a read, a wait and a read again. It reads only if its time was up, or if what
  // woke it does not start at `since` (a waiter of an older runner, woken with nothing).
  for (;;) {
    const { woke, page } = await callWaiter('until', {
      key,
      topic: 'log',
      since,
      ms: until - Date.now(),
      at: Date.now(),
    });
    const fresh = page && { ...page, records: page.records.filter((r) => r.seq >= since).slice(0, 2000) };
    if (fresh && (fresh.records[0]?.seq === since || (fresh.records.length === 0 && !fresh.driving))) return fresh;
    if (!woke || Date.now() >= until) return read();
    const now = await read();
    if (now.records.length > 0 || !now.driving) return now;
  }
}

async function streams(agentIds: readonly string[]): Promise<StreamsResponse> {
  const texts: Record<string, string> = {};
  await Promise.all(
    agentIds.map(async (id) => {
      const text = await callObject<string | null>('stream', id, 'get');
      if (text !== null) texts[id] = text;
    }),
  );
  return { texts };
}

async function exportProject(key: string, signer: ExportSigner): Promise<string> {
  const { records } = await readRemoteLog(key);
  if (records.length === 0)
    throw refuse(404, 'The runner has no project with that key.', 'Start the run again from the studio.');
  const doc = await buildExport({
    records,
    contents: 'everything',
    now: Date.now(),
    sha256,
    signer,
    readArtifacts: async (hashes) => {
      const out: Array<ArtifactRecord | undefined> = [];
      for (let i = 0; i < hashes.length; i += 200) {
        const found = await callProject(key, 'artifacts', { hashes: hashes.slice(i, i + 200) });
        out.push(...found.map((a) => a ?? undefined));
      }
      return out;
    },
  });
  return JSON.stringify(doc);
}

export function startApi(options: ApiOptions): Promise<http.Server> {
  const info: RunnerInfo = {
    api: RUNNER_API_VERSION,
    studioVersion: STUDIO_VERSION,
    publicKey: options.signer.publicKey,
    fingerprint: options.fingerprint,
    processes: options.processes,
  };
  const server = http.createServer((req, res) => {
    const origin = req.headers.origin;
    const allowed = origin !== undefined && options.allowedOrigins.includes(origin);
    const send = (status: number, body: unknown, type = 'application/json') => {
      const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
      if (allowed) {
        headers['access-control-allow-origin'] = origin;
        headers['vary'] = 'Origin';
      }
      res.writeHead(status, headers);
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (origin !== undefined && !allowed)
      return send(403, {
        error: {
          message: `This runner does not answer pages from ${origin}.`,
          hint: 'Add the studio’s address to RUNNER_ALLOWED_ORIGINS where the runner starts.',
        },
      });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': origin ?? '',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': `content-type, ${STUDIO_VERSION_HEADER}`,
        'access-control-max-age': '600',
        vary: 'Origin',
      });
      return res.end();
    }
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://runner');
      if (req.method === 'GET' && url.pathname === '/v1/runner') return send(200, info);
      const studioVersion = req.headers[STUDIO_VERSION_HEADER];
      if (typeof studioVersion !== 'string')
        throw refuse(400, `The request does not say which studio version sent it (${STUDIO_VERSION_HEADER}).`);
      if (studioVersion !== STUDIO_VERSION) throw new ApiRefusal(409, versionMismatch(studioVersion, STUDIO_VERSION));
      if (req.method === 'POST' && url.pathname === '/v1/runs')
        return send(200, await startRun(await readBody(req, 16_000_000)));
      const match = /^\/v1\/projects\/([^/]+)\/(events|export|cancel|streams|artifacts)$/.exec(url.pathname);
      const key = match ? remoteProjectKeySchema.safeParse(decodeURIComponent(match[1] ?? '')) : null;
      if (!match || !key?.success) throw refuse(404, 'The runner has no such address.');
      if (req.method === 'GET' && match[2] === 'events') {
        const since = z.coerce.number().int().nonnegative().catch(0).parse(url.searchParams.get('since'));
        const wait = z.coerce.number().int().min(0).max(25_000).catch(0).parse(url.searchParams.get('wait'));
        return send(200, await events(key.data, since, wait));
      }
      if (req.method === 'GET' && match[2] === 'streams') {
        const agents = (url.searchParams.get('agents') ?? '')
          .split(',')
          .filter((id) => /^[A-Za-z0-9_-]{1,80}$/.test(id))
          .slice(0, MAX_STREAMED_AGENTS);
        return send(200, await streams(agents));
      }
      if (req.method === 'GET' && match[2] === 'artifacts') {
        const hashes = (url.searchParams.get('hashes') ?? '')
          .split(',')
          .filter((h) => /^[0-9a-f]{64}$/.test(h))
          .slice(0, MAX_ARTIFACTS_PER_READ);
        const found = hashes.length === 0 ? [] : await callProject(key.data, 'artifacts', { hashes });
        return send(200, { artifacts: found.filter((a) => a !== null) });
      }
      if (req.method === 'GET' && match[2] === 'export')
        return send(200, await exportProject(key.data, options.signer));
      if (req.method === 'POST' && match[2] === 'cancel') {
        const { runId } = parseRequest(
          (await readBody(req, 10_000)) || '{}',
          cancelRequestSchema,
          'Nothing was stopped.',
        );
        const requestId = randomUUID();
        await callProject(
          key.data,
          'enqueue',
          [{ requestId, command: { type: 'cancel', ...(runId !== undefined ? { runId } : {}) } }],
          { idempotencyKey: requestId },
        );
        const reply = await awaitReply(key.data, requestId);
        return send(200, { cancelled: reply.ok ? Number(reply.createdId ?? 0) : 0 });
      }
      throw refuse(405, 'The runner does not answer that method there.');
    })().catch((error: unknown) => {
      if (error instanceof ApiRefusal) return send(error.status, error.body);
      const message = error instanceof Error ? error.message : String(error);
      send(502, {
        error: {
          message: `The runner could not reach its Restate cluster: ${message}`,
          hint: 'Check that restate-server is running (npm run runner starts one).',
        },
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
}
