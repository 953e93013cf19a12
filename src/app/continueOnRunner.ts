import type { RunState } from '../core/run/runState';
import type { FlowDefinition } from '../core/project/projectState';
import { exportProjectFile } from '../ui/share/shareActions';
import { runnerInfo, savedRunnerUrl, startRemoteRun } from './runnerClient';
import type { ProjectSession } from './projectSession';

/** As many outputs as the runner takes at the start of a run (runnerApi's `given`). */
const MAX_GIVEN = 64;

/**
 * Continues a run on the runner from a moment of it: a new remote run of the flow as it is now,
 * with the same input, starting from the outputs of every step that was done at that moment (their
 * steps are not run again there). It is followed and comes back verified like any remote run. The
 * remote counterpart of Fork from here. Says in a sentence why it could not, if it could not.
 */
export async function continueOnRunner(
  session: ProjectSession,
  atMoment: RunState,
  flow: FlowDefinition,
): Promise<{ ok: true; runId: string } | { ok: false; message: string }> {
  const url = savedRunnerUrl();
  let fingerprint: string;
  try {
    fingerprint = (await runnerInfo(url)).fingerprint;
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const given: Array<{ stepId: string; port: string; text: string }> = [];
  for (const [stepId, step] of atMoment.steps) {
    if (step.status !== 'done' || !flow.steps.has(stepId)) continue;
    for (const [port, ref] of Object.entries(step.outputs)) {
      const record = await session.readArtifact(ref.hash);
      if (!record)
        return {
          ok: false,
          message: `The output “${port}” of a finished step is not in this browser's store, so the run cannot go on from here on the runner.`,
        };
      given.push({ stepId, port, text: record.body });
    }
  }
  if (given.length > MAX_GIVEN)
    return {
      ok: false,
      message: `At this moment ${given.length} outputs are done; a run on the runner can start from at most ${MAX_GIVEN}. Pick an earlier moment, or Fork from here in this tab.`,
    };
  const input = await session.readArtifact(atMoment.input.hash);
  const { blob } = await exportProjectFile(session.projectId, 'definitions');
  try {
    const started = await startRemoteRun(url, {
      studioProjectId: session.projectId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64),
      definitions: await blob.text(),
      flowId: flow.flowId,
      input: input?.body ?? '',
      ...(given.length > 0 ? { given } : {}),
    });
    session.remote.add({
      runner: url,
      projectKey: started.projectKey,
      runId: started.runId,
      flowName: flow.name,
      startedAt: Date.now(),
      fingerprint,
    });
    return { ok: true, runId: started.runId };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
