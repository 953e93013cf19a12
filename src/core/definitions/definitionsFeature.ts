import { LEARNING_POLICY, widened } from '../events/eventUpcasters';
import { command, defineFeature } from '../feature/feature';
import {
  addStepSchema,
  configureStepSchema,
  connectSchema,
  createFlowSchema,
  moveStepsSchema,
  redoSchema,
  removeElementsSchema,
  renameProjectSchema,
  renameStepSchema,
  restoreFlowSchema,
  saveModelDefinitionSchema,
  saveModelSchema,
  savePoliciesSchema,
  saveSettingsSchema,
  undoSchema,
} from './definitionCommands';
import { definitionEventSchemas } from './definitionEvents';
import { planDefinitionCommand } from './planDefinitionCommand';
import { planRestore, planUndoRedo } from './planHistoryCommand';
import { planModelSave } from './planModelSave';
import { planSaveSettings } from './planSettings';
import { planConfigureStep, planSaveModelDefinition, planSavePolicies } from './planStepCommands';

/**
 * The project's definitions: its name, models (every version), flows and their edits (undoable),
 * policies and settings. The conductor's own state and the page's `defs` and `history` fold these
 * events (project/projectState.ts, project/editHistory.ts); this is what a person sends.
 */
export const definitionsFeature = defineFeature({
  name: 'definitions',
  events: definitionEventSchemas,
  /** Append only; never edit or remove one that has shipped. */
  upcasters: [
    widened(
      'model.saved',
      2,
      'A model may be of a kind an extension provides (`kind: "extension"`, naming the extension and its kind, with its settings).',
    ),
    widened('policies.saved', 2, LEARNING_POLICY),
    widened('step.configured', 2, LEARNING_POLICY),
    widened(
      'flow.changed',
      2,
      `A change may be \`step.modelChanged\` (a step set to run another model). ${LEARNING_POLICY}`,
    ),
    widened(
      'model.saved',
      3,
      'A model may be a Function Quest function (`kind: "quest"`, naming its level and function).',
    ),
  ],
  commands: [
    command(renameProjectSchema, {
      wakesLoop: false,
      plan: (cmd, { defs, ports }) => planDefinitionCommand(defs, cmd, ports.newId),
    }),
    command(createFlowSchema, {
      wakesLoop: false,
      plan: (cmd, { defs, ports }) => planDefinitionCommand(defs, cmd, ports.newId),
    }),
    command(addStepSchema, {
      wakesLoop: false,
      plan: (cmd, { defs, ports }) => planDefinitionCommand(defs, cmd, ports.newId),
    }),
    command(moveStepsSchema, {
      wakesLoop: false,
      plan: (cmd, { defs, ports }) => planDefinitionCommand(defs, cmd, ports.newId),
    }),
    command(renameStepSchema, {
      wakesLoop: false,
      plan: (cmd, { defs, ports }) => planDefinitionCommand(defs, cmd, ports.newId),
    }),
    command(connectSchema, {
      wakesLoop: false,
      plan: (cmd, { defs, ports }) => planDefinitionCommand(defs, cmd, ports.newId),
    }),
    command(removeElementsSchema, {
      wakesLoop: false,
      plan: (cmd, { defs, ports }) => planDefinitionCommand(defs, cmd, ports.newId),
    }),
    command(saveModelSchema, { wakesLoop: false, plan: (cmd, { defs, ports }) => planModelSave(defs, cmd, ports) }),
    command(saveModelDefinitionSchema, {
      wakesLoop: false,
      plan: (cmd, { defs, kinds, ports }) => planSaveModelDefinition(defs, kinds, cmd, ports.newId),
    }),
    command(configureStepSchema, { wakesLoop: false, plan: (cmd, { defs }) => planConfigureStep(defs, cmd) }),
    command(savePoliciesSchema, { wakesLoop: false, plan: (cmd, { defs }) => planSavePolicies(defs, cmd.source) }),
    command(saveSettingsSchema, { wakesLoop: false, plan: (cmd, { defs }) => planSaveSettings(defs, cmd) }),
    command(undoSchema, {
      wakesLoop: false,
      plan: (cmd, { conductor }) => planUndoRedo('undo', cmd.flowId, conductor.history, conductor.flowEdits),
    }),
    command(redoSchema, {
      wakesLoop: false,
      plan: (cmd, { conductor }) => planUndoRedo('redo', cmd.flowId, conductor.history, conductor.flowEdits),
    }),
    command(restoreFlowSchema, {
      wakesLoop: false,
      plan: (cmd, { defs, ports }) => planRestore(defs, cmd.flowId, cmd.atSeq, ports.log),
    }),
  ],
});
