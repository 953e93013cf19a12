import type { EventData } from '../events/eventMap';
import type { EventOfType, StoredEvent } from '../events/storedEvent';
import { quote, sayMs } from './explanation';
import { sayList, stepEvents, stepIdOf, type RunContext } from './runIndex';
import { dueFromInputs, routedSentence, upstreamFailures, whyInputsStopped } from './stepCauses';

type Spawned = EventData<'agent.spawned'>;

/**
 * The life of one step of a run as sentences: why it became due (or why it never did), which
 * model and attempt ran, what failed and in which error class, what retry, fallback, policy,
 * budget or gate decided, and what came of it downstream.
 */
export function explainStepLife(ctx: RunContext, stepId: string): void {
  const { names, runId, chain } = ctx;
  const me = names.step(runId, stepId);
  const events = stepEvents(ctx, stepId);
  givenAtStart(ctx, stepId);
  const opened = events.some((e) => e.type === 'gap.opened');
  if (!opened && events.some((e) => e.type === 'step.skipped')) whyInputsStopped(ctx, stepId);
  const decided = events.find(
    (e) => e.type === 'step.routed' || e.type === 'step.failed' || e.type === 'policy.violated',
  );
  if (!opened && decided) dueFromInputs(ctx, stepId, decided.seq);
  const agents = new Map<string, Spawned>();
  let dueCount = 0;
  for (const e of events) {
    switch (e.type) {
      case 'gap.opened':
        chain.add(e.seq, dueSentence(ctx, stepId, e, dueCount++ > 0));
        break;
      case 'bus.heard':
        heardSentences(ctx, stepId, e);
        break;
      case 'model.chosen':
        chain.add(
          e.seq,
          `For this run, learning ordered the models of ${me} ${e.data.order.map((id) => names.model(id)).join(' → ')}; it ${e.data.reason}.`,
        );
        break;
      case 'agent.spawned':
        agents.set(e.data.agentId, e.data);
        if (e.data.item === undefined) chain.add(e.seq, spawnedSentence(ctx, stepId, e.data));
        break;
      case 'agent.resolved':
        resolvedSentence(ctx, e, agents.get(e.data.agentId));
        break;
      case 'step.retrying':
        chain.add(e.seq, retryingSentence(ctx, stepId, e));
        break;
      case 'policy.violated':
        chain.add(
          e.seq,
          e.data.rule === 'budget'
            ? `The run's budget${runBudget(ctx)} ruled: ${e.data.detail}`
            : `The policy rule ${quote(e.data.rule)} was broken: ${e.data.detail}`,
        );
        break;
      case 'step.failed':
        chain.add(
          e.seq,
          e.data.errorClass === 'budget'
            ? `So the budget stopped ${me} (error class budget): ${e.data.reason.includes('rather than overspend') ? 'the run stopped rather than overspend.' : e.data.reason}`
            : `The conductor failed ${me}${e.data.errorClass ? ` (error class ${e.data.errorClass})` : ''}: ${e.data.reason}`,
        );
        break;
      case 'person.asked':
        chain.add(
          e.seq,
          `${me} asked a person${e.data.kind === 'approval' ? '' : ` (${e.data.kind})`}: ${e.data.question}`,
        );
        break;
      case 'person.answered':
        chain.add(e.seq, answeredSentence(e.data));
        break;
      case 'step.routed':
        upstreamFailures(ctx, stepId, e.seq);
        chain.add(e.seq, routedSentence(ctx, e));
        break;
      case 'step.skipped':
        chain.add(e.seq, `${me} was skipped: ${e.data.reason}`);
        break;
      case 'map.expanded':
        chain.add(e.seq, `${me} fanned out over ${e.data.items.length} items, one agent each.`);
        break;
      case 'confidence.assessed':
        chain.add(e.seq, `The draft's confidence was ${e.data.value} (${e.data.level}).`);
        break;
      case 'artifact.produced':
        producedSentence(ctx, e);
        break;
      case 'gap.closed':
        if (e.data.resolution === 'abandoned')
          chain.add(e.seq, `Its agent died with the page that ran it, so ${me} was due again.`);
        break;
      default:
        break;
    }
  }
  whatCameNext(ctx, stepId, events);
}

function givenAtStart(ctx: RunContext, stepId: string): void {
  const run = ctx.names.run(ctx.runId);
  const started = run ? ctx.bySeq(run.startedSeq) : undefined;
  if (started?.type !== 'run.started') return;
  const given = started.data.given?.filter((g) => g.stepId === stepId).map((g) => quote(g.port)) ?? [];
  const reused = started.data.reused?.filter((g) => g.stepId === stepId).map((g) => quote(g.port)) ?? [];
  if (given.length > 0)
    ctx.chain.add(
      started.seq,
      `A person gave ${ctx.names.step(ctx.runId, stepId)}'s ${sayList(given)} at the start, so it counted as done.`,
    );
  if (reused.length > 0 && started.data.parent)
    ctx.chain.add(
      started.seq,
      `This fork reused ${ctx.names.step(ctx.runId, stepId)}'s ${sayList(reused)} from ${ctx.names.runName(started.data.parent.runId)}.`,
    );
}

