import { createRoute, z } from '@hono/zod-openapi';
import {
  busMessagesSchema,
  busPostedSchema,
  busTopicParamSchema,
  errorBodySchema,
  flowNameParamSchema,
  hookPathParamSchema,
  idempotencyKeySchema,
  projectIdParamSchema,
  projectViewSchema,
  runEventSchema,
  runIdParamSchema,
  runListSchema,
  runViewSchema,
  startRunBodySchema,
  startedRunSchema,
  stopAnswerSchema,
} from '../../../src/protocol/publicApi';

/**
 * The public API's routes, declared once: Hono checks each request against them and the OpenAPI
 * document (GET /openapi.json) is generated from them.
 */

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const errors = {
  400: json(errorBodySchema, 'The request is not one the API takes (the sentence says why); nothing was done.'),
  401: json(errorBodySchema, 'No bearer token, or not the runner’s.'),
  403: json(errorBodySchema, 'A browser page from an origin the runner was not told to allow.'),
  404: json(errorBodySchema, 'No such project, flow or run on this runner.'),
  502: json(errorBodySchema, 'The runner could not reach its Restate cluster.'),
};

const projectParams = z.object({ id: projectIdParamSchema });
const runParams = z.object({ id: runIdParamSchema });
const idempotencyHeaders = z.object({ 'idempotency-key': idempotencyKeySchema.optional() });

export const publishRoute = createRoute({
  method: 'put',
  path: '/projects/{id}',
  summary: 'Publish a project’s definitions',
  description:
    'Makes a studio definitions export (Export → Definitions) the one this project id answers to; its flows’ cron schedules are armed, those no longer declared disarmed.',
  request: {
    params: projectParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.looseObject({}).meta({ description: 'A studio definitions export, as the studio wrote it.' }),
        },
      },
    },
  },
  responses: {
    200: json(projectViewSchema, 'Published.'),
    ...errors,
    409: json(errorBodySchema, 'Two flows share a name or a webhook path; nothing was published.'),
    413: json(errorBodySchema, 'Larger than 16 MB.'),
  },
});

export const getProjectRoute = createRoute({
  method: 'get',
  path: '/projects/{id}',
  summary: 'A published project',
  request: { params: projectParams },
  responses: { 200: json(projectViewSchema, 'Its flows by name, and their triggers.'), ...errors },
});

export const listRunsRoute = createRoute({
  method: 'get',
  path: '/projects/{id}/runs',
  summary: 'A published project’s runs',
  description: 'Newest first, at most 100, whoever started them (a caller, a schedule, a webhook, the studio).',
  request: { params: projectParams },
  responses: { 200: json(runListSchema, 'The runs.'), ...errors },
});

export const startRunRoute = createRoute({
  method: 'post',
  path: '/projects/{id}/flows/{name}/runs',
  summary: 'Start a run of a flow, by the flow’s name',
  request: {
    params: z.object({ id: projectIdParamSchema, name: flowNameParamSchema }),
    headers: idempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: startRunBodySchema } } },
  },
  responses: {
    201: json(startedRunSchema, 'Started.'),
    200: json(startedRunSchema, 'A replayed Idempotency-Key: the run that key started before (header Idempotent-Replayed: true).'),
    ...errors,
    422: json(errorBodySchema, 'The key was used for another request, or the flow cannot start (the sentence says why).'),
  },
});

export const webhookRoute = createRoute({
  method: 'post',
  path: '/projects/{id}/hooks/{path}',
  summary: 'A flow’s webhook trigger',
  description:
    'Starts a run of the flow whose policy declares `trigger.webhook` as this path; the request body (any type, at most 100,000 characters) is its input.',
  request: {
    params: z.object({ id: projectIdParamSchema, path: hookPathParamSchema }),
    headers: idempotencyHeaders,
  },
  responses: {
    201: json(startedRunSchema, 'Started.'),
    200: json(startedRunSchema, 'A replayed Idempotency-Key.'),
    ...errors,
    413: json(errorBodySchema, 'The body is longer than a run’s input may be.'),
    422: json(errorBodySchema, 'The flow cannot start.'),
  },
});

export const getRunRoute = createRoute({
  method: 'get',
  path: '/runs/{id}',
  summary: 'A run’s status, steps and outputs',
  request: { params: runParams },
  responses: { 200: json(runViewSchema, 'The run as it is now.'), ...errors },
});

export const runEventsRoute = createRoute({
  method: 'get',
  path: '/runs/{id}/events',
  summary: 'The run’s events, live (Server-Sent Events)',
  description:
    'Every event of the run as it lands, in log order, each as `id: <seq>` and `data: <RunEvent JSON>`; after run.finished an `event: end` (data: the status) and the stream closes. Reconnect with `Last-Event-ID: <seq>` to go on after that event; a comment line comes every 15 s while nothing happens.',
  request: {
    params: runParams,
    headers: z.object({ 'last-event-id': z.string().regex(/^\d{1,15}$/, 'must be an event id (a seq)').optional() }),
  },
  responses: {
    200: { content: { 'text/event-stream': { schema: runEventSchema } }, description: 'The stream.' },
    ...errors,
  },
});

export const stopRunRoute = createRoute({
  method: 'post',
  path: '/runs/{id}/stop',
  summary: 'Stop a run',
  description:
    'Stops it as the studio’s Stop does: interrupted, its finished steps kept. Stopping a run that has ended changes nothing.',
  request: { params: runParams },
  responses: { 200: json(stopAnswerSchema, 'Stopped, or it had already ended.'), ...errors },
});

const busParams = z.object({ id: runIdParamSchema, topic: busTopicParamSchema });

export const busReadRoute = createRoute({
  method: 'get',
  path: '/runs/{id}/bus/{topic}',
  summary: 'Read a topic of the run’s message bus',
  request: {
    params: busParams,
    query: z.object({ since: z.coerce.number().int().min(-1).optional() }),
  },
  responses: { 200: json(busMessagesSchema, 'The messages after `since` (all when left out).'), ...errors },
});

export const busPostRoute = createRoute({
  method: 'post',
  path: '/runs/{id}/bus/{topic}',
  summary: 'Post a message to the run’s message bus',
  description:
    'The body is the message, any JSON (at most 16,000 characters of it). It is posted into the run’s tree as from “API”, where listen steps and agents waiting in ctx.bus.next take it. Only a going run can be posted to.',
  request: {
    params: busParams,
    body: { required: true, content: { 'application/json': { schema: z.unknown() } } },
  },
  responses: {
    201: json(busPostedSchema, 'Posted.'),
    ...errors,
    422: json(errorBodySchema, 'The run has ended, or the bus refused the message (the sentence says why).'),
  },
});
