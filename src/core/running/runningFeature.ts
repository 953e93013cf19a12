import { StudioError } from '../errors/studioError';
import { LEARNING_POLICY, widened } from '../events/eventUpcasters';
import { command, defineFeature } from '../feature/feature';
import { learningContextOf, outcomesFold } from '../learning/learningFeature';
import { planAnswer } from './planAnswer';
import { planRemoteImport } from './planRemoteImport';
import { planForkRun, planResumeRun, planStartRun, planStopRun } from './planRunCommands';
import {
  answerAskSchema,
  forkRunSchema,
  importRemoteRunSchema,
  resumeRunSchema,
  startRunSchema,
  stopRunSchema,
} from './runCommands';
import { RUN_EVENT_TYPES_OF_RUNS, runEventSchemas } from './runEvents';

/**
 * Runs: started (every feature may refuse or amend a person's new run), forked, stopped, resumed,
 * imported from a runner, and the questions they ask a person. The gap loop (conductor/) runs
 * them; this is what a person sends, and the run events everything else folds.
 */
export const runningFeature = defineFeature({
  name: 'running',
  events: runEventSchemas,
  runEventTypes: RUN_EVENT_TYPES_OF_RUNS,
  /** Append only; never edit or remove one that has shipped. */
  upcasters: [widened('run.started', 2, LEARNING_POLICY)],
  commands: [
    command(startRunSchema, {
      wakesLoop: true,
      async plan(cmd, context) {
        await context.checkRun(cmd.flowId);
        // Steps whose policy learns their model order have it chosen now, from the outcomes so far.
        const learning = learningContextOf(
          context.stateOf(outcomesFold),
          () => context.ports.newSeed(),
          context.defs.models,
        );
        const started = await planStartRun(context.defs, cmd.flowId, cmd.input, context.ports, cmd.given, learning);
        return { ...started, drafts: context.amendRun(started.drafts, cmd.flowId) };
      },
    }),
    command(answerAskSchema, {
      wakesLoop: true,
      async plan(cmd, { conductor, ports }) {
        const ask = conductor.openAsks.get(cmd.askId);
        if (!ask || ask.runId !== cmd.runId)
          throw new StudioError(
            'not-found',
            'That question has been answered already, or its run is over.',
            'Nothing was changed.',
          );
        // An interrupted run decides nothing until it is resumed, answers included.
        if (conductor.isResumable(ask.runId))
          throw new StudioError(
            'invalid-command',
            'That run was interrupted, so its question cannot be answered yet.',
            'Resume the run, then answer.',
          );
        const answer = {
          decision: cmd.decision,
          by: 'person' as const,
          ...(cmd.notes !== undefined ? { notes: cmd.notes } : {}),
          ...(cmd.outputs ? { outputs: cmd.outputs } : {}),
        };
        return { drafts: await planAnswer(ask, conductor.planStep(ask.runId, ask.data.stepId), answer, ports) };
      },
    }),
    command(forkRunSchema, {
      wakesLoop: true,
      plan: (cmd, { defs, ports }) => planForkRun(defs, cmd.runId, cmd.atSeq, ports),
    }),
    command(resumeRunSchema, { wakesLoop: true, plan: (cmd, { conductor }) => planResumeRun(conductor, cmd.runId) }),
    command(stopRunSchema, { wakesLoop: true, plan: (cmd, { conductor }) => planStopRun(conductor, cmd.runId) }),
    command(importRemoteRunSchema, {
      wakesLoop: false,
      plan: async (cmd, { defs, ports }) => planRemoteImport(cmd, await ports.log.readAll(), defs.headSeq, ports),
    }),
  ],
});
