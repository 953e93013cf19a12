import { TEMPLATE_HEADER } from '../modelFields';

export const QUALITY_TEMPLATE = `${TEMPLATE_HEADER}
// A quality gate checks its input against a CEL rule (\`value\` is the artifact): it passes the
// input on "pass" when the rule holds, otherwise on "fail" (or stops it, without a "fail" port).
{
  "kind": "gate",
  "name": "All checks pass",
  "inputs": [{ "name": "value", "type": "json" }],
  "outputs": [
    { "name": "pass", "type": "json" },
    { "name": "fail", "type": "json" }
  ],
  "check": { "type": "quality", "rule": "value.passed == true" }
}
`;

export const APPROVAL_TEMPLATE = `${TEMPLATE_HEADER}
// An approval gate asks a person, from the inbox, to approve or reject (with notes). Approved, the
// input goes on; rejected, it stops. timeoutMs is how long to wait; onTimeout says what then.
{
  "kind": "gate",
  "name": "Approve the plan",
  "inputs": [{ "name": "value", "type": "any" }],
  "outputs": [{ "name": "approved", "type": "any" }],
  "check": { "type": "approval", "question": "Does this plan look right?", "onTimeout": "reject" },
  "timeoutMs": 3600000
}
`;

export const BUDGET_TEMPLATE = `${TEMPLATE_HEADER}
// A budget gate passes its input only if the run's budget (Policies: budget.run) still has the
// reserve left: put it before the expensive part of a flow, so a run stops rather than overspends.
{
  "kind": "gate",
  "name": "Budget check",
  "inputs": [{ "name": "value", "type": "any" }],
  "outputs": [{ "name": "pass", "type": "any" }],
  "check": { "type": "budget", "reserve": { "tokens": 50000, "costUsd": 0.5 } }
}
`;
