import type { Sha256 } from '../core/events/hashChain';

const encoder = new TextEncoder();
const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** SHA-256 through WebCrypto, which browsers, workers and Node 20 all provide. */
export const sha256: Sha256 = async (text) => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let out = '';
  for (const byte of digest) out += hex[byte];
  return out;
};
