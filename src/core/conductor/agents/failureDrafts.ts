import { describeError, type SerializedStudioError } from '../../errors/studioError';
import type { FaultSite } from '../../errors/errorCatalogue';
import type { EventData, EventDraft } from '../../events/eventMap';
import type { EventOfType } from '../../events/storedEvent';
import type { RunId, StepId } from '../../ids';
import type { Decision } from '../flowEngine/gapLoop';

const MAX_REASON = 2_000;

/**
 * What a failure the conductor caught says in the log: a studio bug's sentence already names its
 * code (`internal-XXXX`); any other failure gets its code appended, so a run's reason always says
 * which entry of the error catalogue it was.
 */
export function faultReason(error: SerializedStudioError): string {
  const sentence = error.code === 'internal' ? error.message : `${error.message.trim()} (code ${error.code})`;
  return sentence.slice(0, MAX_REASON);
}

/** An agent that threw, or whose results could not be promoted: it resolves failed and its gap closes. */
export function agentFailureDrafts(runId: RunId, spawned: EventData<'agent.spawned'>, reason: string): EventDraft[] {
  const { agentId, gapId, stepId, item } = spawned;
  return [
    {
      type: 'agent.resolved',
      runId,
      data: {
        agentId,
        gapId,
        stepId,
        outcome: 'failed',
        reason: reason.slice(0, MAX_REASON),
        durationMs: 0,
        logs: [],
        ...(item !== undefined ? { item } : {}),
      },
    },
    { type: 'gap.closed', runId, data: { gapId, resolution: 'failed' } },
  ];
}

/** Intent agents whose promotion threw: each resolves failed and dies, so its gap can send another. */
export function intentAgentFailureDrafts(
  agents: ReadonlyArray<EventOfType<'intentAgent.spawned'>>,
  reason: string,
  at: number,
): EventDraft[] {
  return agents.flatMap(
    ({ data: { agentId, gapId } }) =>
      [
        {
          type: 'intentAgent.resolved',
          data: { agentId, gapId, outcome: 'failed', reason: reason.slice(0, MAX_REASON) },
        },
        { type: 'intentAgent.died', data: { agentId, gapId, at } },
      ] satisfies EventDraft[],
  );
}

const runFailed = (runId: RunId, reason: string): EventDraft => ({
  type: 'run.finished',
  runId,
  data: { status: 'failed', reason: reason.slice(0, MAX_REASON) },
});
const stepFailed = (runId: RunId, stepId: StepId, reason: string): EventDraft => ({
  type: 'step.failed',
  runId,
  data: { stepId, reason },
});

/**
 * How the conductor turns what throws while it works on a run into events, instead of losing it:
 * nothing it catches is swallowed. A studio bug is also reported to the page with its details
 * (`onFault`), since the log keeps only the sentence.
 */
export class ConductorFaults {
  /** Runs that have failed a step because of a fault: a second fault finishes the run. */
  private readonly faulted = new Set<RunId>();
  /** Intent agents whose results wait for the next promotion round. */
  private intentsWaiting: Array<EventOfType<'intentAgent.spawned'>> = [];

  constructor(private readonly report: (error: SerializedStudioError) => void = () => undefined) {}

  /** Describes a caught error; a studio bug is reported to the page at once. */
  caught(error: unknown, site: FaultSite): SerializedStudioError {
    const described = describeError(error, site);
    if (described.code === 'internal') this.report(described);
    return described;
  }

  /** An error nothing in the log will show (say, a bug in the intent detector): the page hears of it, whatever its code. */
  shown(error: unknown, site: FaultSite): void {
    this.report(describeError(error, site));
  }

  /**
   * Even the failure could not be appended (the log refused it, most likely storage). Nothing is
   * lost: the project's next open marks what was going as interrupted. The page is told now.
   */
  unrecorded(error: unknown, site: FaultSite): void {
    const described = describeError(error, site);
    const then =
      site === 'intent-agent' || site === 'intent-detector'
        ? 'its agent is marked failed'
        : 'the run is marked interrupted';
    this.report({
      ...described,
      message: `${described.message.trim()} The studio could not record a failure, so ${then} when the project next opens.`,
    });
  }

  /**
   * Drafts each decision with `draft`. A decision that throws fails its step (`step.failed` with
   * the sentence) rather than stopping the pump; a run that faults a second time, or whose
   * finish throws, is finished failed at once and starts nothing more this round. Other runs go on.
   */
  async draftAll(
    decisions: readonly Decision[],
    draft: (d: Decision) => Promise<EventDraft[]>,
    labelOf: (runId: RunId, stepId: StepId) => string | undefined,
  ): Promise<EventDraft[]> {
    const rounds: Array<{ runId: RunId; drafts: EventDraft[]; fault?: true }> = [];
    const finished = new Set<RunId>();
    for (const d of decisions) {
      if (finished.has(d.runId)) continue;
      try {
        rounds.push({ runId: d.runId, drafts: await draft(d) });
      } catch (error) {
        const reason = faultReason(this.caught(error, 'decision'));
        const stepId = d.type === 'finish' ? undefined : d.stepId;
        if (stepId !== undefined && !this.faulted.has(d.runId)) {
          this.faulted.add(d.runId);
          rounds.push({ runId: d.runId, drafts: [stepFailed(d.runId, stepId, reason)], fault: true });
          continue;
        }
        this.faulted.delete(d.runId);
        finished.add(d.runId);
        const label = stepId !== undefined ? labelOf(d.runId, stepId) : undefined;
        const drafts = stepId !== undefined ? [stepFailed(d.runId, stepId, reason)] : [];
        rounds.push({
          runId: d.runId,
          drafts: [...drafts, runFailed(d.runId, label !== undefined ? `Step “${label}” failed: ${reason}` : reason)],
          fault: true,
        });
      }
    }
    // A run finished by a fault keeps its failures but starts nothing else decided this round.
    return rounds.flatMap((r) => (finished.has(r.runId) && !r.fault ? [] : r.drafts));
  }

  /**
   * The gap loop itself threw while taking decisions: which run it was working on is unknown, so
   * every run still going is finished failed with the sentence (their finished steps keep their
   * artifacts). Returns [] when no run is going.
   */
  loopFailed(error: unknown, activeRuns: readonly RunId[]): EventDraft[] {
    const reason = faultReason(this.caught(error, 'loop'));
    return activeRuns.map((runId) => runFailed(runId, reason));
  }

  /** An intent agent's result was submitted to the promotion gate: it is promoted in the next round. */
  intentSubmitted(spawned: EventOfType<'intentAgent.spawned'>): void {
    this.intentsWaiting.push(spawned);
  }

  /**
   * One promotion round for every intent agent submitted since the last. If the gate throws, or
   * the log refuses its promotion, each of those agents resolves failed with the sentence (its
   * gap stays open for another agent); if even that cannot be appended, this rejects.
   */
  async promoteIntents(
    promote: () => EventDraft[],
    append: (drafts: EventDraft[]) => Promise<unknown>,
    now: () => number,
  ): Promise<void> {
    const taken = this.intentsWaiting.splice(0);
    try {
      const drafts = promote();
      if (drafts.length > 0) await append(drafts);
    } catch (error) {
      if (taken.length === 0) throw error;
      await append(intentAgentFailureDrafts(taken, faultReason(this.caught(error, 'intent-agent')), now()));
    }
  }
}
