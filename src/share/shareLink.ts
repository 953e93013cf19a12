import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { StudioError } from '../core/errors/studioError';
import { SHARE_PREFIX } from './shareFragment';

export { SHARE_PREFIX, isShareFragment, needsPassword } from './shareFragment';

/**
 * A share link carries a definitions-only export in the URL fragment, which browsers never send
 * to a server: `#share=1.<base64url of deflated JSON>`. With a password it is
 * `#share=1p.<base64url of salt, iv and AES-GCM ciphertext>`; the key is derived from the password
 * (PBKDF2-SHA-256), which travels separately. A random key placed in the fragment beside the
 * ciphertext would protect nothing here, since there is no server to keep the ciphertext apart.
 */

/** Links longer than this are refused: chat apps and browsers truncate or choke on longer ones. */
export const MAX_LINK_CHARS = 60_000;
/** A small link may not inflate into a large document (a zip bomb). */
export const MAX_SHARED_JSON_BYTES = 4 * 1024 * 1024;
const PBKDF2_ITERATIONS = 310_000;

const HINT_BROKEN = 'Ask for the link again; it may have been cut short when it was pasted.';

export async function encodeShareLink(exportJson: string, password?: string): Promise<string> {
  const packed = deflateSync(strToU8(exportJson), { level: 9 });
  if (!password) return `${SHARE_PREFIX}1.${toBase64Url(packed)}`;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(password, salt);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, packed));
  return `${SHARE_PREFIX}1p.${toBase64Url(concat(salt, iv, sealed))}`;
}

/** The export JSON a share fragment holds. Throws a StudioError that says what to do. */
export async function decodeShareLink(hash: string, password?: string): Promise<string> {
  if (hash.length > MAX_LINK_CHARS)
    throw new StudioError(
      'invalid-record',
      `This share link is ${hash.length.toLocaleString('en')} characters; links hold up to ${MAX_LINK_CHARS.toLocaleString('en')}.`,
      'Ask for the project as a file instead.',
    );
  const match = /^#share=(1p?)\.([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match)
    throw new StudioError('invalid-record', 'This share link is damaged or from a newer studio.', HINT_BROKEN);
  let packed = fromBase64Url(match[2] ?? '');
  if (match[1] === '1p') {
    if (!password)
      throw new StudioError(
        'invalid-record',
        'This share link is protected by a password.',
        'Enter the password the sender gave you.',
      );
    const key = await deriveKey(password, packed.slice(0, 16));
    try {
      packed = new Uint8Array(
        await crypto.subtle.decrypt({ name: 'AES-GCM', iv: packed.slice(16, 28) }, key, packed.slice(28)),
      );
    } catch {
      throw new StudioError(
        'invalid-record',
        'That password does not open this link (or the link was changed).',
        'Check the password and try again.',
      );
    }
  }
  return strFromU8(inflateBounded(packed, MAX_SHARED_JSON_BYTES));
}

function inflateBounded(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit)
      throw new StudioError(
        'invalid-record',
        'This share link unpacks to more than the studio accepts from a link.',
        'Ask for the project as a file instead.',
      );
    chunks.push(chunk);
  });
  try {
    inflater.push(data, true);
  } catch (error) {
    if (error instanceof StudioError) throw error;
    throw new StudioError('invalid-record', 'This share link is damaged: it does not unpack.', HINT_BROKEN);
  }
  return concat(...chunks);
}

async function deriveKey(password: string, salt: Uint8Array): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', strToU8(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations: PBKDF2_ITERATIONS },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    throw new StudioError('invalid-record', 'This share link is damaged.', HINT_BROKEN);
  }
}
