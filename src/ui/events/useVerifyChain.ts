import { useState } from 'react';
import { useSession } from '../../app/useProjectSession';
import { describeError } from '../../core/errors/studioError';

export interface ChainReport {
  ok: boolean;
  text: string;
}

/** "Verify chain": re-derives every hash over the records as stored and says what it found. */
export function useVerifyChain(): { busy: boolean; result: ChainReport | null; run: () => Promise<void> } {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ChainReport | null>(null);
  const run = async () => {
    setBusy(true);
    try {
      const verdict = await session.verifyLog();
      setResult(
        verdict.ok
          ? {
              ok: true,
              text: `Chain OK: all ${verdict.count.toLocaleString()} events link to the one before and match their hashes.`,
            }
          : {
              ok: false,
              text: `The chain is broken at event #${verdict.seq}: ${verdict.reason}. Export the project to keep a copy, and report it.`,
            },
      );
    } catch (error) {
      const { message, hint } = describeError(error, 'page');
      setResult({ ok: false, text: `The log could not be verified: ${message} ${hint}`.trim() });
    } finally {
      setBusy(false);
    }
  };
  return { busy, result, run };
}
