import { useMemo, useState } from 'react';
import { runTestInSession, runTestsInSession } from '../../app/flowTestRuns';
import { useUi } from '../../app/uiStore';
import { useProjectView, useSession } from '../../app/useProjectSession';
import { notifyError } from '../../app/uiStore';
import type { FlowTest } from '../../core/flowTests/flowTestSchema';
import type { FlowTestOutcome } from '../../core/flowTests/flowTestsState';
import { testsOfFlow } from '../../core/flowTests/flowTestsState';
import type { FlowDefinition } from '../../core/project/projectState';
import { PanelHeader } from '../shell/PanelHeader';
import { useCommand } from '../useCommand';
import { DiffLegend, ExpectationDiff } from './ExpectationDiff';
import { SaveTestForm, type NumberedRun } from './SaveTestForm';
import './flowTests.css';

const timeOf = (at: number) =>
  new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** One test: its last verdict with the failing expectations' diffs, Run and Remove, and its history. */
function TestItem({
  test,
  history,
  running,
  flow,
  onRun,
}: {
  test: FlowTest;
  history: readonly FlowTestOutcome[];
  running: boolean;
  flow: FlowDefinition;
  onRun: () => void;
}) {
  const execute = useCommand();
  const [showHistory, setShowHistory] = useState(false);
  const last = history.at(-1)?.result;
  const state = running ? 'running' : last ? (last.passed ? 'passed' : 'failed') : 'not run yet';
  const label = (stepId: string) => flow.steps.get(stepId as never)?.label ?? stepId;
  return (
    <li className={`flow-test is-${state.replace(/ /g, '-')}`} aria-label={`${test.name}: ${state}`}>
      <div className="flow-test__head">
        <span className={`badge ${state === 'passed' ? 'live' : state === 'failed' ? 'error' : ''}`}>{state}</span>
        <strong>{test.name}</strong>
        <span className="flow-test__actions">
          <button type="button" className="button small" disabled={running} onClick={onRun}>
            Run <span className="visually-hidden">{test.name}</span>
          </button>
          <button
            type="button"
            className="button small ghost"
            onClick={() => void execute({ type: 'removeFlowTest', testId: test.testId })}
          >
            Remove <span className="visually-hidden">{test.name}</span>
          </button>
        </span>
      </div>
      <p className="muted flow-tests-small">
        {test.expectations.length} expectation{test.expectations.length === 1 ? '' : 's'}
        {test.pins.length > 0 ? ` · pinned: ${[...new Set(test.pins.map((p) => label(p.stepId)))].join(', ')}` : ''}
      </p>
      {last && !last.passed && !running && (
        <div className="flow-test__failure">
          {last.runStatus !== 'succeeded' && (
            <p>The test’s run {last.runStatus}, so the test fails whatever its outputs.</p>
          )}
          <DiffLegend />
          {last.expectations
            .filter((e) => !e.passed)
            .map((e) => (
              <ExpectationDiff key={`${e.stepId}:${e.port}:${e.kind}`} result={e} label={label(e.stepId)} />
            ))}
        </div>
      )}
      {history.length > 0 && (
        <button type="button" className="link" aria-expanded={showHistory} onClick={() => setShowHistory(!showHistory)}>
          History ({history.length})
        </button>
      )}
      {showHistory && (
        <ol className="flow-test__history" aria-label={`History of ${test.name}`}>
          {[...history].reverse().map((o) => (
            <li key={o.seq}>
              {timeOf(o.at)}: {o.result.passed ? 'passed' : 'failed'},{' '}
              {o.result.expectations.filter((e) => e.passed).length} of {o.result.expectations.length} expectations held
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}

/** The flow's tests: save a finished run as one, run them all at once, read each verdict and its diff. */
export default function FlowTestsPanel({ flow }: { flow: FlowDefinition }) {
  const session = useSession();
  const runs = useProjectView((v) => v.runs);
  const shownRunId = useUi((s) => s.runId);
  const [saving, setSaving] = useState(false);
  const [running, setRunning] = useState<ReadonlySet<string>>(new Set());
  // Folded on demand from what is new, on every view change; it keeps its identity unless a test event came.
  const state = useProjectView(() => session.flowTests);
  const tests = testsOfFlow(state, flow.flowId);
  const finished: NumberedRun[] = useMemo(() => {
    const ofFlow = runs.order
      .map((id) => runs.runs.get(id))
      .filter((r) => r !== undefined && r.flowId === flow.flowId && !r.parentStep);
    return ofFlow
      .map((run, i) => ({ run: run as NonNullable<typeof run>, number: i + 1 }))
      .filter((r) => r.run.status === 'succeeded' || r.run.status === 'failed')
      .reverse();
  }, [runs, flow.flowId]);
  const initialRunId = finished.some((r) => r.run.runId === shownRunId)
    ? (shownRunId ?? undefined)
    : finished[0]?.run.runId;

  const run = async (which: readonly FlowTest[]) => {
    setRunning((r) => new Set([...r, ...which.map((t) => t.testId)]));
    try {
      const outcomes =
        which.length === 1
          ? [
              await runTestInSession(session, which[0] as FlowTest).catch((error: unknown) => ({
                testId: which[0]?.testId ?? '',
                passed: false as const,
                error: error instanceof Error ? error.message : String(error),
              })),
            ]
          : await runTestsInSession(session, which);
      for (const o of outcomes)
        if ('error' in o)
          notifyError({
            code: 'invalid-command',
            message: o.error,
            hint: 'Fix the test or the flow, then run it again.',
          });
    } finally {
      setRunning((r) => new Set([...r].filter((id) => !which.some((t) => t.testId === id))));
    }
  };

  const lastResults = tests.map((t) => state.history.get(t.testId)?.at(-1)?.result);
  const passed = lastResults.filter((r) => r?.passed).length;
  const judged = lastResults.filter((r) => r !== undefined).length;
  return (
    <section className="panel flow-tests-panel" aria-label="Flow tests">
      <PanelHeader title="Flow tests" />
      <div className="flow-tests-panel__body">
        <div className="flow-tests-panel__toolbar">
          <button
            type="button"
            className="button primary"
            disabled={tests.length === 0 || running.size > 0}
            onClick={() => void run(tests)}
          >
            Run all tests
          </button>
          <button
            type="button"
            className="button"
            disabled={finished.length === 0 || saving}
            onClick={() => setSaving(true)}
          >
            Save as test…
          </button>
        </div>
        {tests.length === 0 && !saving && (
          <div className="flow-tests-panel__empty">
            <p>
              <strong>No flow tests for “{flow.name}” yet.</strong>
            </p>
            <p className="muted">
              {finished.length === 0
                ? 'Run the flow, then save the run as a test: its input, the outputs you expect, and the steps to pin.'
                : `Save ${finished.length === 1 ? 'its finished run' : `one of its ${finished.length} finished runs`} as a test with Save as test…: its input, the outputs you expect, and the steps to pin.`}{' '}
              Run all tests then runs them again and shows each expectation that no longer holds.
            </p>
          </div>
        )}
        {saving && finished.length > 0 && (
          <SaveTestForm runs={finished} initialRunId={initialRunId} onDone={() => setSaving(false)} />
        )}
        {tests.length > 0 && (
          <p role="status" className="flow-tests-panel__summary">
            {running.size > 0
              ? `Running ${running.size} test${running.size === 1 ? '' : 's'}…`
              : judged === 0
                ? `${tests.length} test${tests.length === 1 ? '' : 's'}, not run yet.`
                : `${passed} of ${tests.length} test${tests.length === 1 ? '' : 's'} passed.`}
          </p>
        )}
        <ul className="flow-tests" aria-label="Tests">
          {tests.map((t) => (
            <TestItem
              key={t.testId}
              test={t}
              flow={flow}
              history={state.history.get(t.testId) ?? []}
              running={running.has(t.testId)}
              onRun={() => void run([t])}
            />
          ))}
        </ul>
      </div>
    </section>
  );
}
