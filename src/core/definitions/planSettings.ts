import type { ProjectDefinitions } from '../project/projectState';
import type { AnyDefinitionCommand } from './definitionCommands';
import type { PlannedCommand } from '../feature/feature';

/** The project's settings: one `settings.saved` event, or none when nothing changed. */
export function planSaveSettings(
  defs: ProjectDefinitions,
  cmd: Extract<AnyDefinitionCommand, { type: 'saveSettings' }>,
): PlannedCommand {
  if (cmd.autoContinue === defs.settings.autoContinue) return { drafts: [] };
  return { drafts: [{ type: 'settings.saved', data: { autoContinue: cmd.autoContinue } }] };
}
