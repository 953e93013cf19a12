import { widened } from '../events/eventUpcasters';
import { command, defineFeature, pageFoldEach } from '../feature/feature';
import { advanceClockSchema, answerInboxSchema, recordFactSchema, saveIntentsSchema } from './intentCommands';
import { intentEventSchemas } from './intentEvents';
import { emptyIntentsView, foldIntentsView } from './intentsView';
import { planIntentCommand } from './planIntentCommands';

/**
 * Intents: declarative rules (reactions, invariants, targets, deadlines), the domain facts they are
 * checked against, the virtual clock, and the gaps, agents, breakers and inbox of the intents
 * engine. The engine itself (conductor/intentGaps.ts) is one of the conductor's detectors; this is
 * what a person sends it and what the page shows of it.
 */
export const intentsFeature = defineFeature({
  name: 'intents',
  events: intentEventSchemas,
  upcasters: [
    widened(
      'intentGap.closed',
      2,
      'A gap may close as `dismissed` (a person it was sent to closed it); gaps sent to a person stay open until answered.',
    ),
  ],
  commands: [
    command(saveIntentsSchema, {
      wakesLoop: true,
      plan: (cmd, { defs, ports, conductor }) => planIntentCommand(defs, cmd, conductor.intents.clockOffset, ports),
    }),
    command(recordFactSchema, {
      wakesLoop: true,
      plan: (cmd, { defs, ports, conductor }) => planIntentCommand(defs, cmd, conductor.intents.clockOffset, ports),
    }),
    command(advanceClockSchema, {
      wakesLoop: true,
      plan: (cmd, { defs, ports, conductor }) => planIntentCommand(defs, cmd, conductor.intents.clockOffset, ports),
    }),
    command(answerInboxSchema, {
      wakesLoop: true,
      plan: (cmd, { conductor }) => ({ drafts: conductor.intents.answer(cmd.itemId, cmd.decision, cmd.notes) }),
    }),
  ],
  pageFold: pageFoldEach('intents', emptyIntentsView, foldIntentsView),
});
