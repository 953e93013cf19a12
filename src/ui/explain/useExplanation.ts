import { useEffect, useMemo, useState } from 'react';
import { useFoldedEventCount, useSession } from '../../app/useProjectSession';
import { artifactValue } from '../../core/artifacts/artifactRecord';
import { explain } from '../../core/explain/explain';
import type { Explanation, ExplainTarget } from '../../core/explain/explanation';

/**
 * The explanation of a target, kept up to date as the log grows. What it wants to read (small
 * JSON results, say which checks failed) is loaded from the artifact store, then it is explained
 * again with those values; nothing is ever asked of a model.
 */
export function useExplanation(target: ExplainTarget | null): Explanation | null {
  const session = useSession();
  // Every event folded in is a cue to explain again.
  const count = useFoldedEventCount();
  const [values, setValues] = useState<ReadonlyMap<string, unknown>>(new Map());
  const events = session.events();
  const explanation = useMemo(
    () => (target ? explain(events, target, (hash) => values.get(hash)) : null),
    // `events` grows in place: its length says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [target, count, values],
  );
  useEffect(() => {
    const missing = explanation?.wants.filter((hash) => !values.has(hash)) ?? [];
    if (missing.length === 0) return;
    let current = true;
    void Promise.all(
      missing.map(
        async (hash) =>
          [
            hash,
            await session.readArtifact(hash).then(
              (r) => (r ? artifactValue(r) : null),
              () => null,
            ),
          ] as const,
      ),
    ).then((pairs) => {
      if (current) setValues((before) => new Map([...before, ...pairs]));
    });
    return () => {
      current = false;
    };
  }, [explanation, values, session]);
  return explanation;
}
