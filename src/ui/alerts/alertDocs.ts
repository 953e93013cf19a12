import { ALERT_METRICS } from '../../core/alerts/alertCondition';

const metrics = Object.entries(ALERT_METRICS)
  .map(([name, m]) => `\`${name}\`: ${m.text}`)
  .join('; ');

/** Hover text for the alerts document's fields. */
export const ALERT_DOCS: Readonly<Record<string, string>> = {
  alerts:
    'The project’s alert rules, by name. The conductor evaluates them after every run event and on its clock; each alert fires and resolves as an event in the log.',
  when: `The condition: metric, comparison, threshold and (for rates and counts) a window, e.g. \`error_rate > 5% over 5m\`, \`daily_cost > 0.8 × budget\`, \`run_duration > 20m\`, \`agent_failures > 2 in 10m\`. Metrics: ${metrics}.`,
  action:
    '`notify` (the default): the Alerts list and a browser notification if you allowed them. `throttle`: while it fires, new runs of the flow wait in the Inbox until a person lets them go on. `review`: runs going when it fires pause before their next step until a person lets them go on.',
  flow: 'Only runs of this flow (by its name). Leave it out to watch every flow of the project.',
  budgetUsd: 'The budget, in US dollars, that “budget” in a daily_cost condition means (0.8 × budget = 80% of it).',
  description: 'A sentence for whoever sees the alert: what it means and what to do.',
};