/** What made the step due: the events named by the gap, and the join they met. */
function dueSentence(ctx: RunContext, stepId: string, e: EventOfType<'gap.opened'>, again: boolean): string {
  const plan = ctx.names.planStep(ctx.runId, stepId);
  const wired = new Set(
    (ctx.names.run(ctx.runId)?.plan.edges ?? [])
      .filter((edge) => edge.target.stepId === stepId)
      .map((edge) => edge.target.port),
  ).size;
  const join = plan?.settings?.join;
  const met =
    join?.policy === 'any'
      ? 'its join (any one input) was met'
      : join?.policy === 'quorum'
        ? `its join (a quorum of ${join.n}) was met`
        : wired > 1
          ? `its join (all ${wired} inputs) was met`
          : wired === 1
            ? 'its input arrived'
            : 'it needs nothing from other steps';
  const causes = e.data.causeSeqs
    .map((seq) => ctx.bySeq(seq))
    .filter((c): c is StoredEvent => c !== undefined)
    .map((c) => causeText(ctx, c));
  const once = causes.length > 0 ? `, once ${sayList(causes)}` : '';
  return `${ctx.names.step(ctx.runId, stepId)} ${again ? 'was due again' : 'became due'}: ${met}${once}.`;
}

function causeText(ctx: RunContext, c: StoredEvent): string {
  switch (c.type) {
    case 'artifact.produced':
      return c.data.by === 'person'
        ? `a person gave ${ctx.names.step(ctx.runId, c.data.stepId)}'s ${quote(c.data.port)}`
        : `${ctx.names.step(ctx.runId, c.data.stepId)} produced ${quote(c.data.port)}`;
    case 'run.started':
      return c.data.given?.length ? 'the run started with the outputs a person gave' : 'the run started with its input';
    case 'step.retrying':
      return `its retry came due after ${sayMs(c.data.delayMs)}`;
    case 'person.answered':
      return 'a person answered';
    case 'run.resumed':
    case 'run.continued':
      return 'the run went on';
    default: {
      const step = stepIdOf(c);
      return step ? `${ctx.names.step(ctx.runId, step)} changed (${c.type})` : c.type;
    }
  }
}

function spawnedSentence(ctx: RunContext, stepId: string, s: Spawned): string {
  const plan = ctx.names.planStep(ctx.runId, stepId);
  if (s.mode === 'reverse') {
    const from =
      plan?.settings?.rebuild?.from.map((f) => `${ctx.names.step(ctx.runId, f.stepId)}'s ${quote(f.port)}`) ?? [];
    return `Its outputs were missing but later ones existed, so the conductor rebuilt ${ctx.names.step(ctx.runId, stepId)} in reverse with the inverse model ${ctx.names.model(s.modelId)}${from.length ? `, from ${sayList(from)}` : ''}.`;
  }
  const fallback = plan && s.modelId !== plan.modelId ? ' (a fallback)' : '';
  return `Attempt ${s.attempt ?? 1} ran the model ${ctx.names.model(s.modelId)}${fallback}.`;
}

function resolvedSentence(ctx: RunContext, e: EventOfType<'agent.resolved'>, spawned: Spawned | undefined): void {
  const model = spawned ? ctx.names.model(spawned.modelId) : 'its model';
  const item = e.data.item !== undefined ? ` on item ${e.data.item + 1}` : '';
  if (e.data.outcome === 'failed') {
    const cls = e.data.errorClass ? ` with a ${e.data.errorClass} error` : '';
    ctx.chain.add(
      e.seq,
      `Attempt ${spawned?.attempt ?? 1} of ${model}${item} failed after ${sayMs(e.data.durationMs)}${cls}: ${e.data.reason ?? 'no reason was recorded'}`,
    );
    return;
  }
  if (e.data.item !== undefined) return;
  const spent = e.data.usage
    ? `, using ${e.data.usage.promptTokens + e.data.usage.completionTokens} tokens ($${e.data.usage.costUsd.toFixed(4)})`
    : '';
  ctx.chain.add(e.seq, `${model} succeeded in ${sayMs(e.data.durationMs)}${spent}.`);
}

