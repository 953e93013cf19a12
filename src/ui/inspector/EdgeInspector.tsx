import type { FlowDefinition } from '../../core/project/projectState';
import { edgeArtifact, type RunState } from '../../core/run/runState';
import { ArtifactView } from './ArtifactView';

/** A selected edge: where it goes, and the artifact it carried in the shown run. */
export function EdgeInspector({
  flow,
  edgeId,
  run,
}: {
  flow: FlowDefinition;
  edgeId: string;
  run: RunState | undefined;
}) {
  const edge = [...flow.edges.values()].find((e) => e.edgeId === edgeId);
  if (!edge) return <p className="muted">That edge was removed.</p>;
  const from = flow.steps.get(edge.source.stepId)?.label ?? '?';
  const to = flow.steps.get(edge.target.stepId)?.label ?? '?';
  const ref = run ? edgeArtifact(run, edge.source) : undefined;
  return (
    <div className="inspector__body">
      <p>
        <strong>{from}</strong>.{edge.source.port} → <strong>{to}</strong>.{edge.target.port}
      </p>
      {ref ? (
        <ArtifactView hash={ref.hash} title={`${from}.${edge.source.port}`} />
      ) : (
        <p className="muted">
          {run
            ? 'Nothing has travelled along this edge in this run yet.'
            : 'Run the flow to see what travels along this edge.'}
        </p>
      )}
    </div>
  );
}
