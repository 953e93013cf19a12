/** Hover text for policy fields (project, flow and step level). */
export const POLICY_DOCS: Readonly<Record<string, string>> = {
  project: 'The policy every flow of the project starts from.',
  flows: 'Per flow, by the flow’s name: overrides the project’s policy for that flow’s steps.',
  allowedOutputKinds:
    'Kinds of artifact a step may produce (text, json, table); anything else is a violation and fails the step.',
  maxTokens: 'The most tokens one model call may produce.',
  timeoutMs: 'The longest one agent may work, in ms.',
  confidence:
    'Thresholds on an output’s `confidence` (0–1, a field of a JSON output): at or above `high` it is promoted autonomously; at or above `medium`, with a caution mark; below it, a person is asked.',
  high: 'At or above this confidence, promoted autonomously.',
  medium: 'At or above this (and below high), promoted with a caution mark; below it, a person is asked.',
  budget:
    'Spend limits per run, per step and per agent, enforced: a step that would overspend stops the run or asks first (onExceed).',
  run: 'Limits for one whole run.',
  step: 'Limits for one step (all its attempts).',
  agent: 'Limits for one agent (one attempt).',
  tokens: 'Tokens (prompt and completion together).',
  costUsd: 'US dollars, from the models’ pricing.',
  wallMs: 'Wall-clock time in ms.',
  onExceed: '"stop": the run stops at the step that would overspend. "ask": a person is asked whether to go on.',
  learning:
    'How a step’s candidate models (its own and its fallbacks) are ordered. Off by default: the chain is tried as written.',
  fallbackOrder:
    '"fixed" (the default): the fallback chain is tried as written. "thompson": at the start of each run the conductor orders it by Thompson sampling over the step’s recorded outcomes (this project’s runs, imported ones included), and the inspector says which model it chose and why.',
  weights:
    'How much each thing counts when learning orders the chain: success (the sampled success rate), and cost and latency as penalties, each scaled by the largest among the candidates. Default: success 1, cost 0.2, latency 0.',
  success: 'Weight of the sampled success rate (0–10; default 1).',
  cost: 'Weight of the mean cost a call, as a penalty (0–10; default 0.2).',
  latency: 'Weight of the mean time a call, as a penalty (0–10; default 0).',
  trigger:
    'What starts this flow on a runner without a caller: a cron schedule, a webhook, or both (see docs/api.md). The studio itself starts nothing from it.',
  cron: 'A cron expression in UTC, e.g. "0 6 * * *" (06:00 daily), or 6 fields with seconds first ("*/30 * * * * *").',
  webhook: 'A slug: POST /projects/:id/hooks/<slug> on the runner starts a run with the request’s body as its input.',
  input: 'The input a scheduled run starts with ("" if left out).',
};
