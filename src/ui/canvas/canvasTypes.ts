import type { Edge, Node } from '@xyflow/react';
import type { Port } from '../../core/events/primitives';
import type { StepStatus } from '../../core/run/runState';

export interface StepNodeData extends Record<string, unknown> {
  label: string;
  modelName: string;
  inputs: Port[];
  outputs: Port[];
  /** Absent when no run is shown. */
  status?: StepStatus;
  /** A fork took this step's outputs from its parent: no agent ran. */
  reused?: boolean;
  /** Why the step failed, when it did. */
  reason?: string;
  missingModel: boolean;
}
export type StepNode = Node<StepNodeData, 'step'>;

export interface ArtifactEdgeData extends Record<string, unknown> {
  /** The edge's artifact exists in the shown run. */
  carrying: boolean;
  /** Changes each time a new artifact sets off along the edge; the marker restarts on change. */
  pulse: number | null;
}
export type ArtifactEdge = Edge<ArtifactEdgeData, 'artifact'>;
