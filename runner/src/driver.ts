import { randomUUID, randomInt } from 'node:crypto';
import { Conductor } from '../../src/core/conductor/conductor';
import type { ProjectId } from '../../src/core/ids';
import { describeError } from '../../src/core/errors/studioError';
import { sha256 } from './nodeSha256';
import { compileModel } from '../../src/runtime/compileModel';
import { callProject, callWaiter, isClaimLost } from './ingress';
import { RemoteArtifacts, RemoteEventLog, readRemoteLog } from './remoteLog';
import { RemoteAgents, RemoteLlm } from './remoteAgents';
import type { CommandEnvelope, CommandReply } from './protocol';
import { runnerHandoffHost } from './handoffHost';

const randomId = (prefix: string): string => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The longest a driver waits for a command before it takes the inbox anyway (and so checks its claim). */
const INBOX_WAIT_MS = 15_000;
/** How often an idle driver whose runs wait (for a person, a retry's timer) looks at them again. */
const IDLE_LOOK_MS = 1000;

/** Runs the project's conductor until its runs are over and no command waits. */
export async function driveProject(key: string): Promise<void> {
  const { epoch } = await callProject(key, 'claim', null);
  const { records } = await readRemoteLog(key);
  const first = records[0];
  if (!first) return;
  const projectId = first.projectId as ProjectId;
  const artifacts = new RemoteArtifacts(key);
  const log = new RemoteEventLog(key, projectId, epoch, records, artifacts, () => Date.now());
  let wakes = 0;
  // Set when an append was refused because another driver claimed the log: this one stops at once.
  let claimLost = false;
  const handoff = runnerHandoffHost();
  const conductor = new Conductor({
    log,
    artifacts,
    agents: new RemoteAgents(key),
    llm: new RemoteLlm(key),
    ...(handoff ? { handoff } : {}),
    clock: { now: () => Date.now() },
    sha256,
    compile: compileModel,
    newId: randomId,
    newSeed: () => randomInt(1, 2 ** 31),
    wakeAt: (atMs) => {
      wakes += 1;
      setTimeout(
        () => {
          wakes -= 1;
          void conductor.tick();
        },
        Math.max(0, atMs - Date.now()),
      );
    },
    onFault: (error) => {
      if (isClaimLost(error)) claimLost = true;
      console.error(`[runner ${process.pid}] ${key}: ${error.message}`);
    },
  });
  const named =
    first.type === 'project.created' && typeof first.data === 'object' && first.data !== null
      ? (first.data as { name?: unknown }).name
      : undefined;
  const name = typeof named === 'string' ? named : key;
  await conductor.open(projectId, name, () => [], 'takeover');

  const reply = (requestId: string, answer: CommandReply) =>
    callProject(key, 'reply', { epoch, requestId, reply: answer });

  /** Carries out one command from the inbox and answers it. */
  async function carryOut({ requestId, command }: CommandEnvelope): Promise<void> {
    if (command.type === 'cancel') {
      // Stopped as Stop stops a run in the tab: interrupted, its finished steps kept, to be
      // resumed (in the studio, once it has come in). What its agents still send is dropped by
      // the conductor, and the driver goes on with the project's other runs.
      const named = command.runId;
      const going = conductor.runsGoing();
      let stopped = 0;
      let seq = log.headSeq;
      for (const runId of named !== undefined ? going.filter((id) => id === named) : going) {
        const result = await conductor.execute({ type: 'stopRun', runId });
        if (result.ok) {
          stopped += 1;
          seq = result.seq;
        }
      }
      await reply(requestId, { ok: true, seq, createdId: String(stopped) });
      return;
    }
    const result = await conductor.execute(command);
    await reply(
      requestId,
      result.ok
        ? { ok: true, seq: result.seq, ...(result.createdId !== undefined ? { createdId: result.createdId } : {}) }
        : {
            ok: false,
            message: result.error.message,
            ...(result.error.hint !== undefined ? { hint: result.error.hint } : {}),
          },
    );
  }

  // The inbox is taken when a waiter says a command came (or its wait is up), never on a timer:
  // a driver whose agents work for minutes costs Restate nothing meanwhile.
  let commandCame = true;
  let inboxWait: Promise<void> | null = null;
  const waitForCommand = (): Promise<void> =>
    callWaiter('until', { key, topic: 'inbox', since: 0, ms: INBOX_WAIT_MS, at: Date.now() })
      .then(
        () => undefined,
        // Restate unreachable for a moment: look again shortly rather than spin.
        () => sleep(1000),
      )
      .then(() => {
        commandCame = true;
        inboxWait = null;
      });
  try {
    for (;;) {
      if (claimLost) return;
      if (!commandCame) {
        inboxWait ??= waitForCommand();
        const idle = await Promise.race([conductor.whenIdle().then(() => true), inboxWait.then(() => false)]);
        if (!idle || commandCame) continue;
        if (wakes === 0 && conductor.runsGoing().length === 0) {
          const { released } = await callProject(key, 'release', { epoch });
          if (released) return;
          commandCame = true; // release refused: a command is waiting
          continue;
        }
        // Idle, but a run waits for a person or a timer: look again soon (this costs nothing remote).
        await Promise.race([inboxWait, sleep(IDLE_LOOK_MS)]);
        continue;
      }
      commandCame = false;
      const inbox = await callProject(key, 'takeInbox', { epoch });
      // More may have come while these were carried out: take the inbox again before waiting.
      if (inbox.length > 0) commandCame = true;
      for (const envelope of inbox) await carryOut(envelope);
    }
  } catch (error) {
    if (isClaimLost(error)) return;
    throw new Error(describeError(error).message, { cause: error });
  }
}
