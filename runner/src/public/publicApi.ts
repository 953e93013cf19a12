import type http from 'node:http';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serve } from '@hono/node-server';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import type { Context } from 'hono';
import { STUDIO_VERSION } from '../../../src/core/extensions/studioVersion';
import { IDEMPOTENCY_KEY_HEADER, type BusPosted, type StopAnswer } from '../../../src/protocol/publicApi';
import { readRunBus } from './runBus';
import { callProject } from '../ingress';
import { awaitReply } from '../commandReply';
import { PublicRefusal } from './publicRefusal';
import { TokenCheck } from './apiTokens';
import { callPublic, type RunRecord } from './publicProtocol';
import { publishDefinitions, publishedProject, viewProject } from './publish';
import { flowNamed, startFlowRun } from './startFlowRun';
import { listRuns, viewRun } from './runView';
import { followRun } from './followRun';
import {
  busPostRoute,
  busReadRoute,
  getProjectRoute,
  getRunRoute,
  listRunsRoute,
  publishRoute,
  runEventsRoute,
  startRunRoute,
  stopRunRoute,
  webhookRoute,
} from './publicRoutes';
import type { PublicApiSettings } from './publicApiSettings';

/**
 * The runner's public API (src/protocol/publicApi.ts lists it; docs/api.md explains it), for
 * callers outside the browser, on its own port beside the studio's API: every route but the
 * OpenAPI document needs the bearer token; browser pages only from the origins it is told.
 */

const MAX_INPUT_CHARS = 100_000;
const OPENAPI_PATH = '/openapi.json';

const refusal = (c: Pick<Context, 'json'>, error: PublicRefusal): Response => c.json(error.body, error.status);

/** The body's zod issues as one sentence, each with its path. */
const issuesSentence = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) =>
  issues.map((i) => `${i.path.map(String).join('.') || 'the request'} ${i.message}`).join('; ');

async function runRecord(runId: string): Promise<RunRecord> {
  const record = await callPublic('run', runId, 'get', null);
  if (!record)
    throw new PublicRefusal(
      404,
      'not-found',
      `This runner has no run “${runId}” that was started through its API or a trigger.`,
      'Runs started from the studio are followed there.',
    );
  return record;
}

function inputText(input: unknown): string {
  if (input === undefined) return '';
  return typeof input === 'string' ? input : JSON.stringify(input);
}

