import { StudioError } from '../errors/studioError';
import type { EventDraft } from '../events/eventMap';
import type { RunId } from '../ids';
import type { BusSender } from './busEvents';
import type { BusIndex } from './busIndex';
import { BUS_LIMITS, MAX_TOPIC_CHARS, TOPIC_PATTERN, type BusScope } from './busLimits';

/** A post or claim as it arrives, unchecked (from an agent's ctx, a command, the REST API). */
export interface BusPostRequest {
  runId: RunId;
  topic: unknown;
  body: unknown;
  scope?: unknown;
  from: BusSender;
}

/** What posting needs from its host: the clock the log is written on, and fresh ids. */
export interface BusPostHost {
  now: number;
  newId(prefix: string): string;
}

/** The topic, checked: a slug, or a sentence (with the bus-invalid-topic code) saying what one is. */
export function checkTopic(topic: unknown): string {
  if (typeof topic !== 'string' || topic.length > MAX_TOPIC_CHARS || !TOPIC_PATTERN.test(topic)) {
    const shown = typeof topic === 'string' ? `“${topic.slice(0, 100)}”` : `a ${typeof topic}`;
    throw new StudioError(
      'bus-invalid-topic',
      `The topic ${shown} is not a slug: use lower-case letters and digits, words joined by - _ . or / (at most ${MAX_TOPIC_CHARS} characters), like “work-items”.`,
      'Nothing was posted.',
    );
  }
  return topic;
}

export function checkScope(scope: unknown): BusScope {
  if (scope === undefined || scope === 'tree' || scope === 'project') return scope ?? 'tree';
  throw new StudioError(
    'invalid-command',
    `The scope ${JSON.stringify(scope)} is not one the bus knows: use “tree” (this run and the runs below it) or “project”.`,
    'Nothing was posted.',
  );
}

/** The body as the log will hold it (plain JSON, within the size limit), or a sentence. */
function checkBody(body: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch {
    text = undefined;
  }
  if (text === undefined)
    throw new StudioError(
      'bus-message-too-large',
      'The message is not plain JSON (text, numbers, booleans, lists and plain objects), so it cannot be posted.',
      'Nothing was posted.',
    );
  if (text.length > BUS_LIMITS.maxMessageChars)
    throw new StudioError(
      'bus-message-too-large',
      `The message is ${text.length.toLocaleString('en')} characters of JSON; the bus carries at most ${BUS_LIMITS.maxMessageChars.toLocaleString('en')}. Put large values in an output (an artifact) and post a short note instead.`,
      'Nothing was posted.',
    );
  // What JSON keeps is what is written (undefined fields dropped, NaN as null), as a replay reads it.
  return JSON.parse(text) as unknown;
}

/** A flood from one agent is refused: at most maxPostsPerSecond in any second, maxPostsPerAgent in all. */
function checkRate(index: BusIndex, from: BusSender, now: number): void {
  if (from.kind !== 'agent') return;
  const { total, recent } = index.postsBy(from.agentId, now - 1_000);
  if (total >= BUS_LIMITS.maxPostsPerAgent)
    throw new StudioError(
      'bus-rate-limited',
      `“${from.name}” already posted ${total} messages, the most one agent may post. Post fewer, larger messages.`,
      'Nothing more was posted.',
    );
  if (recent >= BUS_LIMITS.maxPostsPerSecond)
    throw new StudioError(
      'bus-rate-limited',
      `“${from.name}” posted ${recent} messages in the last second, the most the bus takes from one agent. Post fewer, larger messages (a list in one).`,
      'Nothing more was posted.',
    );
}

/** The event that posts a message, once it is checked (topic, scope, size, the sender's rate). Throws a StudioError otherwise. */
export function planBusPost(index: BusIndex, request: BusPostRequest, host: BusPostHost): EventDraft {
  const topic = checkTopic(request.topic);
  const scope = checkScope(request.scope);
  const body = checkBody(request.body);
  checkRate(index, request.from, host.now);
  return {
    type: 'bus.posted',
    runId: request.runId,
    data: { messageId: host.newId('msg'), topic, scope, from: request.from, body: body as never },
  };
}

/** A claim on a key: won when nobody in its scope holds it yet; either way the log says who holds it. */
export function planBusClaim(
  index: BusIndex,
  request: { runId: RunId; key: unknown; scope?: unknown; by: BusSender },
): { draft: EventDraft; won: boolean; holder: BusSender } {
  const { key } = request;
  if (typeof key !== 'string' || key.trim() === '' || key.length > BUS_LIMITS.maxClaimKeyChars)
    throw new StudioError(
      'invalid-command',
      `A claim's key must be text of 1 to ${BUS_LIMITS.maxClaimKeyChars} characters, like “item-7”.`,
      'Nothing was claimed.',
    );
  const scope = checkScope(request.scope);
  const held = index.holderOf(request.runId, scope, key);
  const holder = held ?? request.by;
  return {
    draft: { type: 'bus.claimed', runId: request.runId, data: { key, scope, by: request.by, won: !held, holder } },
    won: !held,
    holder,
  };
}
