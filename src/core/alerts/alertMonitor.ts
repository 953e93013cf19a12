import type { EventDraft } from '../events/eventMap';
import type { StoredEvent } from '../events/storedEvent';
import type { FlowId, RunId } from '../ids';
import {
  ALERT_METRICS,
  conditionHolds,
  parseAlertCondition,
  type AlertMetric,
  type ParsedCondition,
} from './alertCondition';
import type { AlertRule, AlertsDocument } from './alertsDocument';
import { RecentSamples, SlidingWindow, type AlertSample } from './alertWindows';
import { describeValue } from './describeAlert';

const DAY_MS = 86_400_000;
type Stream = NonNullable<AlertSample['stream']>;
const STREAM_OF: Readonly<Record<AlertMetric, Stream | null>> = {
  error_rate: 'finished',
  failure_rate: 'finished',
  agent_failures: 'agentFailure',
  daily_cost: 'cost',
  run_duration: null,
};

/** What the monitor asks of the project, as it is when an event arrives. */
export interface AlertLookups {
  flowName(flowId: FlowId): string | undefined;
  /** Whether the step's model is a gate: a gate that does not take its first output blocked the run. */
  isGate(ref: { modelId: string; modelVersion: number }): boolean;
}

interface ActiveRule {
  name: string;
  rule: AlertRule;
  condition: ParsedCondition;
  threshold: number;
  span: SlidingWindow | undefined;
}

interface Firing {
  alertId: string;
  action: AlertRule['action'];
  flow: string | undefined;
  /** The condition it fired for: an edit of the rule resolves it. */
  condition: string;
}

interface Running {
  startedAt: number;
  flow: string | undefined;
  seq: number;
  /** Gate steps and their pass port. */
  gates: Map<string, string>;
  blocked: boolean;
}

/** A firing throttle alert that holds new runs of a flow. */
export interface Throttle {
  alertId: string;
  rule: string;
  reason: string;
}

/**
 * Alert rules, evaluated on the virtual clock (event time plus the offset `clock.advanced` set).
 * A fold of the log like the gap loop: an event touches only the windows of the rules that count
 * it, and `evaluate` turns the rules' values into `alert.fired` / `alert.resolved` (and `run.held`
 * for review) drafts. Whether an alert fires is itself read back from the log, so a replay or a
 * reopened project continues exactly where it was.
 */
export class AlertMonitor {
  private offset = 0;
  private rules: ActiveRule[] = [];
  private readonly recent = new RecentSamples(DAY_MS);
  private readonly running = new Map<RunId, Running>();
  private readonly firing = new Map<string, Firing>();
  private readonly held = new Map<RunId, string>();
  /** `alertId runId`: a person let that run go on while that alert fired; it is not held again. */
  private readonly released = new Set<string>();

  constructor(private readonly lookups: AlertLookups) {}

  /** Virtual time for a wall-clock reading. */
  virtualNow(clockNow: number): number {
    return clockNow + this.offset;
  }

  /** Wall-clock time for a virtual one: when the host should tick. */
  clockTime(virtual: number): number {
    return virtual - this.offset;
  }

  observe(event: StoredEvent): void {
    if (event.type === 'clock.advanced') this.offset = event.data.offsetMs;
    const at = event.ts + this.offset;
    switch (event.type) {
      case 'alerts.saved':
        return this.useDocument(event.data.document, at);
      case 'run.started': {
        const gates = new Map<string, string>();
        for (const step of event.data.plan.steps)
          if (this.lookups.isGate(step)) gates.set(step.stepId, step.outputs[0]?.name ?? '');
        this.running.set(event.data.runId, {
          startedAt: at,
          flow: this.lookups.flowName(event.data.flowId),
          seq: event.seq,
          gates,
          blocked: false,
        });
        return;
      }
      case 'step.routed': {
        const run = event.runId !== undefined ? this.running.get(event.runId) : undefined;
        const pass = run?.gates.get(event.data.stepId);
        if (run && pass !== undefined && event.data.taken !== pass) run.blocked = true;
        return;
      }
      case 'agent.resolved': {
        const run = event.runId !== undefined ? this.running.get(event.runId) : undefined;
        if (!run) return;
        const base = { at, flow: run.flow, runId: event.runId as RunId, seq: event.seq };
        if (event.data.outcome === 'failed') this.add('agentFailure', base);
        const usd = event.data.usage?.costUsd ?? 0;
        if (usd > 0) this.add('cost', { ...base, usd });
        return;
      }
      case 'run.finished': {
        const runId = event.runId as RunId;
        const run = this.running.get(runId);
        this.running.delete(runId);
        this.held.delete(runId);
        if (run && event.data.status !== 'interrupted')
          this.add('finished', {
            at,
            flow: run.flow,
            runId,
            seq: event.seq,
            failed: event.data.status === 'failed',
            blocked: run.blocked,
          });
        return;
      }
      case 'alert.fired':
        this.firing.set(event.data.rule, {
          alertId: event.data.alertId,
          action: event.data.action,
          flow: event.data.flow,
          condition: event.data.condition,
        });
        return;
      case 'alert.resolved':
        this.firing.delete(event.data.rule);
        return;
      case 'run.held':
        this.held.set(event.runId as RunId, event.data.alertId);
        return;
      case 'run.released':
        this.held.delete(event.runId as RunId);
        this.released.add(`${event.data.alertId} ${event.runId ?? ''}`);
        return;
      default:
        return;
    }
  }