export function buildPublicApp(settings: Pick<PublicApiSettings, 'allowedOrigins' | 'tokenFile'>): OpenAPIHono {
  const tokens = new TokenCheck(settings.tokenFile);
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success)
        return c.json(
          new PublicRefusal(
            400,
            'bad-request',
            `The request was refused: ${issuesSentence(result.error.issues)}.`,
            'Nothing was done.',
          ).body,
          400,
        );
      return undefined;
    },
  });

  // Origins: a browser page must come from one the runner was told; callers outside a browser send none.
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    if (!settings.allowedOrigins.includes(origin))
      return refusal(
        c,
        new PublicRefusal(
          403,
          'forbidden-origin',
          `This runner’s API does not answer pages from ${origin}.`,
          'Add the origin to RUNNER_PUBLIC_ORIGINS where the runner starts.',
        ),
      );
    c.header('access-control-allow-origin', origin);
    c.header('vary', 'Origin');
    if (c.req.method === 'OPTIONS') {
      c.header('access-control-allow-methods', 'GET, POST, PUT');
      c.header('access-control-allow-headers', `authorization, content-type, ${IDEMPOTENCY_KEY_HEADER}, last-event-id`);
      c.header('access-control-max-age', '600');
      return c.body(null, 204);
    }
    return next();
  });

  app.use('*', async (c, next) => {
    if (c.req.path === OPENAPI_PATH) return next();
    if (!tokens.accepts(c.req.header('authorization')))
      return refusal(
        c,
        new PublicRefusal(
          401,
          'unauthorized',
          c.req.header('authorization') === undefined
            ? 'The request carries no bearer token.'
            : 'The bearer token is not this runner’s (or it was rotated).',
          'Send Authorization: Bearer <token>, the token `npm run runner` printed on its first start (`npm run runner:token` makes a new one).',
        ),
      );
    return next();
  });

  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        refusal(
          c,
          new PublicRefusal(
            413,
            'too-large',
            `The request is larger than this address takes (${maxSize} bytes).`,
            'Nothing was done.',
          ),
        ),
    });
  app.use('/projects/:id', limit(16_000_000));
  app.use('/projects/:id/*', limit(MAX_INPUT_CHARS * 4 + 1000));

  app.openapi(publishRoute, async (c) => {
    const { id } = c.req.valid('param');
    const published = await publishDefinitions(id, await c.req.text());
    return c.json(viewProject(published), 200);
  });

  app.openapi(getProjectRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(viewProject(await publishedProject(id)), 200);
  });

  app.openapi(listRunsRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await listRuns(await publishedProject(id)), 200);
  });

  app.openapi(startRunRoute, async (c) => {
    const { id, name } = c.req.valid('param');
    const { input } = c.req.valid('json');
    const key = c.req.valid('header')['idempotency-key'];
    const published = await publishedProject(id);
    const { run, replayed } = await startFlowRun(published, flowNamed(published, name), inputText(input), key);
    if (replayed) c.header('idempotent-replayed', 'true');
    return c.json(run, replayed ? 200 : 201);
  });

  app.openapi(webhookRoute, async (c) => {
    const { id, path } = c.req.valid('param');
    const key = c.req.valid('header')['idempotency-key'];
    const input = await c.req.text();
    if (input.length > MAX_INPUT_CHARS)
      throw new PublicRefusal(
        413,
        'too-large',
        `The body is ${input.length} characters; a run’s input may have ${MAX_INPUT_CHARS}.`,
        'Nothing was started.',
      );
    const published = await publishedProject(id);
    const flow = published.flows.find((f) => f.trigger?.webhook === path);
    if (!flow)
      throw new PublicRefusal(
        404,
        'not-found',
        `No flow of “${published.name}” declares the webhook “${path}”.`,
        'Declare it in the flow’s policy (trigger.webhook) and publish the definitions again.',
      );
    const { run, replayed } = await startFlowRun(published, flow, input, key);
    if (replayed) c.header('idempotent-replayed', 'true');
    return c.json(run, replayed ? 200 : 201);
  });

  app.openapi(getRunRoute, async (c) => {
    const { id } = c.req.valid('param');
    const view = await viewRun(await runRecord(id), id);
    if (!view) throw new PublicRefusal(404, 'not-found', `The run “${id}” has no events yet.`, 'Ask again shortly.');
    return c.json(view, 200);
  });

  app.openapi(runEventsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const lastEventId = c.req.valid('header')['last-event-id'];
    const record = await runRecord(id);
    const from = lastEventId === undefined ? 0 : Number(lastEventId) + 1;
    return streamSSE(c, async (stream) => {
      let gone = false;
      stream.onAbort(() => {
        gone = true;
      });
      for await (const item of followRun(record.remoteKey, id, from, () => gone)) {
        if (item.kind === 'event')
          await stream.writeSSE({ id: String(item.event.seq), data: JSON.stringify(item.event) });
        else if (item.kind === 'idle') await stream.write(': still here\n\n');
        else await stream.writeSSE({ event: 'end', data: item.status });
      }
    });
  });

  app.openapi(stopRunRoute, async (c) => {
    const { id } = c.req.valid('param');
    const record = await runRecord(id);
    const requestId = crypto.randomUUID();
    await callProject(
      record.remoteKey,
      'enqueue',
      [{ requestId, command: { type: 'cancel', runId: id } }],
      { idempotencyKey: requestId },
    );
    const reply = await awaitReply(record.remoteKey, requestId);
    if (!reply)
      throw new PublicRefusal(504, 'unavailable', 'No runner process answered the stop within 30 s.', 'Try again.');
    const view = await viewRun(record, id);
    const answer: StopAnswer = {
      runId: id,
      stopped: reply.ok && Number(reply.createdId ?? 0) > 0,
      status: view?.status ?? 'interrupted',
    };
    return c.json(answer, 200);
  });

  app.openapi(busReadRoute, async (c) => {
    const { id, topic } = c.req.valid('param');
    const { since } = c.req.valid('query');
    const record = await runRecord(id);
    return c.json({ messages: await readRunBus(record.remoteKey, id, topic, since) }, 200);
  });

  app.openapi(busPostRoute, async (c) => {
    const { id, topic } = c.req.valid('param');
    const message: unknown = c.req.valid('json');
    const record = await runRecord(id);
    const requestId = crypto.randomUUID();
    await callProject(
      record.remoteKey,
      'enqueue',
      [{ requestId, command: { type: 'postToBus', runId: id, topic, message: message as never, from: 'api' } }],
      { idempotencyKey: requestId },
    );
    const reply = await awaitReply(record.remoteKey, requestId);
    if (!reply)
      throw new PublicRefusal(504, 'unavailable', 'No runner process answered the post within 30 s.', 'Try again.');
    if (!reply.ok) throw new PublicRefusal(422, 'refused', reply.message, reply.hint ?? 'Nothing was posted.');
    const posted: BusPosted = { runId: id, topic, seq: reply.seq };
    return c.json(posted, 201);
  });

  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    security: [{ bearer: [] }],
    info: {
      title: 'Conductor Studio runner API',
      version: STUDIO_VERSION,
      description:
        'Start, follow and stop a studio project’s flows on a runner, from outside the browser. Every route but this document needs `Authorization: Bearer <token>`.',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.notFound((c) =>
    refusal(c, new PublicRefusal(404, 'not-found', `The API has no ${c.req.method} ${c.req.path}.`, `See ${OPENAPI_PATH}.`)),
  );
  app.onError((error, c) => {
    if (error instanceof PublicRefusal) return refusal(c, error);
    if (error instanceof HTTPException)
      return refusal(
        c,
        new PublicRefusal(
          400,
          'bad-request',
          `The request was refused: ${error.message || 'it is malformed'}.`,
          'Nothing was done.',
        ),
      );
    const message = error instanceof Error ? error.message : String(error);
    return refusal(
      c,
      new PublicRefusal(
        502,
        'unavailable',
        `The runner could not reach its Restate cluster: ${message}`,
        'Check that restate-server is running (npm run runner starts one).',
      ),
    );
  });
  return app;
}

/** Serves the public API on `settings.port` (127.0.0.1 unless `host` says otherwise). */
export function startPublicApi(settings: PublicApiSettings, host = '127.0.0.1'): Promise<http.Server> {
  const app = buildPublicApp(settings);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: settings.port, hostname: host }, () =>
      resolve(server),
    ) as http.Server;
    server.once('error', reject);
  });
}
