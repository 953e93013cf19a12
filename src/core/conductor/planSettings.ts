import type { ProjectDefinitions } from '../project/projectState';
import type { ParsedCommand } from './commands';
import type { PlannedCommand } from '../feature/feature';

/** The project's settings: one `settings.saved` event, or none when nothing changed. */
export function planSaveSettings(defs: ProjectDefinitions, cmd: Extract<ParsedCommand, { type: 'saveSettings' }>): PlannedCommand {
  if (cmd.autoContinue === defs.settings.autoContinue) return { drafts: [] };
  return { drafts: [{ type: 'settings.saved', data: { autoContinue: cmd.autoContinue } }] };
}