  /** Rules that fire now, and those that stop; each a draft to append. `newId` names new alerts. */
  evaluate(now: number, newId: (prefix: string) => string): EventDraft[] {
    this.recent.prune(now);
    const drafts: EventDraft[] = [];
    const names = new Set(this.rules.map((r) => r.name));
    for (const [name, firing] of this.firing) {
      const rule = this.rules.find((r) => r.name === name);
      // An edited or removed rule's alert ends: the new rule decides afresh.
      if (
        !names.has(name) ||
        rule?.rule.when !== firing.condition ||
        rule.rule.action !== firing.action ||
        rule.rule.flow !== firing.flow
      ) {
        drafts.push({
          type: 'alert.resolved',
          data: { alertId: firing.alertId, rule: name, value: 0, at: now, reason: 'rule-changed' },
        });
      }
    }
    for (const active of this.rules) {
      const { value, cause } = this.valueOf(active, now);
      const firing = this.firing.get(active.name);
      const stale =
        firing !== undefined && drafts.some((d) => d.type === 'alert.resolved' && d.data.alertId === firing.alertId);
      const holds = conditionHolds(active.condition.comparison, value, active.threshold);
      const causeFields = cause ? { causeRunId: cause.runId, causeSeq: cause.seq } : {};
      if (holds && (!firing || stale)) {
        const alertId = newId('alert');
        const unit = ALERT_METRICS[active.condition.metric].unit;
        drafts.push({
          type: 'alert.fired',
          data: {
            alertId,
            rule: active.name,
            condition: active.rule.when,
            action: active.rule.action,
            ...(active.rule.flow !== undefined ? { flow: active.rule.flow } : {}),
            value,
            threshold: active.threshold,
            unit,
            at: now,
            ...causeFields,
          },
        });
        if (active.rule.action === 'review') drafts.push(...this.holdForReview(active, alertId, value, now, true));
      } else if (!holds && firing && !stale) {
        drafts.push({
          type: 'alert.resolved',
          data: { alertId: firing.alertId, rule: active.name, value, at: now, reason: 'cleared', ...causeFields },
        });
      } else if (holds && firing && active.rule.action === 'review' && active.condition.metric === 'run_duration') {
        // A run that grows past the limit while the alert fires pauses too.
        drafts.push(...this.holdForReview(active, firing.alertId, value, now, false));
      }
    }
    return drafts;
  }

  /** The firing throttle alert that holds new runs of `flowName`, if any. */
  throttleFor(flowName: string | undefined): Throttle | undefined {
    for (const [name, firing] of this.firing) {
      if (firing.action !== 'throttle' || (firing.flow !== undefined && firing.flow !== flowName)) continue;
      const rule = this.rules.find((r) => r.name === name);
      return {
        alertId: firing.alertId,
        rule: name,
        reason: `Held because the alert “${name}” fires (${rule?.rule.when ?? firing.condition}): new runs${firing.flow ? ` of “${firing.flow}”` : ''} wait for a person. Let it go on, or wait until the alert resolves and start again.`,
      };
    }
    return undefined;
  }

  /** The alert holding a run, if one is. */
  heldBy(runId: RunId): string | undefined {
    return this.held.get(runId);
  }

