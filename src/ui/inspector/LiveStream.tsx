import { useLayoutEffect, useRef } from 'react';
import { useLiveStreams } from '../../app/liveStreams';

/**
 * The text an LLM agent has streamed so far, growing as tokens arrive; it gives way to the
 * artifact once the agent finishes. Kept scrolled to the end unless the person scrolled up.
 */
export function LiveStream({ agentId, title }: { agentId: string; title: string }) {
  const text = useLiveStreams((s) => s.byAgent[agentId]);
  const ref = useRef<HTMLPreElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 40) el.scrollTop = el.scrollHeight;
  });
  if (text === undefined) return null;
  return (
    <figure className="artifact live-stream" aria-label={`Live output ${title}`}>
      <figcaption>
        <span>{title}</span>
        <span className="artifact__meta live-stream__meta">streaming · {text.length.toLocaleString('en')} chars</span>
      </figcaption>
      <pre ref={ref} className="artifact__text" data-testid="live-stream" aria-live="polite">
        {text}
        <span className="live-stream__caret" aria-hidden="true" />
      </pre>
    </figure>
  );
}
