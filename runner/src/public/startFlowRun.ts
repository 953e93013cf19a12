import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../src/core/events/canonicalJson';
import type { StartedRun } from '../../../src/protocol/publicApi';
import { sha256 } from '../nodeSha256';
import { callProject } from '../ingress';
import { awaitReply } from '../commandReply';
import { PublicRefusal } from './publicRefusal';
import { callPublic, type PublishedFlow, type PublishedProject } from './publicProtocol';

/** The flow a caller named, or a 404 that lists the names there are. */
export function flowNamed(published: PublishedProject, name: string): PublishedFlow {
  const flow = published.flows.find((f) => f.name === name);
  if (flow) return flow;
  const names = published.flows.map((f) => `“${f.name}”`).join(', ');
  throw new PublicRefusal(
    404,
    'not-found',
    `The project “${published.name}” has no flow named “${name}”.`,
    names ? `Its flows are ${names} (names are matched exactly).` : 'It has no flows.',
  );
}

/**
 * Starts a run of `flow` with `input`, as the studio's Run does, through the project's driver.
 *
 * With an Idempotency-Key, the key's record (an `idempotency` object) keeps the request's
 * fingerprint and the id of the command it queued, so a replay (a retry after a lost answer, or
 * the same request twice at once) answers the same run and never queues a second one: the command
 * is queued with that id as Restate's idempotency key too, so even a replay that comes before the
 * first has its answer queues nothing new. A key reused for another request is refused.
 */
export async function startFlowRun(
  published: PublishedProject,
  flow: PublishedFlow,
  input: string,
  idempotencyKey: string | undefined,
): Promise<{ run: StartedRun; replayed: boolean }> {
  let requestId: string = randomUUID();
  if (idempotencyKey !== undefined) {
    const fingerprint = await sha256(canonicalJson({ project: published.projectId, flow: flow.name, input }));
    const kept = await callPublic('idempotency', idempotencyKey, 'begin', { fingerprint, requestId });
    if (kept.conflict)
      throw new PublicRefusal(
        422,
        'refused',
        'This Idempotency-Key was used before for another request (another project, flow or input).',
        'Use a new key for each run you mean to start; resend the same key only to retry the same request. Nothing was started.',
      );
    if (kept.run) return { run: kept.run, replayed: true };
    requestId = kept.requestId;
  }
  await callProject(
    published.remoteKey,
    'enqueue',
    [{ requestId, command: { type: 'startRun', flowId: flow.flowId, input } }],
    { idempotencyKey: requestId },
  );
  const reply = await awaitReply(published.remoteKey, requestId);
  if (!reply)
    throw new PublicRefusal(
      504,
      'unavailable',
      'The runner took the request but no runner process answered within 30 s.',
      'Check that a runner process is running (npm run runner); resend with the same Idempotency-Key to learn the run.',
    );
  if (!reply.ok) throw new PublicRefusal(422, 'refused', reply.message, reply.hint);
  const run: StartedRun = {
    runId: reply.createdId ?? '',
    projectId: published.projectId,
    flow: flow.name,
    status: 'running',
  };
  await callPublic('run', run.runId, 'record', {
    projectId: published.projectId,
    remoteKey: published.remoteKey,
    flow: flow.name,
  });
  if (idempotencyKey !== undefined) await callPublic('idempotency', idempotencyKey, 'settle', { run });
  return { run, replayed: false };
}
