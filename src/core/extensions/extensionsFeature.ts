import { command, defineFeature, type PlanContext } from '../feature/feature';
import {
  approveExtensionSchema,
  installExtensionSchema,
  removeExtensionSchema,
  setExtensionEnabledSchema,
  type ExtensionCommand,
} from './extensionCommands';
import { EXTENSION_RUN_EVENT_TYPES, extensionEventSchemas } from './extensionEvents';
import { planExtensionCommand, unrunnableSteps } from './planExtensionCommands';

const plan = (cmd: ExtensionCommand, { defs, kinds, ports, conductor }: PlanContext) =>
  planExtensionCommand(
    { defs, kinds, sha256: ports.sha256, grants: ports.grants, active: conductor.activeExtensions },
    cmd,
  );

/**
 * Extensions: third-party kinds installed from a file, approved, enabled, disabled and removed, and
 * their lifecycle and calls in the log. The kinds they bring are registered in the kind registry;
 * this is what a person sends and what a run checks before it starts.
 */
export const extensionsFeature = defineFeature({
  name: 'extensions',
  events: extensionEventSchemas,
  runEventTypes: EXTENSION_RUN_EVENT_TYPES,
  commands: [
    command(installExtensionSchema, { wakesLoop: false, plan }),
    command(approveExtensionSchema, { wakesLoop: false, plan }),
    command(setExtensionEnabledSchema, { wakesLoop: false, plan }),
    command(removeExtensionSchema, { wakesLoop: false, plan }),
  ],
  /** A run whose steps (or its sub-flows') need an extension that is missing, disabled or not approved is refused. */
  async checkRun(flowId, { defs, kinds, ports, conductor }) {
    const refusal = await unrunnableSteps(defs, kinds, conductor.flowsReachedFrom(flowId), ports.grants, ports.sha256);
    if (refusal) throw refusal;
  },
});
