import { callProject } from './ingress';
import type { CommandReply } from './protocol';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The driver's answer to a command queued with `requestId`, asked for until it comes (backing off
 * from 20 to 250 ms), or null if no runner process answered within `timeoutMs`.
 */
export async function awaitReply(key: string, requestId: string, timeoutMs = 30_000): Promise<CommandReply | null> {
  const until = Date.now() + timeoutMs;
  for (let wait = 20; Date.now() < until; wait = Math.min(wait * 2, 250)) {
    const reply = await callProject(key, 'replyTo', { requestId });
    if (reply) return reply;
    await sleep(wait);
  }
  return null;
}
