import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The public API's bearer token. The runner makes one on its first start and prints it once; the
 * file (RUNNER_API_TOKEN_FILE, default .runner/api-token.json, mode 600) keeps only its SHA-256,
 * so reading the file gives nobody the token. `npm run runner:token` makes a new one and the old
 * one stops working at once: a running runner reads the file again when it changes.
 *
 * A token is 32 random bytes (base64url, prefixed `crt_` so it is recognisable in a leak scan):
 * a plain hash is enough for that much entropy, no slow KDF needed.
 */
interface TokenFile {
  v: 1;
  /** hex SHA-256 of the token. */
  sha256: string;
  createdAt: number;
}

const hashOf = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

function newToken(): string {
  return `crt_${randomBytes(32).toString('base64url')}`;
}

function writeTokenFile(file: string, token: string): void {
  const record: TokenFile = { v: 1, sha256: hashOf(token).toString('hex'), createdAt: Date.now() };
  mkdirSync(dirname(file), { recursive: true });
  // Written beside and renamed over, so a running runner never reads half a file.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(record), { mode: 0o600 });
  renameSync(temp, file);
}

/** Makes a token if the file has none; answers the token only when it was just made (to print it once). */
export function ensureApiToken(file: string): string | undefined {
  if (existsSync(file)) return undefined;
  const token = newToken();
  writeTokenFile(file, token);
  return token;
}

/** Replaces the token: the old one stops working. Answers the new one, to print once. */
export function rotateApiToken(file: string): string {
  const token = newToken();
  writeTokenFile(file, token);
  return token;
}

/** Checks bearer tokens against the file, reading it again whenever it changes on disk. */
export class TokenCheck {
  private expected: Buffer | null = null;
  private readAt = -1;

  constructor(private readonly file: string) {}

  private current(): Buffer | null {
    let mtime: number;
    try {
      mtime = statSync(this.file).mtimeMs;
    } catch {
      return null; // no file: no token accepted
    }
    if (mtime !== this.readAt) {
      const record = JSON.parse(readFileSync(this.file, 'utf8')) as TokenFile;
      this.expected = Buffer.from(record.sha256, 'hex');
      this.readAt = mtime;
    }
    return this.expected;
  }

  /** Whether `authorization` is `Bearer <the token>` (compared in constant time, on hashes). */
  accepts(authorization: string | undefined): boolean {
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization ?? '');
    const expected = this.current();
    if (!match?.[1] || !expected) return false;
    return timingSafeEqual(hashOf(match[1]), expected);
  }
}
