import type { EventOfType, StoredEvent } from '../events/storedEvent';
import { quote } from './explanation';
import { sayList, stepEvents, type RunContext } from './runIndex';

/** What a result-shaped value says about a failure ({ passed: false, notes }), if it reports one. */
export function reportedFailure(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (v.passed !== false && v.pass !== false && v.ok !== false && v.success !== false) return undefined;
  const note = [v.notes, v.reason, v.message, v.error].find((x): x is string => typeof x === 'string' && x.length > 0);
  return note ?? 'it gave no reason';
}

/** Only small JSON results are worth loading to read a verdict from. */
const WORTH_READING = 64 * 1024;

/**
 * Why a router decided as it did, read from the results upstream of it: each upstream step whose
 * result reports a failure is named (say, the checks that failed before an all-pass gate).
 */
export function upstreamFailures(ctx: RunContext, routerId: string, beforeSeq: number): void {
  const edges = ctx.names.run(ctx.runId)?.plan.edges ?? [];
  const seen = new Set<string>([routerId]);
  let frontier = [routerId];
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const target of frontier) {
      for (const edge of edges) {
        if (edge.target.stepId !== target || seen.has(edge.source.stepId)) continue;
        seen.add(edge.source.stepId);
        next.push(edge.source.stepId);
      }
    }
    for (const stepId of next) reportsOf(ctx, stepId, beforeSeq);
    frontier = next;
  }
}

function reportsOf(ctx: RunContext, stepId: string, beforeSeq: number): void {
  for (const e of stepEvents(ctx, stepId)) {
    if (e.type !== 'artifact.produced' || e.seq > beforeSeq || e.data.item !== undefined) continue;
    const { hash, kind, size } = e.data.artifact;
    if (kind !== 'json' || size > WORTH_READING) continue;
    if (!ctx.values) {
      ctx.chain.wants.add(hash);
      continue;
    }
    const value = ctx.values(hash);
    if (value === undefined) ctx.chain.wants.add(hash);
    const failure = reportedFailure(value);
    if (failure !== undefined)
      ctx.chain.add(e.seq, `${ctx.names.step(ctx.runId, stepId)} reported a failure: ${failure}`);
  }
}

/** A router's decision, as a sentence: what it decided and which outputs will never come. */
export function routedSentence(ctx: RunContext, e: EventOfType<'step.routed'>): string {
  const plan = ctx.names.planStep(ctx.runId, e.data.stepId);
  const kind = plan ? ctx.names.modelKind(plan.modelId) : undefined;
  const who = `${kind === 'gate' ? 'The gate' : kind === 'branch' ? 'The branch' : 'The step'} ${ctx.names.step(ctx.runId, e.data.stepId)}`;
  const detail = e.data.detail.replace(/\.?$/, '.');
  const never = e.data.skipped.length > 0 ? sayList(e.data.skipped.map(quote)) : '';
  // A branch's detail already says where the input went; a gate's says only whether it passed.
  if (e.data.taken && detail.includes(quote(e.data.taken)))
    return `${who} decided: ${detail}${never ? ` ${never} will not come.` : ''}`;
  const where = e.data.taken ? `sent its input to ${quote(e.data.taken)}` : 'sent its input nowhere';
  return `${who} decided: ${detail} It ${where}${never ? `, so ${never} will not come` : ''}.`;
}

/**
 * Why a step never ran: walks its inputs upstream to where they stopped coming (a router that
 * sent nothing their way, a step that failed or was skipped) and explains each, oldest first.
 */
export function whyInputsStopped(ctx: RunContext, stepId: string, seen = new Set<string>()): void {
  if (seen.has(stepId) || seen.size > 32) return;
  seen.add(stepId);
  const edges = ctx.names.run(ctx.runId)?.plan.edges ?? [];
  for (const edge of edges) {
    if (edge.target.stepId !== stepId) continue;
    const source = edge.source.stepId;
    const events = stepEvents(ctx, source);
    const routed = events.find(
      (e): e is EventOfType<'step.routed'> => e.type === 'step.routed' && e.data.skipped.includes(edge.source.port),
    );
    if (routed) {
      upstreamFailures(ctx, source, routed.seq);
      ctx.chain.add(routed.seq, routedSentence(ctx, routed));
      continue;
    }
    const skipped = events.find((e) => e.type === 'step.skipped');
    if (skipped) {
      whyInputsStopped(ctx, source, seen);
      ctx.chain.add(skipped.seq, `${ctx.names.step(ctx.runId, source)} was skipped: ${skipped.data.reason}`);
      continue;
    }
    const failed = lastFailure(events, ctx.names.step(ctx.runId, source));
    if (failed) ctx.chain.add(failed.seq, failed.text);
  }
}

function lastFailure(events: readonly StoredEvent[], name: string): { seq: number; text: string } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as StoredEvent;
    if (e.type === 'step.failed') return { seq: e.seq, text: `The conductor failed ${name}: ${e.data.reason}` };
    if (e.type === 'agent.resolved' && e.data.outcome === 'failed')
      return { seq: e.seq, text: `${name} failed: ${e.data.reason ?? 'no reason was recorded'}` };
  }
  return undefined;
}

/**
 * Why a step the conductor decided by itself (a router, a budget check) came due: no gap opens
 * for it, so the inputs that reached it before the decision are its causes.
 */
export function dueFromInputs(ctx: RunContext, stepId: string, beforeSeq: number): void {
  const edges = (ctx.names.run(ctx.runId)?.plan.edges ?? []).filter((edge) => edge.target.stepId === stepId);
  const arrived: Array<EventOfType<'artifact.produced'>> = [];
  for (const edge of edges) {
    const e = stepEvents(ctx, edge.source.stepId).findLast(
      (x): x is EventOfType<'artifact.produced'> =>
        x.type === 'artifact.produced' &&
        x.seq < beforeSeq &&
        x.data.port === edge.source.port &&
        x.data.item === undefined,
    );
    if (e) arrived.push(e);
  }
  const last = arrived.reduce((a, b) => (b.seq > a ? b.seq : a), -1);
  if (last < 0) return;
  const met = edges.length > 1 ? `its join (all ${edges.length} inputs) was met` : 'its input arrived';
  const causes = arrived
    .sort((a, b) => a.seq - b.seq)
    .map((e) => `${ctx.names.step(ctx.runId, e.data.stepId)} produced ${quote(e.data.port)}`);
  ctx.chain.add(last, `${ctx.names.step(ctx.runId, stepId)} became due: ${met}, once ${sayList(causes)}.`);
}
