import type { RefObject } from 'react';
import type { MonacoLoadState } from './useMonacoEditor';

interface MonacoHostProps {
  state: MonacoLoadState;
  hostRef: RefObject<HTMLDivElement | null>;
  /** What failed to load, for the sentence: "the code editor". */
  what: string;
  className?: string;
}

/** Where an editor mounts, with its loading and failure states. */
export function MonacoHost({ state, hostRef, what, className = '' }: MonacoHostProps) {
  return (
    <div className={`monaco-code ${className}`} data-state={state}>
      {state === 'loading' && <p className="monaco-code__status">Loading editor…</p>}
      {state === 'failed' && (
        <p className="monaco-code__status" role="alert">
          The {what} could not be loaded. Reload the page to try again.
        </p>
      )}
      <div ref={hostRef} className="monaco-code__host" />
    </div>
  );
}
