import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  BusMessages,
  BusPosted,
  ProjectView,
  PublicErrorBody,
  RunList,
  RunView,
  StartedRun,
  StopAnswer,
} from '../../src/protocol/publicApi';
import type { EventRecord } from '../../src/core/events/storedEvent';
import { hashedText } from '../../src/core/events/hashChain';
import { sha256 } from '../../src/runtime/sha256';
import { startCluster, type Cluster } from './support/cluster';
import { definitionsExport, publicApiDrafts } from './support/definitions';
import { call, follow, printedToken } from './support/publicClient';

/** Asks for the run until it has ended (GET /runs/:id, as a caller without SSE would). */
async function finished(cluster: Cluster, token: string, runId: string): Promise<RunView> {
  const until = Date.now() + 120_000;
  for (;;) {
    const { status, body } = await call<RunView>(cluster, 'GET', `/runs/${runId}`, { token });
    if (status === 200 && body.status !== 'running') return body;
    if (Date.now() > until) throw new Error(`The run did not end within 120 s: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the public API, on a runner on Restate', () => {
  let cluster: Cluster;
  let token: string;
  let projectId: string;
  beforeAll(async () => {
    cluster = await startCluster({ processes: 1, offset: 3, env: { RUNNER_PUBLIC_ORIGINS: 'https://ops.example' } });
    token = printedToken(cluster);
    const defs = await definitionsExport(publicApiDrafts({ Shout: { webhook: 'shout-hook' } }, 6000));
    projectId = defs.projectId;
    const published = await call<ProjectView>(cluster, 'PUT', `/projects/${projectId}`, {
      token,
      text: defs.text,
      headers: { 'content-type': 'application/json' },
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.flows).toEqual([{ name: 'Shout', trigger: { webhook: 'shout-hook' } }, { name: 'Slow' }]);
  });
  afterAll(() => cluster?.stop());

  it('refuses a call without the token, or with another, with a JSON sentence; the OpenAPI document is open', async () => {
    const none = await call<PublicErrorBody>(cluster, 'GET', `/projects/${projectId}`);
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'unauthorized', message: 'The request carries no bearer token.' });
    const wrong = await call<PublicErrorBody>(cluster, 'POST', `/projects/${projectId}/flows/Shout/runs`, {
      token: 'crt_not-the-token',
      json: { input: 'hello' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    const runs = await call<RunList>(cluster, 'GET', `/projects/${projectId}/runs`, { token });
    expect(runs.body.runs).toEqual([]); // the refused call started nothing

    const doc = await call<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      security: unknown;
      components: { securitySchemes: Record<string, unknown> };
    }>(cluster, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.security).toEqual([{ bearer: [] }]);
    expect(doc.body.components.securitySchemes['bearer']).toEqual({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/projects/{id}',
        '/projects/{id}/flows/{name}/runs',
        '/projects/{id}/hooks/{path}',
        '/runs/{id}',
        '/runs/{id}/events',
        '/runs/{id}/bus/{topic}',
        '/runs/{id}/stop',
      ]),
    );
    expect(JSON.stringify(doc.body.paths['/projects/{id}/flows/{name}/runs'])).toContain('Idempotency-Key');
  });

  it('answers pages only from the origins it was told', async () => {
    const other = await call<PublicErrorBody>(cluster, 'GET', `/projects/${projectId}`, {
      token,
      headers: { origin: 'https://evil.example' },
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden-origin');
    const allowed = await call(cluster, 'GET', `/projects/${projectId}`, {
      token,
      headers: { origin: 'https://ops.example' },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ops.example');
  });

  it('starts a flow by its name, and a replayed Idempotency-Key answers the same run, never a second', async () => {
    const path = `/projects/${projectId}/flows/Shout/runs`;
    const headers = { 'idempotency-key': 'shout-once-1' };
    // Twice at once, then once more after: one run.
    const [a, b] = await Promise.all([
      call<StartedRun>(cluster, 'POST', path, { token, headers, json: { input: 'hello api' } }),
      call<StartedRun>(cluster, 'POST', path, { token, headers, json: { input: 'hello api' } }),
    ]);
    // Each is 201 or 200 (which one depends on which came first to Restate); both name one run.
    expect([200, 201]).toContain(a.status);
    expect([200, 201]).toContain(b.status);
    expect(a.body.runId).toMatch(/^run_/);
    expect(b.body.runId).toBe(a.body.runId);
    const again = await call<StartedRun>(cluster, 'POST', path, { token, headers, json: { input: 'hello api' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual({ runId: a.body.runId, projectId, flow: 'Shout', status: 'running' });

    const view = await finished(cluster, token, a.body.runId);
    expect(view).toMatchObject({ status: 'succeeded', flow: 'Shout', outputs: { 'Upper.text': 'HELLO API' } });
    const runs = await call<RunList>(cluster, 'GET', `/projects/${projectId}/runs`, { token });
    expect(runs.body.runs.filter((r) => r.flow === 'Shout')).toHaveLength(1);

    // The same key for another request is refused, and starts nothing.
    const reused = await call<PublicErrorBody>(cluster, 'POST', path, { token, headers, json: { input: 'other' } });
    expect(reused.status).toBe(422);
    expect(reused.body.error.message).toMatch(/Idempotency-Key was used before for another request/);
    expect((await call<RunList>(cluster, 'GET', `/projects/${projectId}/runs`, { token })).body.runs).toHaveLength(1);
  });

  it('refuses bad input with a 4xx and a sentence, and writes nothing', async () => {
    const runsBefore = (await call<RunList>(cluster, 'GET', `/projects/${projectId}/runs`, { token })).body.runs;
    const cases: Array<[Promise<{ status: number; body: unknown }>, number, RegExp]> = [
      [
        call(cluster, 'POST', `/projects/proj_nothere/flows/Shout/runs`, { token, json: {} }),
        404,
        /no project “proj_nothere”/,
      ],
      [
        call(cluster, 'POST', `/projects/${projectId}/flows/Whisper/runs`, { token, json: {} }),
        404,
        /no flow named “Whisper”.*/,
      ],
      [
        call(cluster, 'POST', `/projects/${projectId}/flows/Shout/runs`, { token, json: { input: 'x', extra: 1 } }),
        400,
        /extra|Unrecognized/i,
      ],
      [
        call(cluster, 'POST', `/projects/${projectId}/flows/Shout/runs`, {
          token,
          json: { input: 'x'.repeat(100_001) },
        }),
        400,
        /at most 100,000/,
      ],
      [
        call(cluster, 'POST', `/projects/${projectId}/flows/Shout/runs`, {
          token,
          text: '{not json',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        /refused/,
      ],
      [call(cluster, 'PUT', `/projects/${projectId}`, { token, json: { hello: 'world' } }), 400, /./],
      [call(cluster, 'GET', `/runs/run_nothere`, { token }), 404, /no run “run_nothere”/],
      [call(cluster, 'POST', `/runs/run_nothere/stop`, { token }), 404, /no run/],
      [
        call(cluster, 'POST', `/projects/${projectId}/hooks/no-such-hook`, { token, text: 'x' }),
        404,
        /declares the webhook “no-such-hook”/,
      ],
      [call(cluster, 'GET', `/nowhere`, { token }), 404, /no GET \/nowhere/],
    ];
    for (const [pending, status, sentence] of cases) {
      const answer = (await pending) as { status: number; body: PublicErrorBody };
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(answer.body.error.message).toMatch(sentence);
      expect(answer.body.error.code).toEqual(expect.any(String));
    }
    // A bad publish left the published definitions as they were.
    const project = await call<ProjectView>(cluster, 'GET', `/projects/${projectId}`, { token });
    expect(project.body.flows.map((f) => f.name)).toEqual(['Shout', 'Slow']);
    const runsAfter = (await call<RunList>(cluster, 'GET', `/projects/${projectId}/runs`, { token })).body.runs;
    expect(runsAfter).toEqual(runsBefore);
  });

  it('refuses definitions whose cron expression does not parse, with a sentence, publishing nothing', async () => {
    const defs = await definitionsExport(publicApiDrafts({ Shout: { cron: '*/2 * * * *' } }));
    // An export made by another tool: its cron broken, its hash chain sealed over it all the same.
    const doc = JSON.parse(defs.text.replaceAll('*/2 * * * *', '61 * * * *')) as {
      project: { head: { seq: number; hash: string } | null };
      events: EventRecord[];
    };
    let prevHash = doc.events[0]?.prevHash ?? '';
    for (const record of doc.events) {
      record.prevHash = prevHash;
      const { hash: _old, ...rest } = record;
      record.hash = await sha256(hashedText(rest));
      prevHash = record.hash;
    }
    const last = doc.events.at(-1);
    if (last) doc.project.head = { seq: last.seq, hash: last.hash };
    const broken = JSON.stringify(doc);
    const answer = await call<PublicErrorBody>(cluster, 'PUT', `/projects/${defs.projectId}`, {
      token,
      text: broken,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/cron expression "61 \* \* \* \*" does not parse/);
    expect((await call(cluster, 'GET', `/projects/${defs.projectId}`, { token })).status).toBe(404);
  });

  it('starts a run from a flow’s webhook, with the body as its input', async () => {
    const started = await call<StartedRun>(cluster, 'POST', `/projects/${projectId}/hooks/shout-hook`, {
      token,
      text: 'from a webhook',
    });
    expect(started.status).toBe(201);
    expect(started.body.flow).toBe('Shout');
    const view = await finished(cluster, token, started.body.runId);
    expect(view.outputs).toEqual({ 'Upper.text': 'FROM A WEBHOOK' });
  });

  it('streams a run’s events as Server-Sent Events to its end, and resumes after Last-Event-ID', async () => {
    const started = await call<StartedRun>(cluster, 'POST', `/projects/${projectId}/flows/Shout/runs`, {
      token,
      json: { input: { greeting: 'hi' } },
    });
    const whole = await follow(cluster, token, started.body.runId);
    expect(whole.end).toBe('succeeded');
    expect(whole.events[0]?.type).toBe('run.started');
    expect(whole.events.at(-1)?.type).toBe('run.finished');
    expect(whole.events.every((e) => e.runId === started.body.runId)).toBe(true);
    const seqs = whole.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(whole.ids).toEqual(seqs.map(String));

    // A client that went away after two events comes back with the last id it saw: it gets the rest, once.
    const firstTwo = await follow(cluster, token, started.body.runId, { stopAfter: 2 });
    const rest = await follow(cluster, token, started.body.runId, { lastEventId: firstTwo.ids[1] ?? '' });
    expect([...firstTwo.events, ...rest.events]).toEqual(whole.events);
    expect(rest.end).toBe('succeeded');
    const view = await call<RunView>(cluster, 'GET', `/runs/${started.body.runId}`, { token });
    expect(view.body.outputs).toEqual({ 'Upper.text': '{"GREETING":"HI"}' });
    expect(view.body.lastEventId).toBe(seqs.at(-1));
  });

  it('stops a run going, as the studio’s Stop does; stopping it again changes nothing', async () => {
    const started = await call<StartedRun>(cluster, 'POST', `/projects/${projectId}/flows/Slow/runs`, {
      token,
      json: { input: 'slowly' },
    });
    // Wait, on the stream, until its step's agent is at work.
    await follow(cluster, token, started.body.runId, { stopAfter: 1 });
    const stopped = await call<StopAnswer>(cluster, 'POST', `/runs/${started.body.runId}/stop`, { token });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toEqual({ runId: started.body.runId, stopped: true, status: 'interrupted' });
    const events = await follow(cluster, token, started.body.runId);
    expect(events.end).toBe('interrupted');
    const again = await call<StopAnswer>(cluster, 'POST', `/runs/${started.body.runId}/stop`, { token });
    expect(again.body).toEqual({ runId: started.body.runId, stopped: false, status: 'interrupted' });
  });

  it('reads and posts to a run’s message bus: the step waiting on it takes the posted word', async () => {
    const started = await call<StartedRun>(cluster, 'POST', `/projects/${projectId}/flows/Slow/runs`, {
      token,
      json: { input: 'no word came' },
    });
    const runId = started.body.runId;
    const posted = await call<BusPosted>(cluster, 'POST', `/runs/${runId}/bus/go-ahead`, {
      token,
      json: { ok: true },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body).toMatchObject({ runId, topic: 'go-ahead' });
    const view = await finished(cluster, token, runId);
    expect(view.status).toBe('succeeded');
    expect(view.outputs).toEqual({ 'Wait.text': '{"ok":true}' });
    const read = await call<BusMessages>(cluster, 'GET', `/runs/${runId}/bus/go-ahead`, { token });
    expect(read.status).toBe(200);
    expect(read.body.messages).toEqual([
      expect.objectContaining({ topic: 'go-ahead', from: 'API', body: { ok: true }, seq: posted.body.seq }),
    ]);
    const after = await call<BusMessages>(cluster, 'GET', `/runs/${runId}/bus/go-ahead?since=${posted.body.seq}`, {
      token,
    });
    expect(after.body.messages).toEqual([]);
    // The run has ended: a post is refused with the bus's sentence, and nothing is written.
    const late = await call<PublicErrorBody>(cluster, 'POST', `/runs/${runId}/bus/go-ahead`, { token, json: 'late' });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'refused', message: expect.stringContaining('no going run') });
    const badTopic = await call<PublicErrorBody>(cluster, 'GET', `/runs/${runId}/bus/Not%20a%20topic`, { token });
    expect(badTopic.status).toBe(400);
    expect(badTopic.body.error.message).toContain('must be a topic');
    const anonymous = await call<PublicErrorBody>(cluster, 'GET', `/runs/${runId}/bus/go-ahead`);
    expect(anonymous.status).toBe(401);
    const again = await call<BusMessages>(cluster, 'GET', `/runs/${runId}/bus/go-ahead`, { token });
    expect(again.body.messages).toHaveLength(1);
  });

  it('makes a new token with npm run runner:token; the old one stops working at once', () => {
    const printed = execFileSync(process.execPath, ['runner/dist/apiToken.mjs'], {
      env: { ...process.env, RUNNER_DIR: cluster.dir },
      encoding: 'utf8',
    });
    const fresh = /(crt_[A-Za-z0-9_-]+)/.exec(printed)?.[1] ?? '';
    expect(fresh).not.toBe(token);
    // Only its hash is kept.
    const stored = readFileSync(join(cluster.dir, 'api-token.json'), 'utf8');
    expect(stored).not.toContain(fresh);
    expect(stored).toContain(createHash('sha256').update(fresh).digest('hex'));
    return Promise.all([
      call(cluster, 'GET', `/projects/${projectId}`, { token }),
      call(cluster, 'GET', `/projects/${projectId}`, { token: fresh }),
    ]).then(([old, rotated]) => {
      expect(old.status).toBe(401);
      expect(rotated.status).toBe(200);
      token = fresh;
    });
  });
});
