import type { StoredEvent } from '../core/events/storedEvent';

const HEX64 = /^[0-9a-f]{64}$/;

export interface ArtifactUse {
  hash: string;
  /** Set where the event gives the artifact's kind and size (an ArtifactRef), so they can be checked. */
  kind?: string;
  size?: number;
  seq: number;
}

/**
 * Every artifact an event points at: each ArtifactRef (`{hash, kind, size}`) anywhere in its data
 * (run inputs, produced outputs, a fork's reused outputs…) and the input hashes an agent was
 * given. Found by shape, so event types added later are covered without a list to keep up.
 */
export function artifactUses(event: StoredEvent): ArtifactUse[] {
  const uses: ArtifactUse[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const { hash, kind, size } = record;
    if (
      Object.keys(record).length === 3 &&
      typeof hash === 'string' &&
      HEX64.test(hash) &&
      typeof kind === 'string' &&
      typeof size === 'number'
    ) {
      uses.push({ hash, kind, size, seq: event.seq });
      return;
    }
    Object.values(record).forEach(visit);
  };
  visit(event.data);
  if (event.type === 'agent.spawned')
    for (const hash of Object.values(event.data.inputs)) uses.push({ hash, seq: event.seq });
  return uses;
}
