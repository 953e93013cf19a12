import { describeError } from '../errors/studioError';
import type { EventDraft } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { RunId } from '../ids';
import type { AgentBusMessage, AgentBusReply, AgentBusRequest, HostReply } from '../ports/ports';
import type { BusSender } from './busEvents';
import type { BusIndex, BusMessage } from './busIndex';
import { BUS_LIMITS } from './busLimits';
import { checkTopic, planBusClaim, planBusPost } from './planBusPost';

/** What the conductor lends an agent's bus: its index, its one queue, and the clock and ids. */
export interface AgentBusPorts {
  index(): BusIndex;
  /** Runs `work` in the conductor's queue: a claim is decided and written before any other append. */
  serial<T>(work: () => Promise<T>): Promise<T>;
  /** Appends at once: only from inside a job of the queue. */
  appendNow(drafts: EventDraft[]): Promise<StoredEvent[]>;
  now(): number;
  newId(prefix: string): string;
  /** After a post: listen steps may have become due. */
  wake(): void;
}

const asAgentMessage = (m: BusMessage): AgentBusMessage => ({
  seq: m.seq,
  topic: m.topic,
  from: m.from.name,
  body: m.body,
});

/**
 * The conductor's side of one agent's ctx.bus. A post or a claim is planned and appended inside the
 * conductor's queue (so two claims on one key are decided one after the other, and a message is in
 * the log before the agent hears back); reads and waits answer from the folded index. Every refusal
 * is the bus's sentence; the agent's call throws it.
 */
export function agentBus(
  runId: RunId,
  sender: Extract<BusSender, { kind: 'agent' }>,
  ports: AgentBusPorts,
): (request: AgentBusRequest) => Promise<HostReply<AgentBusReply>> {
  const refused = (error: unknown): HostReply<AgentBusReply> => {
    const { message, hint } = describeError(error);
    return { ok: false, message: hint !== '' ? `${message} ${hint}` : message };
  };
  return async (request) => {
    try {
      switch (request.op) {
        case 'post': {
          const [posted] = await ports.serial(async () =>
            ports.appendNow([
              planBusPost(
                ports.index(),
                { runId, topic: request.topic, body: request.message, scope: request.scope, from: sender },
                { now: ports.now(), newId: (prefix) => ports.newId(prefix) },
              ),
            ]),
          );
          if (posted?.type !== 'bus.posted') throw new Error('the log did not return the message it wrote');
          ports.wake();
          return { ok: true, value: { posted: { seq: posted.seq, messageId: posted.data.messageId } } };
        }
        case 'read': {
          const messages = ports
            .index()
            .read(runId, checkTopic(request.topic), request.since ?? -1, BUS_LIMITS.maxReadMessages);
          return { ok: true, value: { messages: messages.map(asAgentMessage) } };
        }
        case 'next': {
          const topic = checkTopic(request.topic);
          // Registered inside the queue, so no message appended meanwhile slips between the read and the wait.
          const { waiting } = await ports.serial(() =>
            Promise.resolve({ waiting: ports.index().next(runId, topic, request.since ?? -1, sender.agentId) }),
          );
          const message = await waiting;
          return { ok: true, value: { next: message ? asAgentMessage(message) : null } };
        }
        case 'claim': {
          const outcome = await ports.serial(async () => {
            const planned = planBusClaim(ports.index(), {
              runId,
              key: request.key,
              scope: request.scope,
              by: sender,
            });
            await ports.appendNow([planned.draft]);
            return planned;
          });
          return { ok: true, value: { claim: { won: outcome.won, holder: outcome.holder.name } } };
        }
      }
    } catch (error) {
      return refused(error);
    }
  };
}