function retryingSentence(ctx: RunContext, stepId: string, e: EventOfType<'step.retrying'>): string {
  const retry = ctx.names.planStep(ctx.runId, stepId)?.settings?.retry;
  const model = ctx.names.model(e.data.modelId);
  if (!e.data.fallback) {
    const how = retry ? `${retry.backoff} backoff, up to ${retry.maxAttempts} attempts per model` : 'its retry policy';
    return `The retry policy (${how}) retries ${e.data.errorClass} errors: attempt ${e.data.attempt} of ${model} in ${sayMs(e.data.delayMs)}.`;
  }
  const why =
    retry && retry.on.includes(e.data.errorClass)
      ? `${retry.maxAttempts} attempts did not succeed`
      : `${e.data.errorClass} errors are not retried`;
  return `${why[0]?.toUpperCase() ?? ''}${why.slice(1)}, so the conductor fell back to ${model} (attempt ${e.data.attempt}${e.data.delayMs > 0 ? `, in ${sayMs(e.data.delayMs)}` : ''}).`;
}

/** A listen step became due: the messages it heard, each cited at its own event, then the step. */
function heardSentences(ctx: RunContext, stepId: string, e: EventOfType<'bus.heard'>): void {
  const me = ctx.names.step(ctx.runId, stepId);
  for (const heard of e.data.messages) {
    const posted = ctx.bySeq(heard.seq);
    if (posted?.type !== 'bus.posted') continue;
    const body = posted.data.body;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const shown = text.length > 120 ? `${text.slice(0, 119)}…` : text;
    ctx.chain.add(
      heard.seq,
      `${quote(posted.data.from.name)} posted ${quote(shown)} on the bus topic ${quote(posted.data.topic)}.`,
    );
  }
  const count = e.data.messages.length;
  ctx.chain.add(
    e.seq,
    `${me} became due when it heard ${count === 1 ? 'that message' : `those ${count} messages`}: ${count === 1 ? 'it passed' : 'they passed'} its filter on ${quote(e.data.topic)}.`,
  );
}

function answeredSentence(a: EventData<'person.answered'>): string {
  const did = a.decision === 'approve' ? 'approved it' : a.decision === 'reject' ? 'rejected it' : 'gave the outputs';
  const notes = a.notes ? ` with the notes ${quote(a.notes)}` : '';
  if (a.by === 'timeout') return `No one answered in time, so its timeout policy ${did}.`;
  return `A person ${did}${notes}.`;
}

function producedSentence(ctx: RunContext, e: EventOfType<'artifact.produced'>): void {
  if (e.data.item !== undefined || e.data.by === 'route') return;
  const port = quote(e.data.port);
  const by =
    e.data.by === 'gather'
      ? `gathered its items into ${port}`
      : e.data.by === 'person'
        ? `got ${port} from a person`
        : e.data.by === 'subflow'
          ? `got ${port} from its sub-flow's run`
          : `produced ${port}`;
  ctx.chain.add(e.seq, `${ctx.names.step(ctx.runId, e.data.stepId)} ${by}.`);
}

/** Downstream: the steps it made due or caused to be skipped, and how the run ended. */
function whatCameNext(ctx: RunContext, stepId: string, mine: readonly StoredEvent[]): void {
  const produced = new Set(mine.filter((e) => e.type === 'artifact.produced').map((e) => e.seq));
  const downstream = new Set<string>(
    (ctx.names.run(ctx.runId)?.plan.edges ?? [])
      .filter((edge) => edge.source.stepId === stepId)
      .map((edge) => edge.target.stepId),
  );
  const stopped = mine.some((e) => e.type === 'step.skipped' || e.type === 'step.failed' || e.type === 'step.routed');
  for (const e of ctx.events) {
    const target = stepIdOf(e);
    if (target === undefined || !downstream.has(target)) continue;
    if (e.type === 'gap.opened' && e.data.causeSeqs.some((s) => produced.has(s)))
      ctx.chain.add(e.seq, `That made ${ctx.names.step(ctx.runId, target)} due.`);
    if (e.type === 'step.skipped' && stopped)
      ctx.chain.add(e.seq, `So ${ctx.names.step(ctx.runId, target)} was skipped.`);
  }
  const finished = ctx.events.find((e): e is EventOfType<'run.finished'> => e.type === 'run.finished');
  if (finished)
    ctx.chain.add(
      finished.seq,
      `${ctx.names.runName(ctx.runId)} ${finished.data.status === 'interrupted' ? 'was interrupted' : finished.data.status}${finished.data.reason ? `: ${finished.data.reason}` : '.'}`,
    );
}

/** " (150 tokens, $0.50)": the run's budget as its run.started froze it. */
function runBudget(ctx: RunContext): string {
  const run = ctx.names.run(ctx.runId);
  const started = run ? ctx.bySeq(run.startedSeq) : undefined;
  const budget = started?.type === 'run.started' ? started.data.budget : undefined;
  if (!budget) return '';
  const parts = [
    budget.tokens !== undefined ? `${budget.tokens} tokens` : '',
    budget.costUsd !== undefined ? `$${budget.costUsd.toFixed(2)}` : '',
    budget.wallMs !== undefined ? sayMs(budget.wallMs) : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
