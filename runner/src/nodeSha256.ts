import { createHash } from 'node:crypto';
import type { Sha256 } from '../../src/core/events/hashChain';

/**
 * SHA-256 on the calling thread, for the runner. WebCrypto's digest (src/runtime/sha256.ts) sends
 * every hash to libuv's thread pool and back, which for the small texts a log hashes costs more
 * than the hash itself, and a driver hashes each record it seals and the object each it checks.
 * Same hex of the same UTF-8 bytes, so logs sealed here and in a tab chain onto each other.
 */
export const sha256: Sha256 = (text) => Promise.resolve(createHash('sha256').update(text, 'utf8').digest('hex'));
