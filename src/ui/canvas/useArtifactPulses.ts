import { useEffect, useRef, useState } from 'react';
import type { StoredEvent } from '../../core/events/storedEvent';
import type { FlowDefinition } from '../../core/project/projectState';
import { TRAVEL_MS } from './ArtifactEdgeView';

/**
 * Edges that should show an artifact travelling right now: each live artifact.produced of the
 * shown run starts a marker on every edge leaving that output, cleared once it has arrived.
 */
export function useArtifactPulses(lastEvent: StoredEvent | null, flow: FlowDefinition | undefined, runId: string | undefined): ReadonlyMap<string, number> {
  const [pulses, setPulses] = useState<ReadonlyMap<string, number>>(new Map());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  useEffect(() => {
    if (!flow || lastEvent?.type !== 'artifact.produced' || lastEvent.runId !== runId) return;
    const { stepId, port } = lastEvent.data;
    const edgeIds = [...flow.edges.values()].filter((e) => e.source.stepId === stepId && e.source.port === port).map((e) => e.edgeId);
    if (edgeIds.length === 0) return;
    setPulses((prev) => {
      const next = new Map(prev);
      for (const id of edgeIds) next.set(id, lastEvent.seq);
      return next;
    });
    // Not cleared when the next event comes: each marker finishes its own trip.
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setPulses((prev) => {
        const next = new Map(prev);
        for (const id of edgeIds) if (next.get(id) === lastEvent.seq) next.delete(id);
        return next;
      });
    }, TRAVEL_MS + 150);
    timers.current.add(timer);
    // Only a new event starts a pulse; later flow edits must not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastEvent]);
  return pulses;
}
