import { diffLines } from 'diff';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/useProjectSession';
import type { ArtifactRecord } from '../../core/artifacts/artifactRecord';

/** Text as a person diffs it: JSON pretty-printed, so a changed field is a changed line. */
function readable(record: ArtifactRecord | undefined): string {
  if (!record) return '';
  return record.kind === 'text' ? record.body : JSON.stringify(JSON.parse(record.body), null, 2);
}

/** A line diff of two artifacts (text or JSON): removed lines from A, added lines from B. */
export function ArtifactDiff({ a, b, title }: { a?: string; b?: string; title: string }) {
  const session = useSession();
  const [texts, setTexts] = useState<[string, string] | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([a ? session.readArtifact(a) : undefined, b ? session.readArtifact(b) : undefined]).then(
      ([ra, rb]) => {
        if (live) setTexts([readable(ra), readable(rb)]);
      },
    );
    return () => {
      live = false;
    };
  }, [session, a, b]);
  if (!texts) return <p className="muted">Loading…</p>;
  const parts = diffLines(texts[0], texts[1]);
  return (
    <pre className="diff" aria-label={`Differences in ${title}`}>
      {parts.map((part, i) => (
        <span key={i} className={part.added ? 'diff__added' : part.removed ? 'diff__removed' : 'diff__same'}>
          {part.value
            .replace(/\n$/, '')
            .split('\n')
            .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}`)
            .join('\n') + '\n'}
        </span>
      ))}
    </pre>
  );
}
