import { randomUUID } from 'node:crypto';
import type { ProjectId } from '../core/ids';
import { sha256 } from '../runtime/sha256';
import { prepareImport, type ImportPlan } from '../share/prepareImport';
import { shortFingerprint } from '../share/signature';
import { judgeSigner, NO_TRUST, type SignatureVerdict, type TrustedKey } from '../share/signatureVerdict';

/** An export that passed the studio's own import check, with who signed it. */
export interface VerifiedExport {
  plan: ImportPlan;
  verdict: SignatureVerdict;
}

/** What a person passed with `--trust`: a full fingerprint, or the short one the verdict line shows (spaces optional). */
export const normalizeFingerprint = (text: string): string => text.replace(/\s+/g, '').toLowerCase();

/**
 * Checks an export exactly as the studio's import does, with the studio's own code (prepareImport:
 * size, JSON, format and migrations, every record, the hash chain, every artifact's hash, the
 * signature over the head and the artifact manifest). A forged, truncated or damaged file throws
 * the studio's sentence. `trust` are the fingerprints the person named with --trust: a signer whose
 * fingerprint one of them starts (at least 16 hex digits) is judged as a key they trust, by the
 * studio's own judgeSigner. Runs nothing.
 */
export async function verifyExport(text: string, trust: readonly string[] = []): Promise<VerifiedExport> {
  const plan = await prepareImport(text, {
    sha256,
    subtle: globalThis.crypto.subtle,
    trust: NO_TRUST,
    newProjectId: `p_headless_${randomUUID().replace(/-/g, '').slice(0, 16)}` as ProjectId,
    takenNames: [],
    now: Date.now(),
  });
  const signer = plan.signature;
  if (signer.kind !== 'unknown') return { plan, verdict: signer };
  const named = trust
    .map(normalizeFingerprint)
    .find((fingerprint) => fingerprint.length >= 16 && signer.fingerprint.startsWith(fingerprint));
  if (named === undefined) return { plan, verdict: signer };
  const key: TrustedKey = {
    fingerprint: signer.fingerprint,
    name: `--trust ${named}`,
    publicKey: signer.publicKey,
    addedAt: 0,
  };
  return { plan, verdict: judgeSigner(signer, { ownFingerprint: null, trusted: [key] }) };
}

/** The verdict line the CLI prints first, before anything runs. */
export function verdictLine(verdict: SignatureVerdict): string {
  switch (verdict.kind) {
    case 'not-signed':
      return 'Not signed: nobody vouches for this file.';
    case 'unknown':
      return `Signed by an unknown key (fingerprint ${shortFingerprint(verdict.fingerprint)}; full ${verdict.fingerprint}).`;
    case 'trusted':
      return `Signed by a key you named with --trust (fingerprint ${shortFingerprint(verdict.fingerprint)}).`;
    case 'this-studio':
    case 'revoked':
      // The CLI has no studio key and no revocation list; kept total for the type.
      return `Signed by key ${shortFingerprint(verdict.fingerprint)}.`;
  }
}

/** Why a verified file still does not run without a flag, and the flag that would run it; null when it may run. */
export function refusalWithoutFlag(verdict: SignatureVerdict, allowUnsigned: boolean): string | null {
  if (allowUnsigned || verdict.kind === 'trusted' || verdict.kind === 'this-studio') return null;
  if (verdict.kind === 'not-signed')
    return 'Refused: an unsigned file could hold anyone’s code. If you know where it came from, run it with --allow-unsigned (npm run test:flows -- <file> --allow-unsigned).';
  if (verdict.kind === 'unknown')
    return `Refused: you have not said you trust this key. Compare its fingerprint with the sender’s, then run it with --trust ${verdict.fingerprint.slice(0, 16)} (npm run test:flows -- <file> --trust ${verdict.fingerprint.slice(0, 16)}).`;
  return 'Refused: this file is signed by a key you revoked.';
}
