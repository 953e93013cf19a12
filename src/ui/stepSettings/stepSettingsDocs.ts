import { POLICY_DOCS } from '../policies/policyDocs';

/** Hover text for a step's settings (and its policy's fields). */
export const STEP_SETTINGS_DOCS: Readonly<Record<string, string>> = {
  ...POLICY_DOCS,
  join: 'When a step with several inputs may start: { "policy": "all" } (default), "any", or { "policy": "quorum", "n": 2 }.',
  policy: 'This step’s own policy; it overrides the flow’s and the project’s (Policies), key by key.',
  n: 'How many inputs must have arrived.',
  map: 'Fan out: run the model once per item of this input port’s list, at most `concurrency` at once, and gather the results in order.',
  port: 'A port name.',
  concurrency: 'How many items run at once.',
  retry:
    'Try a failed attempt again: maxAttempts (first included), backoff fixed | linear | exponential, baseMs, maxMs, and which error classes to retry (`on`).',
  maxAttempts: 'Attempts per model, the first included.',
  backoff: 'How the wait grows between attempts: fixed, linear or exponential.',
  baseMs: 'The first wait, in ms.',
  maxMs: 'The longest wait, in ms.',
  on: 'Error classes worth another try (default timeout, rate-limit, server, network); others go straight to the fallbacks. Add "script-error" to retry a script that throws.',
  fallbacks:
    'Models to try in order, by name, when the step’s model has failed for good. They need the same ports. A rename keeps them.',
  critical: 'false: if this step fails for good it is skipped and the run goes on without it.',
  rebuild:
    'Reverse reconstruction: when this step’s outputs are missing but the named downstream artifacts exist, the conductor rebuilds them with `model`.',
  model: 'The model (by name) that rebuilds this step’s outputs; its inputs are named after each `from`’s `as`.',
  from: 'Downstream artifacts to rebuild from: { "stepId", "port", "as" }.',
  stepId: 'A step of this flow, by its name (Ctrl+Space lists them).',
  as: 'The input port of the rebuild model this artifact goes to.',
};
