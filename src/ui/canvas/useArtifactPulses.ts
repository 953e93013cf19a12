import { useEffect, useRef, useState } from 'react';
import type { StoredEvent } from '../../core/events/storedEvent';
import type { FlowDefinition } from '../../core/project/projectState';
import { ARRIVAL_MS, travelMs } from './markerTrip';

/**
 * Edges that should show an artifact travelling right now: each live artifact.produced of the
 * shown run starts a marker on every edge leaving that output, cleared once it has arrived.
 */
export function useArtifactPulses(
  liveEvents: readonly StoredEvent[],
  flow: FlowDefinition | undefined,
  runId: string | undefined,
): ReadonlyMap<string, number> {
  const [pulses, setPulses] = useState<ReadonlyMap<string, number>>(new Map());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  // Each trip gets a number of its own: playing the same event again sets off a new marker.
  const trips = useRef(0);
  // Back from playback the live batch is handed in again; its trips were already shown.
  const seen = useRef(new WeakSet<readonly StoredEvent[]>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  useEffect(() => {
    if (!flow || seen.current.has(liveEvents)) return;
    seen.current.add(liveEvents);
    const started = new Map<string, number>();
    for (const event of liveEvents) {
      if (event.type !== 'artifact.produced' || event.runId !== runId) continue;
      for (const edge of flow.edges.values()) {
        if (edge.source.stepId === event.data.stepId && edge.source.port === event.data.port)
          started.set(edge.edgeId, ++trips.current);
      }
    }
    if (started.size === 0) return;
    setPulses((prev) => new Map([...prev, ...started]));
    // Not cleared when the next event comes: each marker finishes its own trip.
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setPulses((prev) => {
        const next = new Map(prev);
        for (const [id, trip] of started) if (next.get(id) === trip) next.delete(id);
        return next;
      });
    }, travelMs() + ARRIVAL_MS);
    timers.current.add(timer);
    // Only a new event starts a pulse; later flow edits must not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [liveEvents]);
  return pulses;
}
