import type { KindModule } from '../kindModule';
import { documentSchemaOf } from '../documentSchema';
import { TEMPLATE_HEADER } from '../modelFields';
import { handoffModelSchema, type HandoffModel } from './handoffSchema';
import { runHandoffStep } from './runHandoffStep';

const TEMPLATE = `${TEMPLATE_HEADER}
// A handoff model: its step writes a task file into the project's handoff folder and waits for an
// executor outside the studio (a coding agent, a script, \`npm run executor\`) to answer. The answer
// is checked (checksum, schema, allowed files, timeout) before it becomes the step's outputs.
{
  "kind": "handoff",
  "name": "Write the greeting",
  "inputs": [{ "name": "topic", "type": "text" }],
  "outputs": [{ "name": "text", "type": "text" }],
  // What the executor is asked to do; {{topic}} is replaced by that input.
  "instruction": "Write hello.txt with a one-line greeting about {{topic}}, and return the line as text.",
  // Globs of the workspace files the executor may change; any other change fails the step.
  "allowedFiles": ["hello.txt"],
  "constraints": ["Do NOT modify files outside allowed_files"],
  // The executor's time once it has claimed the task.
  "timeoutSeconds": 300
  // "executor": "build-machine"   (only the executor started with --name build-machine may take it)
}
`;

/** Handoff models: an executor outside the studio does the work, through files (seed 002). */
export const handoffKind: KindModule<HandoffModel> = {
  key: 'handoff',
  extensionId: 'built-in.handoff',
  label: 'Handoff',
  schema: handoffModelSchema,
  editor: 'definition',
  role: () => 'agent',
  work: (model, ctx) => runHandoffStep(model, ctx),
  badge: () => 'handoff',
  templates: [
    {
      key: 'handoff',
      label: 'Handoff',
      hint: 'An executor outside the studio does the work, through task files in a folder',
      text: () => TEMPLATE,
      document: documentSchemaOf(handoffModelSchema),
    },
  ],
  templateOf: () => 'handoff',
  docs: {
    instruction: 'What the executor is asked to do. {{port}} is replaced by that input port’s artifact.',
    contract:
      'instruction (default): any executor reads the instruction. script: the instruction is a script model’s TypeScript, which `npm run executor` runs offline.',
    allowedFiles:
      'Globs of workspace files the executor may change (e.g. "src/**"). A change to any other file fails the step and names the file.',
    constraints: 'Rules written into the task for the executor to follow.',
    timeoutSeconds:
      'How long the executor has once it claimed the task. A silent executor’s task goes back to pending once, then fails.',
    executor: 'The name of the only executor that may take the task (its --name). Leave out for any.',
  },
};
