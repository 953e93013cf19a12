import { useState } from 'react';
import type { SerializedStudioError } from '../../core/errors/studioError';
import { STUDIO_VERSION, faultReport } from './faultReport';

/**
 * "Copy details" on a studio bug: puts a bug report on the clipboard. Where the browser refuses
 * the clipboard, the report is shown in a box to copy by hand instead.
 */
export function CopyDetailsButton({ error }: { error: SerializedStudioError }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'copied' } | { kind: 'by-hand'; report: string }>({
    kind: 'idle',
  });
  const copy = async () => {
    const report = faultReport(error, { version: STUDIO_VERSION, userAgent: navigator.userAgent, at: new Date() });
    try {
      await navigator.clipboard.writeText(report);
      setState({ kind: 'copied' });
    } catch {
      setState({ kind: 'by-hand', report });
    }
  };
  return (
    <span className="copy-details">
      <button type="button" className="button" onClick={() => void copy()}>
        {state.kind === 'copied' ? 'Copied' : 'Copy details'}
      </button>
      {state.kind === 'copied' && (
        <span className="visually-hidden" role="status">
          The details are on the clipboard.
        </span>
      )}
      {state.kind === 'by-hand' && (
        <textarea
          className="copy-details__text"
          aria-label="Error details"
          readOnly
          value={state.report}
          rows={6}
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </span>
  );
}
