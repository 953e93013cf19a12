import type { ExampleModel } from './softwarePipelineModels';

/**
 * The customer-churn example, from the seed: a rep logs a call; the intents say it should update
 * an engagement score, raise a churn alert when risk crosses 0.6, and notify a manager past 0.85.
 * The flow (score → assess) covers the first two. Notifying the manager is deliberately left out
 * of the flow, so a person sees that reaction gap detected and closed by an agent.
 */
const factsPort = { name: 'facts', type: 'json' as const };

export const churnModels: ExampleModel[] = [
  {
    key: 'score',
    name: 'score_engagement',
    description: 'Scores engagement from a logged call.',
    inputs: [{ name: 'call', type: 'text' }],
    outputs: [factsPort],
    source: `// The run input is the logged call: {fact, subject, data: {sentiment, notes}}.
export default async function run(ctx: Ctx) {
  const call = JSON.parse(String(ctx.inputs.call));
  const score = { positive: 80, neutral: 50, negative: 20 }[call.data.sentiment as string] ?? 50;
  ctx.log('engagement for ' + call.subject + ': ' + score);
  // No explanation yet: the invariant "every score has an explanation" is yours to add.
  ctx.emit('facts', [{ fact: 'score.updated', subject: call.subject, data: { score } }]);
}
`,
  },
  {
    key: 'assess',
    name: 'assess_churn',
    description: 'Turns the score into a churn risk, and raises an alert past 0.6.',
    inputs: [{ name: 'scored', type: 'json' }],
    outputs: [factsPort],
    source: `export default async function run(ctx: Ctx) {
  const [scored] = ctx.inputs.scored as Array<{ subject: string; data: { score: number } }>;
  const risk = Math.round((1 - scored.data.score / 100) * 100) / 100 + 0.1;
  const facts: unknown[] = [{ fact: 'risk.assessed', subject: scored.subject, data: { risk } }];
  if (risk >= 0.6) facts.push({ fact: 'churn.alert', subject: scored.subject, data: { risk } });
  // Notifying a manager past 0.85 is not done here: the conductor will notice.
  ctx.emit('facts', facts);
}
`,
  },
  {
    key: 'notify',
    name: 'notify_manager',
    description: 'Agent model: tells the account manager about a customer at high risk.',
    inputs: [],
    outputs: [factsPort, { name: 'needs_person', type: 'text' }],
    source: `// An intent agent: ctx.inputs.gap says what is missing, ctx.inputs.facts what caused it.
export default async function run(ctx: Ctx) {
  const facts = ctx.inputs.facts as Array<{ subject: string; data: { risk: number } }>;
  const cause = facts[0];
  ctx.log('notifying the manager about ' + cause.subject);
  ctx.emit('facts', [{ fact: 'manager.notified', subject: cause.subject, data: { risk: cause.data.risk, message: 'Call ' + cause.subject + ' today.' } }]);
}
`,
  },
  {
    key: 'explain',
    name: 'explain_score',
    description: 'Agent model: backfills an explanation for scores that lack one.',
    inputs: [],
    outputs: [factsPort, { name: 'needs_person', type: 'text' }],
    source: `export default async function run(ctx: Ctx) {
  const facts = ctx.inputs.facts as Array<{ subject: string; data: { score: number } }>;
  ctx.emit('facts', facts.map((f) => ({
    fact: 'score.updated',
    subject: f.subject,
    data: { ...f.data, explanation: 'Score ' + f.data.score + ' from the sentiment of the last call.' },
  })));
}
`,
  },
];

export const churnLayout = {
  steps: [
    { key: 'score', x: 80, y: 120 },
    { key: 'assess', x: 420, y: 120 },
  ],
  edges: [['score', 'facts', 'assess', 'scored']] as Array<[string, string, string, string]>,
};

export const CHURN_INTENTS = `// Customer churn: what should follow when a rep logs a call.
// Try adding an invariant, e.g.
//   { "id": "scores-explained", "kind": "invariant", "over": { "fact": "score.updated" },
//     "require": "has(data.explanation)", "model": "explain_score" }
{
  "version": 1,
  "breakers": { "maxDepth": 5, "maxAgentsPerGap": 3, "cooldownMs": 30000, "budgetPerHour": 100 },
  "intents": [
    {
      "id": "score-after-call",
      "kind": "reaction",
      "description": "Every logged call updates the customer's engagement score.",
      "when": { "fact": "call.logged" },
      "expect": { "fact": "score.updated" }
    },
    {
      "id": "churn-alert",
      "kind": "reaction",
      "description": "Risk at or past 0.6 raises a churn alert.",
      "when": { "fact": "risk.assessed", "if": "data.risk >= 0.6" },
      "expect": { "fact": "churn.alert" }
    },
    {
      "id": "notify-manager",
      "kind": "reaction",
      "description": "Risk at or past 0.85 notifies the account manager. The flow does not do this.",
      "when": { "fact": "risk.assessed", "if": "data.risk >= 0.85" },
      "expect": { "fact": "manager.notified" },
      "model": "notify_manager",
      "severity": 5
    },
    {
      "id": "follow-up",
      "kind": "deadline",
      "description": "A churn alert is followed up within 48 hours.",
      "after": { "fact": "churn.alert" },
      "expect": { "fact": "followup.sent" },
      "withinMs": 172800000
    }
  ]
}
`;
