import { useEffect, useState } from 'react';
import { ownFingerprint } from '../../app/signing';
import { shortFingerprint } from '../../share/signature';

/** Says that what is about to leave is signed, and by which fingerprint, so the sender can read it out to the receiver. */
export function SignedByLine() {
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    ownFingerprint().then(
      (f) => live && setFingerprint(f),
      () => undefined, // The export itself reports a key that cannot be read; this line just stays away.
    );
    return () => {
      live = false;
    };
  }, []);
  if (!fingerprint) return null;
  return (
    <p className="muted">
      Signed with this studio’s key <code aria-label="This studio’s fingerprint">{shortFingerprint(fingerprint)}</code>:
      whoever opens it sees whether it was changed, and who trusts this fingerprint sees it as yours.
    </p>
  );
}
