import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { webcrypto } from 'node:crypto';
import { keyFingerprint, toBase64, type ExportSigner } from '../../src/share/signature';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const PARAMS = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * The runner's signing key: an ECDSA P-256 pair like a studio install's, kept as JWK in a file
 * (RUNNER_KEY_FILE, default .runner/runner-key.json, mode 600) and made on first start. Every
 * history the runner hands out is signed with it, so a studio can tell the runner's record from a
 * forgery and trust it by fingerprint. Runners that serve the same cluster share this file.
 */
export async function loadRunnerSigner(file: string): Promise<{ signer: ExportSigner; fingerprint: string }> {
  let jwk: { privateKey: JsonWebKey; publicKey: JsonWebKey };
  if (existsSync(file)) {
    jwk = JSON.parse(readFileSync(file, 'utf8')) as typeof jwk;
  } else {
    const pair = await subtle.generateKey(PARAMS, true, ['sign', 'verify']);
    jwk = {
      privateKey: await subtle.exportKey('jwk', pair.privateKey),
      publicKey: await subtle.exportKey('jwk', pair.publicKey),
    };
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  const privateKey = await subtle.importKey('jwk', jwk.privateKey, PARAMS, false, ['sign']);
  const publicKey = await subtle.importKey('jwk', jwk.publicKey, PARAMS, true, ['verify']);
  const spki = new Uint8Array(await subtle.exportKey('spki', publicKey));
  return {
    signer: {
      publicKey: toBase64(spki),
      sign: async (data) => new Uint8Array(await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, data)),
    },
    fingerprint: await keyFingerprint(spki, subtle),
  };
}