  /** When a value next changes by the clock alone (a sample leaves a window, a run grows too long), in virtual ms. */
  nextWakeAt(now: number): number | undefined {
    let next: number | undefined;
    const consider = (at: number | undefined) => {
      if (at !== undefined && at > now && (next === undefined || at < next)) next = at;
    };
    for (const active of this.rules) {
      consider(active.span?.nextExpiry());
      if (active.condition.metric === 'run_duration')
        for (const run of this.runsIn(active)) consider(run.startedAt + active.threshold + 1);
    }
    return next;
  }

  private *runsIn(active: ActiveRule): Iterable<Running & { runId: RunId }> {
    for (const [runId, run] of this.running)
      if (active.rule.flow === undefined || active.rule.flow === run.flow) yield { ...run, runId };
  }

  private holdForReview(
    active: ActiveRule,
    alertId: string,
    value: number,
    now: number,
    firstTime: boolean,
  ): EventDraft[] {
    const drafts: EventDraft[] = [];
    const metric = active.condition.metric;
    for (const run of this.runsIn(active)) {
      if (this.held.has(run.runId) || this.released.has(`${alertId} ${run.runId}`)) continue;
      // run_duration pauses the runs that are too long; other metrics, every run going when it fires.
      const own = metric === 'run_duration' ? now - run.startedAt : value;
      if (metric === 'run_duration' && !conditionHolds(active.condition.comparison, own, active.threshold)) continue;
      if (metric !== 'run_duration' && !firstTime) continue;
      this.held.set(run.runId, alertId);
      drafts.push({
        type: 'run.held',
        runId: run.runId,
        data: {
          alertId,
          rule: active.name,
          action: 'review',
          reason: `Paused for review: the alert “${active.name}” fired (${metric} is ${describeValue(own, ALERT_METRICS[metric].unit)}, ${active.rule.when}). Let it go on when you have looked.`,
        },
      });
    }
    return drafts;
  }

  private valueOf(active: ActiveRule, now: number): { value: number; cause?: { runId: RunId; seq: number } } {
    const { metric } = active.condition;
    if (metric === 'run_duration') {
      let longest: (Running & { runId: RunId }) | undefined;
      for (const run of this.runsIn(active)) if (!longest || run.startedAt < longest.startedAt) longest = run;
      return longest
        ? { value: Math.max(0, now - longest.startedAt), cause: { runId: longest.runId, seq: longest.seq } }
        : { value: 0 };
    }
    const span = active.span as SlidingWindow;
    span.advance(now);
    const newest = span.newest;
    const cause = newest ? { runId: newest.runId, seq: newest.seq } : undefined;
    const value =
      metric === 'error_rate'
        ? span.count > 0
          ? (100 * span.errors) / span.count
          : 0
        : metric === 'failure_rate'
          ? span.count > 0
            ? (100 * span.failed) / span.count
            : 0
          : metric === 'daily_cost'
            ? // Only the float noise of adding many small costs goes (1e-12 of a dollar): a compared
              // value is never rounded, or `daily_cost > $0.001` would never fire at $0.0022.
              Math.round(span.usd * 1e12) / 1e12
            : span.count;
    return cause ? { value, cause } : { value };
  }

  private add(stream: Stream, sample: AlertSample): void {
    this.recent.add({ ...sample, stream });
    for (const active of this.rules) {
      if (STREAM_OF[active.condition.metric] !== stream || !active.span) continue;
      if (active.rule.flow !== undefined && active.rule.flow !== sample.flow) continue;
      active.span.add(sample);
    }
  }

  /** New rules start from the samples of the last day, so a rule saved after the failures still sees them. */
  private useDocument(document: AlertsDocument, now: number): void {
    const rules: ActiveRule[] = [];
    for (const [name, rule] of Object.entries(document.alerts)) {
      const parsed = parseAlertCondition(rule.when);
      if (!parsed.ok) continue;
      const condition = parsed.condition;
      const threshold =
        condition.budgetFactor !== undefined ? condition.budgetFactor * (rule.budgetUsd ?? 0) : condition.threshold;
      const stream = STREAM_OF[condition.metric];
      const span = stream && condition.windowMs !== undefined ? new SlidingWindow(condition.windowMs) : undefined;
      if (span) {
        for (const sample of this.recent.since(now - (condition.windowMs ?? 0))) {
          if (sample.stream !== stream) continue;
          if (rule.flow !== undefined && rule.flow !== sample.flow) continue;
          span.add(sample);
        }
      }
      rules.push({ name, rule, condition, threshold, span });
    }
    this.rules = rules;
  }
}
