import type { FlowId } from '../../core/ids';
import { uiStore } from '../../app/uiStore';
import { useCommand } from '../useCommand';

/** Shown while an earlier version of the flow is on the canvas: restore it, or go back. */
export function VersionBanner({ flowId, seq }: { flowId: FlowId; seq: number }) {
  const execute = useCommand();
  return (
    <div className="version-banner" role="status">
      <span>You are viewing an earlier version of this flow (read-only).</span>
      <button
        type="button"
        className="button small primary"
        onClick={() =>
          void execute({ type: 'restoreFlow', flowId, atSeq: seq }).then(
            (r) => r.ok && uiStore.setState({ viewingVersion: null }),
          )
        }
      >
        Restore this version
      </button>
      <button type="button" className="button small" onClick={() => uiStore.setState({ viewingVersion: null })}>
        Back to current
      </button>
    </div>
  );
}
