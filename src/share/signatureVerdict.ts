import { shortFingerprint } from './signature';

/** A key this person chose to trust (or stopped trusting), as the trust list keeps it. */
export interface TrustedKey {
  /** SHA-256 of the key's SPKI, lower-case hex: the key's identity. */
  fingerprint: string;
  /** Who the person decided this key is. */
  name: string;
  /** base64 SPKI. */
  publicKey: string;
  addedAt: number;
  /** Set once the person revoked it: files it signed are refused from then on. */
  revokedAt?: number;
}

/** What an import compares a signer with: this install's own key and the trust list. */
export interface TrustContext {
  ownFingerprint: string | null;
  trusted: readonly TrustedKey[];
}

export const NO_TRUST: TrustContext = { ownFingerprint: null, trusted: [] };

/**
 * Who signed a file, once its signature checked out (a signature that does not match is refused
 * before a verdict is given). `revoked` is refused too; it is a verdict so the refusal can name it.
 */
export type SignatureVerdict =
  | { kind: 'not-signed' }
  | { kind: 'this-studio'; fingerprint: string; publicKey: string }
  | { kind: 'trusted'; fingerprint: string; publicKey: string; name: string }
  | { kind: 'unknown'; fingerprint: string; publicKey: string }
  | { kind: 'revoked'; fingerprint: string; publicKey: string; name: string };

/** Pure: the verdict for a verified signer's fingerprint. Own key first, then the trust list by full fingerprint. */
export function judgeSigner(
  signer: { fingerprint: string; publicKey: string } | null,
  trust: TrustContext,
): SignatureVerdict {
  if (!signer) return { kind: 'not-signed' };
  const { fingerprint, publicKey } = signer;
  if (trust.ownFingerprint === fingerprint) return { kind: 'this-studio', fingerprint, publicKey };
  const known = trust.trusted.find((k) => k.fingerprint === fingerprint);
  if (!known) return { kind: 'unknown', fingerprint, publicKey };
  if (known.revokedAt !== undefined) return { kind: 'revoked', fingerprint, publicKey, name: known.name };
  return { kind: 'trusted', fingerprint, publicKey, name: known.name };
}

/** The verdict in the words the import dialog and the share-link gate show. */
export function verdictText(verdict: SignatureVerdict): string {
  switch (verdict.kind) {
    case 'not-signed':
      return 'Not signed';
    case 'this-studio':
      return 'Signed by this studio';
    case 'trusted':
      return `Signed by a key you trust (${verdict.name})`;
    case 'unknown':
      return 'Signed by an unknown key';
    case 'revoked':
      return `Signed by a key you revoked: ${verdict.name}`;
  }
}

/** One line under the verdict: what it means for the person deciding whether to open the file. */
export function verdictDetail(verdict: SignatureVerdict): string {
  switch (verdict.kind) {
    case 'not-signed':
      return 'Nobody vouches for this file: anyone could have written or changed it. Open it only if you know where it came from.';
    case 'this-studio':
      return 'This browser exported it, and it has not been changed since.';
    case 'trusted':
      return `It is exactly what the holder of the key you named “${verdict.name}” exported.`;
    case 'unknown':
      return 'It is exactly what the holder of this key exported, but you have not said whose key it is. Compare the fingerprint with the sender before you trust it.';
    case 'revoked':
      return 'You revoked this key, so the studio no longer opens files it signed.';
  }
}

export const verdictFingerprint = (verdict: SignatureVerdict): string | null =>
  verdict.kind === 'not-signed' ? null : shortFingerprint(verdict.fingerprint);
