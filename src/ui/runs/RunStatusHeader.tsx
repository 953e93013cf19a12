import type { RunState } from '../../core/run/runState';
import { startedByOf } from '../../core/run/runTree';
import { useDefinitions, useProjectView } from '../../app/useProjectSession';
import { RunStatus } from './RunStatus';

/**
 * A band over the canvas while a running run is shown: its name (and, for a sub-flow's run, the
 * outer run and step that started it) and its status. Gone once the run finishes.
 */
export function RunStatusHeader({ run, name }: { run: RunState; name: string }) {
  const defs = useDefinitions();
  const runs = useProjectView((v) => v.runs);
  if (run.status !== 'running') return null;
  const startedBy = startedByOf(runs, run);
  const outerFlow = startedBy ? (defs.flows.get(startedBy.flowId)?.name ?? 'another flow') : undefined;
  return (
    // A zero-height anchor in the column, so the band lies over the canvas's top edge (below the
    // canvas bar, however tall that is) without taking room from it.
    <div className="run-status-anchor">
      <section className="run-status-header" aria-label="Shown run">
        <h2 className="run-status-header__name">
          {name} · running
          {startedBy && (
            <span className="run-status-header__from">
              {' '}
              · sub-flow of {outerFlow} run {startedBy.number}, step {startedBy.label}
            </span>
          )}
        </h2>
        <RunStatus run={run} label={name} />
      </section>
    </div>
  );
}
