/**
 * The policies document a project starts with: every rule commented out, so saving it as it is
 * changes nothing, and each line shows a field and what it does.
 */
export const POLICIES_TEMPLATE = `// Policies: rules for how steps may run, written as code (JSON with comments).
// Three levels merge in order: project → flow → step (a step's own "policy" is in its Step settings).
// A later level overrides an earlier one key by key: a flow that sets only budget.step.tokens keeps
// the project's budget.run. Lists and numbers replace. Ctrl+Space completes; hover explains.
{
  "project": {
    // Kinds of artifact a step may produce; anything else is a violation and fails the step.
    // "allowedOutputKinds": ["text", "json"],
    // The most tokens one model call may produce; the longest one agent may work (ms).
    // "maxTokens": 4000,
    // "timeoutMs": 120000,
    // A JSON output's "confidence" (0–1): at or above high it goes on autonomously, at or above
    // medium with a caution mark, below medium a person is asked.
    // "confidence": { "high": 0.8, "medium": 0.5 },
    // Spend limits, enforced: per run, per step, per agent, in tokens, costUsd and wallMs.
    // onExceed: "stop" the run at the step that would overspend, or "ask" a person first.
    // "budget": { "run": { "tokens": 200000, "costUsd": 2 }, "step": { "tokens": 50000 }, "onExceed": "ask" },
    // Learning: "thompson" orders each step's models (its own and its fallbacks) by what worked in
    // earlier runs, weighing success against cost and latency; "fixed" (the default) keeps the chain.
    // "learning": { "fallbackOrder": "thompson", "weights": { "success": 1, "cost": 0.2, "latency": 0 } }
  },
  // Per flow, by its name; overrides the project's policy for that flow.
  "flows": {
    // "Main": { "budget": { "run": { "costUsd": 0.5 } } }
  }
}
`;
