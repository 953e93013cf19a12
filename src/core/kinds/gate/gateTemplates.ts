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
// input goes on; rejected, it stops. check.answerWithinMs is how long the person has (leave it out
// to wait for as long as it takes); check.onTimeout says what happens then: reject, approve or fail.
{
  "kind": "gate",
  "name": "Approve the plan",
  "inputs": [{ "name": "value", "type": "any" }],
  "outputs": [{ "name": "approved", "type": "any" }],
  "check": { "type": "approval", "question": "Does this plan look right?", "answerWithinMs": 3600000, "onTimeout": "reject" }
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
