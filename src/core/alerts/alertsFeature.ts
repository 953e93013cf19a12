import { z } from 'zod';
import { runIdSchema } from '../events/primitives';
import { command, defineFeature, pageFoldEach, type ConductorFold } from '../feature/feature';
import { ALERT_RUN_EVENT_TYPES, alertEventSchemas } from './alertEvents';
import { AlertMonitor } from './alertMonitor';
import { emptyAlertsView, foldAlertsView } from './alertsView';
import { planReleaseRun, planSaveAlerts, throttleNewRun } from './planAlertCommands';

/** The conductor's AlertMonitor: evaluated by the pump on the virtual clock after each round. */
export const alertMonitorFold: ConductorFold<AlertMonitor> = {
  initial: (host) =>
    new AlertMonitor({
      flowName: (flowId) => host.definitions().flows.get(flowId)?.name,
      isGate: (ref) => host.modelAt(ref)?.kind === 'gate',
    }),
  fold: (monitor, event) => {
    monitor.observe(event);
    return monitor;
  },
};

/**
 * Alerts: rules over the project's metrics (JSON with comments), alerts firing and resolving on the
 * virtual clock, and runs an alert holds until a person lets them go on. The conductor keeps an
 * AlertMonitor (the pump evaluates it after each round); the page shows what fired and what waits.
 */
export const alertsFeature = defineFeature({
  name: 'alerts',
  events: alertEventSchemas,
  runEventTypes: ALERT_RUN_EVENT_TYPES,
  commands: [
    /** The project's alert rules as text (JSON with comments); refused with path and line if broken. */
    command(z.strictObject({ type: z.literal('saveAlerts'), source: z.string().max(200_000) }), {
      wakesLoop: true,
      plan: (cmd, { defs }) => ({ drafts: planSaveAlerts(defs, cmd.source) }),
    }),
    /** A person lets a run an alert holds (throttle, review) go on. */
    command(
      z.strictObject({ type: z.literal('releaseRun'), runId: runIdSchema, notes: z.string().max(2_000).optional() }),
      {
        wakesLoop: true,
        plan: (cmd, context) => ({ drafts: planReleaseRun(context.stateOf(alertMonitorFold), cmd.runId, cmd.notes) }),
      },
    ),
  ],
  conductorFold: alertMonitorFold,
  pageFold: pageFoldEach('alerts', emptyAlertsView, foldAlertsView),
  /** A throttle alert for the flow holds the new run in the Inbox before its first step. */
  amendRun: (drafts, flowId, context) =>
    throttleNewRun(context.stateOf(alertMonitorFold), drafts, context.defs.flows.get(flowId)?.name),
});
