/**
 * The alerts document a project starts with: seed 003's alerting rules, commented out, so saving
 * it as it is changes nothing and each line shows what a rule can say.
 */
export const ALERTS_TEMPLATE = `// Alert rules, written as code (JSON with comments). The conductor evaluates them on its clock
// after every run event; an alert fires and resolves as an event, shown in the Alerts list and on
// the timeline. Ctrl+Space completes; hover explains.
//   when:   metric comparison threshold [over|in window]
//   action: "notify" (default) · "throttle" (new runs wait for a person) · "review" (runs pause)
//   flow:   only runs of this flow, by name
{
  "alerts": {
    // "highErrorRate": { "when": "error_rate > 5% over 5m", "action": "notify" },
    // "budgetExceeded": { "when": "daily_cost > 0.8 × budget", "budgetUsd": 500, "action": "throttle" },
    // "longRunningPipeline": { "when": "run_duration > 20m", "action": "review" },
    // "agentFailure": { "when": "agent_failures > 2 in 10m" }
  }
}
`;
