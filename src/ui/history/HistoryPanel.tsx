import type { FlowDefinition } from '../../core/project/projectState';
import { uiStore, useUi } from '../../app/uiStore';
import { useProjectView } from '../../app/useProjectSession';
import { useCommand } from '../useCommand';

const time = (ts: number) => new Date(ts).toLocaleTimeString();

/** The flow's versions, newest first: view any of them on the canvas, or restore it. */
export function HistoryPanel({ flow }: { flow: FlowDefinition }) {
  const history = useProjectView((v) => v.history);
  const execute = useCommand();
  const viewing = useUi((s) => s.viewingVersion);
  const versions = [...(history.get(flow.flowId)?.versions ?? [])].reverse();
  return (
    <aside className="inspector" aria-label="Version history">
      <div className="panel-title-row">
        <h2 className="panel-title">Version history</h2>
        <button
          type="button"
          className="button small ghost"
          onClick={() => uiStore.setState({ panel: 'inspector', viewingVersion: null })}
        >
          Close
        </button>
      </div>
      <div className="inspector__body">
        {versions.length === 0 && <p className="muted">No edits yet. Every change to the flow will be listed here.</p>}
        <ol className="versions">
          {versions.map((v, i) => (
            <li key={v.seq} className={viewing === v.seq ? 'is-viewing' : ''}>
              <div>
                <span className="versions__summary">{v.summary}</span>
                <span className="muted"> · {time(v.ts)}</span>
                {i === 0 && <span className="badge live"> current</span>}
              </div>
              {i > 0 && (
                <div className="versions__actions">
                  <button
                    type="button"
                    className="button small ghost"
                    aria-label={`View version ${versions.length - i}`}
                    onClick={() => uiStore.setState({ viewingVersion: viewing === v.seq ? null : v.seq })}
                  >
                    {viewing === v.seq ? 'Viewing' : 'View'}
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Restore version ${versions.length - i}`}
                    onClick={() =>
                      void execute({ type: 'restoreFlow', flowId: flow.flowId, atSeq: v.seq }).then(
                        (r) => r.ok && uiStore.setState({ viewingVersion: null }),
                      )
                    }
                  >
                    Restore
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      </div>
    </aside>
  );
}
