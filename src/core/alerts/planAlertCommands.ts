import { StudioError } from '../errors/studioError';
import { describeJsoncIssues, issueAt, parseJsoncWith } from '../errors/jsoncDocument';
import type { EventDraft } from '../events/eventMap';
import type { RunId } from '../ids';
import type { ProjectDefinitions } from '../project/projectState';
import type { AlertMonitor } from './alertMonitor';
import { alertsDocumentSchema } from './alertsDocument';

/**
 * The project's alert rules, refused with path and line when broken: a condition that does not
 * parse, a field that does not exist, a flow no one has. A refusal changes nothing.
 */
export function planSaveAlerts(defs: ProjectDefinitions, source: string): EventDraft[] {
  const parsed = parseJsoncWith(source, alertsDocumentSchema);
  if (!parsed.ok)
    throw new StudioError(
      'invalid-command',
      `The alert rules were not saved. ${describeJsoncIssues(parsed.issues)}`,
      'Fix the marked lines and save again; the rules in force did not change.',
    );
  const flowNames = new Set([...defs.flows.values()].map((f) => f.name));
  const unknown = Object.entries(parsed.value.alerts).filter(
    ([, rule]) => rule.flow !== undefined && !flowNames.has(rule.flow),
  );
  if (unknown.length > 0) {
    const issues = unknown.map(([name, rule]) =>
      issueAt(
        source,
        parsed.root,
        ['alerts', name, 'flow'],
        `no flow is called “${rule.flow ?? ''}”, so this rule would watch nothing`,
      ),
    );
    throw new StudioError(
      'invalid-command',
      `The alert rules were not saved. ${describeJsoncIssues(issues)}`,
      `Flows: ${[...flowNames].join(', ')}.`,
    );
  }
  return [{ type: 'alerts.saved', data: { source, document: parsed.value } }];
}

/** A person lets a run that an alert holds go on. */
export function planReleaseRun(alerts: AlertMonitor, runId: RunId, notes: string | undefined): EventDraft[] {
  const alertId = alerts.heldBy(runId);
  if (alertId === undefined)
    throw new StudioError(
      'not-found',
      'That run is not waiting for you: it was let go on already, or it is over.',
      'Nothing was changed.',
    );
  return [
    {
      type: 'run.released',
      runId,
      data: { alertId, by: 'person', ...(notes !== undefined && notes.trim() !== '' ? { notes: notes.trim() } : {}) },
    },
  ];
}

/** Holds a new run when a throttle alert for its flow fires: the run waits in the Inbox before its first step. */
export function throttleNewRun(alerts: AlertMonitor, drafts: EventDraft[], flowName: string | undefined): EventDraft[] {
  const started = drafts.find((d) => d.type === 'run.started');
  const throttle = alerts.throttleFor(flowName);
  if (!started || !throttle || started.runId === undefined) return drafts;
  return [
    ...drafts,
    {
      type: 'run.held',
      runId: started.runId,
      data: { alertId: throttle.alertId, rule: throttle.rule, action: 'throttle', reason: throttle.reason },
    },
  ];
}
