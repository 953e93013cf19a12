import { useEffect, useRef, useState } from 'react';
import { defaultEventCodec } from '../../core/events/eventCodec';
import type { EventRecord, StoredEvent } from '../../core/events/storedEvent';
import type { FlowDefinition } from '../../core/project/projectState';
import { emptyRuns, foldRunsBatch, type RunState } from '../../core/run/runState';
import type { RunnerInfo } from '../../protocol/runnerApi';
import { remoteEvents, remoteExport, runnerInfo, savedRemoteRuns, savedRunnerUrl, saveRemoteRuns, saveRunnerUrl, startRemoteRun, type RemoteRun } from '../../app/runnerClient';
import { useSession } from '../../app/useProjectSession';
import { exportProjectFile, prepareText, writeImport, describeImport } from '../share/shareActions';
import { shortFingerprint } from '../../share/signature';
import './runnerPanel.css';

/**
 * Run on runner: the flow runs on a Restate cluster (runner/), not in this tab. The panel adds a
 * runner by its address, starts the flow there from a definitions export, follows the remote log
 * live, and when the run is over brings its history back as a verified, signed import (the chain
 * and the runner's signature are checked before anything is written). Remote runs are remembered in
 * this browser, so a reopened studio catches up with runs that went on without it.
 */
export default function RunnerPanel({ flow }: { flow: FlowDefinition }) {
  const session = useSession();
  const projectId = session.projectId;
  const [url, setUrl] = useState(savedRunnerUrl);
  const [info, setInfo] = useState<RunnerInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [input, setInput] = useState('');
  const [starting, setStarting] = useState(false);
  const [runs, setRuns] = useState<RemoteRun[]>(() => savedRemoteRuns(projectId));

  const update = (next: (runs: RemoteRun[]) => RemoteRun[]) =>
    setRuns((current) => {
      const updated = next(current);
      saveRemoteRuns(projectId, updated);
      return updated;
    });

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
      const started = await startRemoteRun(url, { studioProjectId: projectId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64), definitions: await blob.text(), flowId: flow.flowId, input });
      update((current) => [...current, { runner: url, projectKey: started.projectKey, runId: started.runId, flowName: flow.name, startedAt: Date.now() }]);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setStarting(false);
    }
  };

  return (
    <section className="runner-panel" aria-label="Runner">
      <h2>Run on runner</h2>
      <p className="runner-panel__note">Runs the flow on a Restate cluster instead of in this tab: it goes on with the tab closed, and its history comes back here, checked and signed.</p>
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
          Connected: studio {info.studioVersion}, {info.processes} runner process{info.processes === 1 ? '' : 'es'}, key {shortFingerprint(info.fingerprint)}.
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
            <RemoteRunRow key={run.runId} run={run} onImported={(importedAs) => update((current) => current.map((r) => (r.runId === run.runId ? { ...r, importedAs } : r)))} />
          ))}
        </ul>
      )}
    </section>
  );
}

type Follow = { records: EventRecord[]; run: RunState | null; error: string | null; importing: boolean; imported: string | null; note?: string };

/** One remote run, followed live from the runner's log (long polls), imported once it is over. */
function RemoteRunRow({ run, onImported }: { run: RemoteRun; onImported: (projectName: string) => void }) {
  const [state, setState] = useState<Follow>({ records: [], run: null, error: null, importing: false, imported: run.importedAs ?? null });
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;

  useEffect(() => {
    let stopped = false;
    const records: EventRecord[] = [];
    const decoded: StoredEvent[] = [];
    void (async () => {
      for (let failures = 0; !stopped; ) {
        try {
          const page = await remoteEvents(run.runner, run.projectKey, records.length, 10_000);
          failures = 0;
          records.push(...(page.records as unknown as EventRecord[]));
          for (const record of page.records) decoded.push(defaultEventCodec.decode(record));
          const runs = foldRunsBatch(emptyRuns, decoded);
          const current = runs.runs.get(run.runId as never) ?? null;
          if (stopped) return;
          setState((s) => ({ ...s, records: [...records], run: current, error: null }));
          if (current && current.status !== 'running' && current.status !== 'interrupted') break;
        } catch (error) {
          failures += 1;
          if (!stopped) setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
          await new Promise((r) => setTimeout(r, Math.min(10_000, 1000 * failures)));
        }
      }
      if (stopped || run.importedAs) return;
      setState((s) => ({ ...s, importing: true }));
      try {
        const plan = await prepareText(await remoteExport(run.runner, run.projectKey));
        await writeImport(plan);
        onImportedRef.current(plan.name);
        if (!stopped) setState((s) => ({ ...s, importing: false, imported: plan.name, error: null, note: describeImport(plan) }));
      } catch (error) {
        if (!stopped) setState((s) => ({ ...s, importing: false, error: `The run’s history was not imported: ${error instanceof Error ? error.message : String(error)}` }));
      }
    })();
    return () => {
      stopped = true;
    };
  }, [run.runner, run.projectKey, run.runId, run.importedAs]);

  const steps = state.run ? [...state.run.steps.values()] : [];
  const done = steps.filter((s) => s.status === 'done' || s.status === 'skipped').length;
  const status = state.run?.status ?? 'starting';
  return (
    <li className="runner-panel__run" data-status={status}>
      <span className="runner-panel__badge">remote</span> <strong>{run.flowName}</strong> · <span>{status === 'running' ? `running: ${done} of ${steps.length} steps done` : status}</span>
      <span className="runner-panel__events"> · {state.records.length} events</span>
      {state.importing && <p role="status">Checking the history’s chain and the runner’s signature…</p>}
      {state.imported && <p role="status">{state.note ?? `History imported as “${state.imported}”.`} Its chain and the runner’s signature were checked first. Open it from the project switcher to scrub, compare or fork it.</p>}
      {state.error && <p className="runner-panel__problem">{state.error}</p>}
    </li>
  );
}
