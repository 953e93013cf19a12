import { classifyValue, makeArtifact, refOf } from '../artifacts/artifactRecord';
import type { EventDraft } from '../events/eventMap';
import type { ModelId } from '../ids';
import type { ConductorPorts } from '../ports/ports';
import type { HearDecision } from './listenWatch';

/**
 * What a listen step that heard its messages becomes: `bus.heard` (which messages, by seq: what
 * Explain cites) and its output, the message's body (or the list of bodies), stored as an artifact.
 */
export async function hearDrafts(
  decision: HearDecision,
  ports: Pick<ConductorPorts, 'artifacts' | 'sha256' | 'clock'>,
  modelRef: { modelId: ModelId; modelVersion: number },
): Promise<EventDraft[]> {
  const { runId, stepId, topic, port, portType, messages, take } = decision;
  const value = take === 1 ? messages[0]?.body : messages.map((m) => m.body);
  const classified = classifyValue(value, portType);
  if (!classified.ok)
    return [{ type: 'step.failed', runId, data: { stepId, reason: `The message it heard ${classified.reason}.` } }];
  const record = await makeArtifact(
    classified.kind,
    classified.body,
    {
      modelId: modelRef.modelId,
      modelVersion: modelRef.modelVersion,
      inputHashes: [],
      runId,
      stepId,
      createdAt: ports.clock.now(),
    },
    ports.sha256,
    classified.columns,
  );
  await ports.artifacts.put(record);
  return [
    {
      type: 'bus.heard',
      runId,
      data: { stepId, topic, messages: messages.map((m) => ({ seq: m.seq, messageId: m.messageId })) },
    },
    { type: 'artifact.produced', runId, data: { stepId, port, artifact: refOf(record), by: 'listen' } },
  ];
}
