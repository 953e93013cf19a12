import { StudioError } from '../errors/studioError';
import type { EventDraft } from '../events/eventMap';
import type { ProjectDefinitions } from '../project/projectState';
import type { PlannedCommand } from '../feature/feature';
import { planStartRun } from '../running/planRunCommands';
import type { ConductorPorts } from '../ports/ports';
import { describeIntentsIssues, parseIntents } from './parseIntents';
import type { IntentCommand } from './intentCommands';

/**
 * Intent commands become events: a saved document (after the same parse the editor shows, so a
 * broken one is refused and nothing changes), a fact a person records, a move of the virtual clock.
 */
export async function planIntentCommand(
  defs: ProjectDefinitions,
  cmd: IntentCommand,
  clockOffset: number,
  ports: ConductorPorts,
): Promise<PlannedCommand> {
  switch (cmd.type) {
    case 'saveIntents': {
      const modelNames = new Set([...defs.models.values()].map((m) => m.name));
      const parsed = parseIntents(cmd.source, { modelNames });
      if (!parsed.ok)
        throw new StudioError(
          'invalid-intents',
          `The intents were not saved. ${describeIntentsIssues(parsed.issues)}`,
          'Fix the marked places; nothing was changed.',
        );
      return { drafts: [{ type: 'intents.saved', data: { source: cmd.source, document: parsed.document } }] };
    }
    case 'recordFact': {
      const factId = ports.newId('fact');
      const drafts: EventDraft[] = [
        {
          type: 'fact.recorded',
          data: { factId, fact: cmd.fact, subject: cmd.subject, data: cmd.data, by: { kind: 'person' }, depth: 0 },
        },
      ];
      if (cmd.runFlowId !== undefined) {
        // The flow that reacts to this fact starts in the same append: the fact is its input.
        const run = await planStartRun(
          defs,
          cmd.runFlowId,
          JSON.stringify({ fact: cmd.fact, subject: cmd.subject, data: cmd.data }),
          ports,
        );
        drafts.push(...run.drafts);
      }
      return { drafts, createdId: factId };
    }
    case 'advanceClock':
      return { drafts: [{ type: 'clock.advanced', data: { byMs: cmd.byMs, offsetMs: clockOffset + cmd.byMs } }] };
  }
}
