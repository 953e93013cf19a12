import type { DefinitionKind } from './definitionKinds';
import type { IdChoice } from '../jsonc/jsonSchemaWithIds';

const HEADER = '// JSON with comments. Ctrl+Space completes a field, hovering one explains it; Ctrl+S saves.';

/** A commented starting point for a new model of `kind`; `flows` are the flows a sub-flow may run. */
export function definitionTemplate(kind: DefinitionKind, flows: readonly IdChoice[]): string {
  switch (kind) {
    case 'llm':
      return `${HEADER}
// An LLM model calls an OpenAI-compatible chat-completions server (OpenAI, Ollama, llama.cpp…)
// and streams its answer into the output artifact, recording tokens and cost.
{
  "kind": "llm",
  "name": "Summarise",
  "description": "Summarises the text it is given.",
  // Each input port can be used in the prompt as {{name}}.
  "inputs": [{ "name": "prompt", "type": "text" }],
  "outputs": [{ "name": "text", "type": "text" }],
  // A local Ollama server; use https://api.openai.com/v1 (and an apiKeyName) for OpenAI.
  "baseUrl": "http://localhost:11434/v1",
  "model": "llama3.2",
  // Keys are referenced by name and kept in this browser: Project ▾ → API keys.
  // "apiKeyName": "openai",
  "system": "You are a concise assistant.",
  "prompt": "Summarise in three sentences:\\n\\n{{prompt}}",
  "maxTokens": 512,
  // US dollars per million tokens, so runs meter and cap spend; 0 for a local server.
  "pricing": { "inputPerMTok": 0, "outputPerMTok": 0 },
  "timeoutMs": 60000
}
`;
    case 'human':
      return `${HEADER}
// A human model: when its step is due, the inbox asks a person to type or upload each output.
{
  "kind": "human",
  "name": "Write the brief",
  "inputs": [{ "name": "request", "type": "text" }],
  "outputs": [{ "name": "brief", "type": "text" }],
  "instructions": "Read the request and write a one-page brief.",
  // How long to wait for the person, in ms (here a day).
  "timeoutMs": 86400000
}
`;
    case 'branch':
      return `${HEADER}
// A branch routes its one input to the first output whose CEL condition holds (\`value\` is the
// artifact). The other outputs are skipped, and so is everything downstream that needs them.
{
  "kind": "branch",
  "name": "Route by score",
  "inputs": [{ "name": "value", "type": "json" }],
  "outputs": [
    { "name": "high", "type": "json" },
    { "name": "low", "type": "json" }
  ],
  "routes": [
    { "port": "high", "when": "value.score >= 0.8" },
    { "port": "low", "when": "true" }
  ]
}
`;
    case 'gate-quality':
      return `${HEADER}
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
    case 'gate-approval':
      return `${HEADER}
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
    case 'gate-budget':
      return `${HEADER}
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
    case 'subflow': {
      const listed = flows.map((f) => `//   ${JSON.stringify(f.id)}: ${f.label}`).join('\n');
      return `${HEADER}
// A sub-flow runs another flow of this project with this step's input as that run's input.
// Each output takes the output of the same name from the sub-flow's last step that has one.
// Double-click the step on the canvas to open the flow.
${listed ? `// Flows:\n${listed}\n` : '// This project has no other flow yet: make one with "New flow" above the canvas.\n'}{
  "kind": "subflow",
  "name": "Run the checks",
  "inputs": [{ "name": "input", "type": "text" }],
  "outputs": [{ "name": "output", "type": "any" }],
  "flowId": ${JSON.stringify(flows[0]?.id ?? '')},
  "timeoutMs": 600000
}
`;
    }
  }
}
