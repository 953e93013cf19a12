import type { Sha256 } from '../events/hashChain';
import type { PortType } from '../events/primitives';
import { classifyValue, makeArtifact, type ArtifactRecord, type Provenance } from './artifactRecord';

/**
 * An artifact from text a person typed or uploaded, for a port of `portType`: text as it is; JSON
 * and tables parsed (and refused with a reason when they don't parse); `any` takes JSON when the
 * text is a JSON object or list, else text.
 */
export async function artifactFromText(
  text: string,
  portType: PortType,
  sha256: Sha256,
  provenance: Provenance | null = null,
): Promise<{ ok: true; record: ArtifactRecord } | { ok: false; reason: string }> {
  let value: unknown = text;
  if (portType !== 'text') {
    const trimmed = text.trim();
    const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
    if (portType !== 'any' || looksJson) {
      try {
        value = JSON.parse(trimmed);
      } catch (error) {
        if (portType !== 'any')
          return { ok: false, reason: `is not valid JSON (${error instanceof Error ? error.message : 'parse error'})` };
      }
    }
  }
  const classified = classifyValue(value, portType);
  if (!classified.ok) return { ok: false, reason: classified.reason };
  return {
    ok: true,
    record: await makeArtifact(classified.kind, classified.body, provenance, sha256, classified.columns),
  };
}
