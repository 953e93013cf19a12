import { useMemo, useState, useSyncExternalStore } from 'react';
import type { FlowDefinition } from '../../core/project/projectState';
import type { RunnerInfo } from '../../protocol/runnerApi';
import {
  runnerInfo,
  savedRemoteRuns,
  savedRunnerUrl,
  saveRunnerUrl,
  startRemoteRun,
  type RemoteRun,
} from '../../app/runnerClient';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { showRun } from '../../app/uiStore';
import { exportProjectFile } from '../share/shareActions';
import { shortFingerprint } from '../../share/signature';
import './runnerPanel.css';

/**
 * Run on runner: the flow runs on a Restate cluster (runner/), not in this tab. The panel adds a
 * runner by its address and starts the flow there from a definitions export. The project follows
 * the run (src/app/remoteRunFollower.ts): it shows live in the Runs list and on the canvas, and
 * when it is over its history comes into this project's log as a verified run (the remote chain
 * and the runner's signature are checked before anything is written). Remote runs are remembered
 * in this browser, so a reopened studio catches up with runs that went on without it.
 */
export default function RunnerPanel({ flow }: { flow: FlowDefinition }) {
  const session = useSession();
  const projectId = session.projectId;
  const [url, setUrl] = useState(savedRunnerUrl);
  const [info, setInfo] = useState<RunnerInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [input, setInput] = useState('');
  const [starting, setStarting] = useState(false);
  // Read again whenever the follower moves, so runs started elsewhere (Continue on runner) show too.
  const followed = useSyncExternalStore(session.remote.subscribe, session.remote.getProgress);
  const [started, setStarted] = useState(0);
  const runs = useMemo<RemoteRun[]>(() => savedRemoteRuns(projectId), [projectId, followed, started]);

  const connect = async (address = url) => {
    setProblem(null);
    try {
      setInfo(await runnerInfo(address));
      saveRunnerUrl(address);
    } catch (error) {
      setInfo(null);
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const start = async () => {
    setStarting(true);
    setProblem(null);
    try {
      const { blob } = await exportProjectFile(projectId, 'definitions');
      const started = await startRemoteRun(url, {
        studioProjectId: projectId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64),
        definitions: await blob.text(),
        flowId: flow.flowId,
        input,
      });
      session.remote.add({
        runner: url,
        projectKey: started.projectKey,
        runId: started.runId,
        flowName: flow.name,
        startedAt: Date.now(),
        ...(info ? { fingerprint: info.fingerprint } : {}),
      });
      setStarted((n) => n + 1);
      // The new run is the newest: the canvas follows it live.
      showRun(null);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setStarting(false);
    }
  };

  return (
    <section className="runner-panel" aria-label="Runner">
      <h2>Run on runner</h2>
      <p className="runner-panel__note">
        Runs the flow on a Restate cluster instead of in this tab: it goes on with the tab closed, and its history comes
        back here, checked and signed.
      </p>
      <form
        className="runner-panel__connect"
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        <label>
          Runner address
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit" className="button small">
          Connect
        </button>
      </form>
      {info && (
        <p className="runner-panel__info" role="status">
          Connected: studio {info.studioVersion}, {info.processes} runner process{info.processes === 1 ? '' : 'es'}, key{' '}
          {shortFingerprint(info.fingerprint)}.
        </p>
      )}
      {problem && (
        <p className="runner-panel__problem" role="alert">
          {problem}
        </p>
      )}
      <label className="runner-panel__input">
        Run input
        <textarea value={input} onChange={(e) => setInput(e.target.value)} rows={2} />
      </label>
      <button type="button" className="button primary" disabled={!info || starting} onClick={() => void start()}>
        {starting ? 'Starting…' : `Run “${flow.name}” on runner`}
      </button>
      <h3>Remote runs</h3>
      {runs.length === 0 ? (
        <p className="runner-panel__note">No run of this project has gone to a runner yet.</p>
      ) : (
        <ul className="runner-panel__runs" aria-label="Remote runs">
          {[...runs].reverse().map((run) => (
            <RemoteRunRow key={run.runId} run={run} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One remote run: how far it is (from the project's view of it) and what became of its history. */
function RemoteRunRow({ run }: { run: RemoteRun }) {
  const session = useSession();
  const runs = useProjectView((v) => v.runs);
  const progress = useSyncExternalStore(session.remote.subscribe, session.remote.getProgress).get(run.runId);
  const state = runs.runs.get(run.runId as never);
  const steps = state ? [...state.steps.values()] : [];
  const done = steps.filter((s) => s.status === 'done' || s.status === 'skipped').length;
  const status = state?.status ?? 'starting';
  const imported = progress?.phase === 'imported' || (state?.remote !== undefined && state.remote.live !== true);
  const number = state
    ? runs.order.filter((id) => runs.runs.get(id)?.flowId === state.flowId).indexOf(state.runId) + 1
    : 0;
  return (
    <li className="runner-panel__run" data-status={status}>
      <span className="runner-panel__badge">remote</span> <strong>{run.flowName}</strong> ·{' '}
      <span>{status === 'running' ? `running: ${done} of ${steps.length} steps done` : status}</span>
      {progress && <span className="runner-panel__events"> · {progress.events} events</span>}
      {progress?.phase === 'importing' && <p role="status">Checking the history’s chain and the runner’s signature…</p>}
      {imported && (
        <p role="status">
          In this project’s log as run {number}: its chain and the runner’s signature were checked first. Scrub, compare
          or fork it from the Runs list.
        </p>
      )}
      {progress?.error && <p className="runner-panel__problem">{progress.error}</p>}
    </li>
  );
}
