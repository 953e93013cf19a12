import { artifactFromText } from '../artifacts/artifactFromText';
import { refOf } from '../artifacts/artifactRecord';
import { StudioError } from '../errors/studioError';
import type { EventDraft, PlanStep } from '../events/eventMap';
import type { ArtifactRef } from '../events/primitives';
import type { ConductorPorts } from '../ports/ports';
import type { OpenAsk } from '../feature/feature';

export type { OpenAsk } from '../feature/feature';

export interface Answer {
  decision: 'approve' | 'reject' | 'provide';
  notes?: string;
  outputs?: Record<string, string>;
  by: 'person' | 'timeout';
}

/**
 * The events an answer brings: the answer itself, then what follows from it. An approval passes
 * the gate's input on its first output (a rejection takes the second, or stops there); a human
 * model's outputs become artifacts; an accepted low-confidence draft is promoted; an allowed
 * overspend lets the step start (the gap loop sees to that).
 */
export async function planAnswer(
  ask: OpenAsk,
  step: PlanStep | undefined,
  answer: Answer,
  ports: Pick<ConductorPorts, 'artifacts' | 'sha256' | 'clock'>,
): Promise<EventDraft[]> {
  const { runId, data } = ask;
  const { stepId, askId, kind } = data;
  const answered: EventDraft = {
    type: 'person.answered',
    runId,
    data: { askId, stepId, decision: answer.decision, by: answer.by, ...(answer.notes ? { notes: answer.notes } : {}) },
  };
  const closed = (resolution: 'filled' | 'failed'): EventDraft => ({
    type: 'gap.closed',
    runId,
    data: { gapId: askId, resolution },
  });
  const produced = (port: string, artifact: ArtifactRef, by?: 'route' | 'person'): EventDraft => ({
    type: 'artifact.produced',
    runId,
    data: { stepId, port, artifact, ...(by ? { by } : {}) },
  });
  const why =
    answer.by === 'timeout'
      ? 'Nobody answered in time'
      : `A person ${answer.decision === 'reject' ? 'rejected it' : 'answered'}`;
  const withNotes = answer.notes ? `${why}: “${answer.notes}”.` : `${why}.`;
  const failed = (reason: string): EventDraft[] => [
    answered,
    {
      type: 'step.failed',
      runId,
      data: { stepId, reason, ...(kind === 'budget' ? { errorClass: 'budget' as const } : {}) },
    },
    ...(kind === 'budget' ? [] : [closed('failed')]),
  ];

  if (answer.decision === 'provide' && kind !== 'input')
    throw new StudioError(
      'invalid-command',
      'That question asks to approve or reject, not for artifacts.',
      'Choose Approve or Reject.',
    );
  if (answer.decision !== 'provide' && kind === 'input' && answer.decision === 'approve')
    throw new StudioError(
      'invalid-command',
      'This step needs its outputs typed or uploaded.',
      'Fill in each output and submit.',
    );

  switch (kind) {
    case 'approval': {
      const input = Object.values(data.subject ?? {})[0];
      const outputs = step?.outputs.map((p) => p.name) ?? [];
      const taken = answer.decision === 'approve' ? (outputs[0] ?? null) : (outputs[1] ?? null);
      const detail =
        answer.decision === 'approve'
          ? `Approved${answer.by === 'timeout' ? ' (no answer in time)' : ''}${answer.notes ? `: “${answer.notes}”` : '.'}`
          : `Rejected${answer.by === 'timeout' ? ' (no answer in time)' : ''}${answer.notes ? `: “${answer.notes}”` : '.'}`;
      const routed: EventDraft = {
        type: 'step.routed',
        runId,
        data: { stepId, taken, skipped: outputs.filter((p) => p !== taken), detail },
      };
      if (taken === null || !input) return [answered, routed, closed('failed')];
      return [answered, produced(taken, input, 'route'), routed, closed('filled')];
    }
    case 'confidence': {
      if (answer.decision !== 'approve') return failed(`${withNotes} Its draft was not promoted.`);
      return [
        answered,
        ...Object.entries(data.subject ?? {}).map(([port, ref]) => produced(port, ref)),
        closed('filled'),
      ];
    }
    case 'budget':
      return answer.decision === 'approve'
        ? [answered]
        : failed(`${withNotes} The run stopped here rather than overspend.`);
    case 'input': {
      if (answer.decision === 'reject') return failed(`${withNotes} The step has no outputs.`);
      const drafts: EventDraft[] = [answered];
      for (const port of data.ports ?? []) {
        const text = answer.outputs?.[port.name];
        if (text === undefined || text.trim() === '')
          throw new StudioError(
            'invalid-command',
            `“${port.name}” is empty.`,
            'Fill in every output before submitting.',
          );
        const made = await artifactFromText(
          text,
          port.type,
          ports.sha256,
          step
            ? {
                modelId: step.modelId,
                modelVersion: step.modelVersion,
                inputHashes: [],
                runId,
                stepId,
                createdAt: ports.clock.now(),
              }
            : null,
        );
        if (!made.ok)
          throw new StudioError(
            'invalid-command',
            `“${port.name}” ${made.reason}.`,
            'Fix it and submit again; nothing was recorded.',
          );
        await ports.artifacts.put(made.record);
        drafts.push(produced(port.name, refOf(made.record), 'person'));
      }
      return [...drafts, closed('filled')];
    }
  }
}

/** What a deadline does with an unanswered approval: the gate's timeout policy (approve, reject or fail). */
export function planTimeout(
  ask: OpenAsk,
  step: PlanStep | undefined,
  ports: Pick<ConductorPorts, 'artifacts' | 'sha256' | 'clock'>,
): Promise<EventDraft[]> | EventDraft[] {
  const policy = ask.data.onTimeout ?? 'reject';
  if (policy !== 'fail') return planAnswer(ask, step, { decision: policy, by: 'timeout' }, ports);
  const { runId } = ask;
  const { askId, stepId } = ask.data;
  return [
    { type: 'person.answered', runId, data: { askId, stepId, decision: 'reject', by: 'timeout' } },
    {
      type: 'step.failed',
      runId,
      data: { stepId, reason: 'Nobody answered in time, and the gate fails when that happens.', errorClass: 'timeout' },
    },
    { type: 'gap.closed', runId, data: { gapId: askId, resolution: 'failed' } },
  ];
}
