import { z } from 'zod';
import type { AgentBusReply, AgentBusRequest, AgentHost, HostReply } from '../core/conductor/ports';
import { AGENT_LIMITS } from '../core/agents/agentContract';
import { AGENT_SENTENCES, callSentence } from '../core/agents/agentContract';
import {
  MAX_CALL_BODY_CHARS,
  MAX_CALL_FIELD_CHARS,
  MAX_CALL_HEADERS,
  MAX_CALLS_IN_FLIGHT,
  MAX_CALLS_PER_AGENT,
  type CallMessage,
  type ReplyMessage,
  type SandboxCall,
} from '../protocol/sandboxProtocol';

/**
 * A sandbox's `call` as the pool believes it: strict, every string capped. The worker checks the
 * same things first (to say what was wrong in words); this is the check that counts, since the
 * worker shares its realm with agent code.
 */
const fetchCallSchema = z.strictObject({
  what: z.literal('fetch'),
  request: z.strictObject({
    url: z.string().max(MAX_CALL_FIELD_CHARS),
    method: z
      .string()
      .regex(/^[A-Za-z]{1,20}$/)
      .exactOptional(),
    headers: z
      .record(z.string().max(200), z.string().max(MAX_CALL_FIELD_CHARS))
      .refine((headers) => Object.keys(headers).length <= MAX_CALL_HEADERS)
      .exactOptional(),
    body: z.string().max(MAX_CALL_BODY_CHARS).exactOptional(),
  }),
});
const llmCallSchema = z.strictObject({
  what: z.literal('llm'),
  request: z.strictObject({
    model: z.string().min(1).max(200),
    prompt: z.string().max(MAX_CALL_BODY_CHARS),
    system: z.string().max(MAX_CALL_BODY_CHARS).exactOptional(),
    maxTokens: z.number().int().min(1).max(1_000_000).exactOptional(),
    temperature: z.number().min(0).max(2).exactOptional(),
  }),
});

const topic = z.string().max(200);
const scope = z.enum(['tree', 'project']).exactOptional();
const since = z.number().int().min(-1).exactOptional();
/** ctx.bus: the message itself is checked by the conductor (plain JSON, its size), like every other post. */
const busCallSchema = z.strictObject({
  what: z.literal('bus'),
  request: z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('post'), topic, message: z.json(), scope }),
    z.strictObject({ op: z.literal('read'), topic, since }),
    z.strictObject({
      op: z.literal('next'),
      topic,
      since,
      deadlineMs: z.number().min(0).max(AGENT_LIMITS.maxBusWaitMs).exactOptional(),
    }),
    z.strictObject({ op: z.literal('claim'), key: z.string().max(200), scope }),
  ]),
});

/** `undefined` is refused (exactOptional): the worker leaves out what was not given, and so the host sees it. */
export const callMessageSchema = z.strictObject({
  type: z.literal('call'),
  taskId: z.string(),
  callId: z.number().int().min(1),
  call: z.discriminatedUnion('what', [fetchCallSchema, llmCallSchema, busCallSchema]),
}) satisfies z.ZodType<CallMessage>;

/** One mediated call on its own, as it crosses a process or thread boundary of the runner (relayedHost.ts). */
export const sandboxCallSchema = callMessageSchema.shape.call;

/** A reply without its taskId, which the pool adds. */
export type GateReply = Omit<ReplyMessage, 'type' | 'taskId'>;

function describe(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message || thrown.name : String(thrown);
}

/**
 * One run's mediated calls: forwards each to the conductor's host and sends back its answer. The
 * limits the worker applies are applied again here, with the same sentences, and a host that
 * throws or is missing still gets the agent an answer (a refusal) rather than a hang or a crash.
 */
export class CallGate {
  private lastCallId = 0;
  private inFlight = 0;

  constructor(
    private readonly host: AgentHost | undefined,
    private readonly send: (reply: GateReply) => void,
  ) {}

  /** False when the call number was used before: the sandbox is not behaving, and is stopped. */
  accept(message: CallMessage): boolean {
    if (message.callId <= this.lastCallId) return false;
    this.lastCallId = message.callId;
    const call = message.call;
    const refuse = (text: string): void => this.send({ callId: message.callId, reply: { ok: false, message: text } });
    if (message.callId > MAX_CALLS_PER_AGENT) refuse(callSentence(AGENT_SENTENCES.tooManyCalls, call.what));
    else if (this.inFlight >= MAX_CALLS_IN_FLIGHT) refuse(callSentence(AGENT_SENTENCES.tooManyWaiting, call.what));
    else if (!this.host) refuse(callSentence(AGENT_SENTENCES.noConductor, call.what));
    else void this.forward(message.callId, call, this.host);
    return true;
  }

  private async forward(callId: number, call: SandboxCall, host: AgentHost): Promise<void> {
    this.inFlight++;
    let reply: GateReply['reply'];
    try {
      reply =
        call.what === 'fetch'
          ? await host.fetch(call.request)
          : call.what === 'llm'
            ? await host.llm(call.request)
            : await busWithDeadline(host, call.request);
      if (typeof reply !== 'object' || reply === null || typeof reply.ok !== 'boolean')
        throw new Error('the studio gave no answer');
    } catch (error) {
      reply = {
        ok: false,
        message: `ctx.${call.what} failed inside the studio (${describe(error)}). Try again; if it keeps failing, report it.`,
      };
    } finally {
      this.inFlight--;
    }
    this.send({ callId, reply });
  }
}

/**
 * ctx.bus through the host. A wait for the next message ends at its deadline here, where real
 * timers live (the conductor's core has none): the agent gets null, and its call no longer counts
 * as waiting. The runner's relay (relayedHost.ts) answers its agents' ctx.bus the same way.
 */
export function busWithDeadline(host: AgentHost, request: AgentBusRequest): Promise<HostReply<AgentBusReply>> {
  if (!host.bus) return Promise.resolve({ ok: false, message: callSentence(AGENT_SENTENCES.noConductor, 'bus') });
  const answer = host.bus(request);
  if (request.op !== 'next' || request.deadlineMs === undefined) return answer;
  const deadlineMs = request.deadlineMs;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ ok: true, value: { next: null } }), deadlineMs);
    answer.then(
      (reply) => {
        clearTimeout(timer);
        resolve(reply);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
