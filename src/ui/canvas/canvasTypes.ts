import type { Edge, Node } from '@xyflow/react';
import type { Port } from '../../core/events/primitives';
import type { StepStatus } from '../../core/run/runState';
import type { StepBadge } from './stepBadges';

export interface StepNodeData extends Record<string, unknown> {
  label: string;
  modelName: string;
  /** A CSS-safe name of the model's kind (`llm`, `extension`, `missing`); absent for a script or a missing model. */
  kind?: string;
  /** The kind as a person reads it: "LLM", "person", "approval gate"… */
  kindText?: string;
  inputs: Port[];
  outputs: Port[];
  /** The step's settings as compact badges (join, map, retry, fallbacks, optional, rebuildable). */
  badges: readonly StepBadge[];
  /** Absent when no run is shown. */
  status?: StepStatus;
  /** A fork took this step's outputs from its parent: no agent ran. */
  reused?: boolean;
  /** Why the step failed or was skipped, when it was. */
  reason?: string;
  /** While retrying: the next try's number and when it starts (epoch ms). */
  retry?: { attempt: number; at: number };
  /** While asking: the question put to a person. */
  question?: string;
  /** A map step's progress. */
  map?: { total: number; done: number };
  confidence?: { value: number; level: 'high' | 'medium' | 'low' };
  violations?: ReadonlyArray<{ rule: string; detail: string }>;
  /** What the step has spent in the shown run, when anything. */
  spend?: { tokens: number; costUsd: number };
  /** The step's outputs were rebuilt from downstream artifacts in the shown run. */
  rebuilt?: boolean;
  /** The step is an end of a reverse (rebuild) edge: it needs the hidden handles those edges attach to. */
  rebuildFrom?: boolean;
  rebuildTo?: boolean;
  missingModel: boolean;
}
export type StepNode = Node<StepNodeData, 'step'>;

export interface ArtifactEdgeData extends Record<string, unknown> {
  /** The edge's artifact exists in the shown run. */
  carrying: boolean;
  /** Changes each time a new artifact sets off along the edge; the marker restarts on change. */
  pulse: number | null;
  /** Nothing will travel here in the shown run: an untaken branch output, or a skipped step at either end. */
  inactive?: boolean;
}
export type ArtifactEdge = Edge<ArtifactEdgeData, 'artifact'>;

/** A reverse edge: the artifact downstream that a rebuildable step can be reconstructed from. Drawn, never edited. */
export interface ReverseEdgeData extends Record<string, unknown> {
  /** The downstream output, and the inverse model's input it feeds. */
  port: string;
  as: string;
  /** The rebuild happened in the shown run. */
  used: boolean;
}
export type ReverseEdge = Edge<ReverseEdgeData, 'reverse'>;

export type CanvasEdge = ArtifactEdge | ReverseEdge;

/** Handle ids on every step for reverse edges (top of the node); never connectable by a person. */
export const REBUILD_FROM_HANDLE = 'rebuild-from';
export const REBUILD_TO_HANDLE = 'rebuild-to';
