import { judgeSigner, type SignatureVerdict } from '../share/signatureVerdict';
import { trustContext, trustKey } from '../storage/signingKeys';

/**
 * This install's signing key and the person's trust list, for the UI: it reaches storage through
 * src/app, never directly.
 */
export {
  listTrustedKeys,
  ownFingerprint,
  removeTrustedKey,
  renameTrustedKey,
  revokeTrustedKey,
  studioSigner,
  trustContext,
  trustKey,
} from '../storage/signingKeys';
export type { TrustedKey } from '../share/signatureVerdict';

/** Trusts the key behind a verdict under a name, and gives the verdict again now that it is known. */
export async function trustSigner(verdict: SignatureVerdict, name: string): Promise<SignatureVerdict> {
  if (verdict.kind === 'not-signed') return verdict;
  const signer = { fingerprint: verdict.fingerprint, publicKey: verdict.publicKey };
  await trustKey(signer, name);
  return judgeSigner(signer, await trustContext());
}
