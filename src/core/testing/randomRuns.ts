import fc from 'fast-check';
import type { AgentResult, AgentTask, LlmClient } from '../ports/ports';
import type { StoredEvent } from '../events/storedEvent';
import type { Sha256 } from '../events/hashChain';
import type { RunState } from '../run/runState';
import { TestStudio } from './testStudio';
import type { ScriptedBehaviour } from './memoryPorts';

/**
 * Random flows run through a TestStudio with random agent outcomes, for property tests of the
 * folds: fan-out and fan-in, branches, approval gates and people, failures, retries (at once or
 * after a backoff), non-critical steps, and interruptions (the log cut where an append ended,
 * opened again by a new conductor, and resumed), maps over lists, sub-flows, and LLM steps under a
 * run budget that stops or asks a person before it is overspent.
 */
export type StepKind = 'ok' | 'fail' | 'flaky' | 'branch' | 'approval' | 'human' | 'llm' | 'subflow';

export interface RandomStep {
  kind: StepKind;
  /** Per input port (a, b or in): the index of an earlier step and which of its outputs, or null for the run's input. */
  from: Array<{ step: number; output: number } | null>;
  retry: 'none' | 'now' | 'later';
  critical: boolean;
  /** For a branch: which route holds (the other output is skipped). */
  takes: 0 | 1;
  /** For a script step: map over its input `a` (a list, when it comes from a script step). */
  map: boolean;
}

export interface RandomScenario {
  steps: RandomStep[];
  runs: number;
  /** Answers given to people, in turn: approve, reject, provide. */
  answers: Array<'approve' | 'reject' | 'provide'>;
  /** Where to cut the log and reopen, as a fraction of its append boundaries; null: no cut. */
  cutAt: number | null;
  resume: boolean;
  /** The project setting: a reopened log's cut-off runs continue by themselves, or wait for a resume. */
  autoContinue: boolean;
  /** A token budget per run (each LLM call spends 150), and what happens when it runs out. */
  budget: { tokens: number; onExceed: 'stop' | 'ask' } | null;
}

const step: fc.Arbitrary<RandomStep> = fc.record({
  kind: fc.constantFrom('ok', 'ok', 'ok', 'fail', 'flaky', 'branch', 'approval', 'human', 'llm', 'llm', 'subflow'),
  from: fc.array(fc.option(fc.record({ step: fc.nat(5), output: fc.nat(1) }), { nil: null }), {
    minLength: 2,
    maxLength: 2,
  }),
  retry: fc.constantFrom('none', 'none', 'now', 'later'),
  critical: fc.boolean(),
  takes: fc.constantFrom(0 as const, 1 as const),
  map: fc.boolean(),
});

/** A random scenario: up to six steps of any kind, one or two runs, answers, a cut, a budget. */
export const randomScenario: fc.Arbitrary<RandomScenario> = fc
  .record({
    steps: fc.array(step, { minLength: 1, maxLength: 6 }),
    runs: fc.integer({ min: 1, max: 2 }),
    answers: fc.array(fc.constantFrom('approve', 'reject', 'provide'), { maxLength: 4 }),
    cutAt: fc.option(
      fc.integer({ min: 0, max: 99 }).map((n) => n / 100),
      { nil: null },
    ),
    resume: fc.boolean(),
    autoContinue: fc.boolean(),
    budget: fc.option(
      fc.record({ tokens: fc.constantFrom(100, 200, 400), onExceed: fc.constantFrom('stop' as const, 'ask' as const) }),
      { nil: null },
    ),
  })
  // Inputs come only from earlier steps: the flow is a DAG.
  .map((s) => ({
    ...s,
    steps: s.steps.map((st, i) => ({
      ...st,
      from: st.from.map((f) => (f && i > 0 ? { step: f.step % i, output: f.output } : null)),
    })),
  }));

const inputsOf = (kind: StepKind): string[] =>
  kind === 'ok' || kind === 'fail' || kind === 'flaky' ? ['a', 'b'] : ['in'];
export const outputsOf = (kind: StepKind): string[] =>
  kind === 'branch' ? ['high', 'low'] : kind === 'approval' ? ['approved', 'rejected'] : ['out'];

/** Behaviours keyed by model code; `flaky` fails the first time each step calls it. */
function behaviours(): Record<string, ScriptedBehaviour> {
  const tried = new Set<string>();
  // Lists, so that a step downstream may map over them.
  const emit = (task: AgentTask): AgentResult => ({
    ok: true,
    emitted: task.outputPorts.map((port) => ({ port, value: [`v${Object.keys(task.inputs).length}`, 'w'] })),
    logs: [],
    durationMs: 1,
  });
  const fail = (reason: string): AgentResult => ({ ok: false, reason, logs: [], durationMs: 1, errorClass: 'server' });
  return {
    ok: emit,
    fail: () => fail('the server said 500'),
    flaky: (task) => {
      const key = JSON.stringify(task.inputs);
      if (tried.has(key)) return emit(task);
      tried.add(key);
      return fail('a hiccup');
    },
  };
}

async function build(studio: TestStudio, scenario: RandomScenario): Promise<string> {
  const flowId = await studio.do({ type: 'createFlow', name: 'Random' });
  const stepIds: string[] = [];
  const models = new Map<string, string>();
  const modelFor = async (s: RandomStep): Promise<string> => {
    const key = s.kind === 'branch' ? `branch${s.takes}` : s.kind;
    const known = models.get(key);
    if (known) return known;
    const any = (names: string[]) => names.map((name) => ({ name, type: 'any' }));
    let id: string;
    if (s.kind === 'branch') {
      id = await studio.define({
        kind: 'branch',
        name: key,
        inputs: any(['in']),
        outputs: any(['high', 'low']),
        routes: [
          { port: 'high', when: s.takes === 0 ? 'true' : 'false' },
          { port: 'low', when: 'true' },
        ],
      });
    } else if (s.kind === 'approval') {
      id = await studio.define({
        kind: 'gate',
        name: key,
        inputs: any(['in']),
        outputs: any(['approved', 'rejected']),
        check: { type: 'approval', question: 'Go on?' },
      });
    } else if (s.kind === 'human') {
      id = await studio.define({
        kind: 'human',
        name: key,
        inputs: any(['in']),
        outputs: any(['out']),
        instructions: 'Write it',
      });
    } else if (s.kind === 'llm') {
      id = await studio.define({
        kind: 'llm',
        name: key,
        baseUrl: 'http://127.0.0.1:9/v1',
        model: 'echo',
        prompt: 'Say {{in}}',
        inputs: [{ name: 'in', type: 'text' }],
        outputs: [{ name: 'out', type: 'text' }],
      });
    } else if (s.kind === 'subflow') {
      const inner = await studio.do({ type: 'createFlow', name: 'Inner' });
      await studio.do({
        type: 'addStep',
        flowId: inner,
        modelId: await studio.model('inner', ['a', 'b'], ['out'], 'ok'),
        position: { x: 0, y: 0 },
      });
      id = await studio.define({
        kind: 'subflow',
        name: key,
        flowId: inner,
        inputs: any(['in']),
        outputs: any(['out']),
      });
    } else {
      id = await studio.model(key, ['a', 'b'], ['out'], s.kind);
    }
    models.set(key, id);
    return id;
  };
  if (scenario.budget)
    await studio.do({
      type: 'savePolicies',
      source: JSON.stringify({
        flows: { Random: { budget: { run: { tokens: scenario.budget.tokens }, onExceed: scenario.budget.onExceed } } },
      }),
    });
  for (const [i, s] of scenario.steps.entries()) {
    const stepId = await studio.do({ type: 'addStep', flowId, modelId: await modelFor(s), position: { x: i, y: 0 } });
    stepIds.push(stepId);
    const settings: Record<string, unknown> = {};
    if (s.retry !== 'none') settings.retry = { maxAttempts: 2, baseMs: s.retry === 'now' ? 0 : 100 };
    if (!s.critical) settings.critical = false;
    const fromScript = s.from[0] && ['ok', 'flaky'].includes(scenario.steps[s.from[0].step]?.kind ?? '');
    if (s.map && fromScript && (s.kind === 'ok' || s.kind === 'flaky' || s.kind === 'fail'))
      settings.map = { port: 'a', concurrency: 2 };
    if (Object.keys(settings).length > 0) await studio.do({ type: 'configureStep', flowId, stepId, settings });
    for (const [port, from] of inputsOf(s.kind).map((p, k) => [p, s.from[k] ?? null] as const)) {
      const source =
        from && scenario.steps[from.step]
          ? {
              stepId: stepIds[from.step] as string,
              port: outputsOf((scenario.steps[from.step] as RandomStep).kind)[from.output % 2] ?? 'out',
            }
          : null;
      if (source) await studio.do({ type: 'connect', flowId, source, target: { stepId, port } });
    }
  }
  return flowId;
}

/** Answers every open question, lets retries come due, until nothing moves (a few rounds at most). */
async function settle(studio: TestStudio, answers: RandomScenario['answers']): Promise<void> {
  let turn = 0;
  for (let round = 0; round < 6; round++) {
    await studio.conductor.whenIdle();
    // An interrupted run takes answers only once resumed.
    const open = [...studio.runs.runs.values()]
      .filter((run) => run.status === 'running')
      .flatMap((run) =>
        [...run.steps.values()].flatMap((step) =>
          step.asks.filter((a) => a.answer === undefined).map((ask) => ({ run, ask })),
        ),
      );
    for (const { run, ask } of open) {
      const wanted = answers[turn++ % Math.max(1, answers.length)] ?? 'approve';
      const decision = ask.kind === 'input' ? 'provide' : wanted === 'provide' ? 'approve' : wanted;
      const outputs =
        ask.kind === 'input' ? Object.fromEntries((ask.ports ?? []).map((p) => [p.name, 'typed'])) : undefined;
      await studio.do({
        type: 'answerAsk',
        runId: run.runId,
        askId: ask.askId,
        decision,
        ...(outputs ? { outputs } : {}),
      });
    }
    await studio.advanceAndSettle(1_000);
  }
}

const interrupted = (run: RunState) => run.status === 'interrupted';

/** Every call answers at once and spends 150 tokens. */
const llm: LlmClient = {
  complete: () =>
    Promise.resolve({
      ok: true,
      text: 'said',
      usage: { promptTokens: 100, completionTokens: 50 },
      durationMs: 1,
      finishReason: 'stop',
    }),
};

/** Plays a scenario and returns the log it wrote. */
export async function playScenario(sha256: Sha256, scenario: RandomScenario): Promise<StoredEvent[]> {
  const first = await new TestStudio(sha256, behaviours(), undefined, llm).open();
  if (!scenario.autoContinue) await first.do({ type: 'saveSettings', autoContinue: false });
  const flowId = await build(first, scenario);
  // Where each append of the runs ended: a closing tab can only cut the log there.
  const boundaries: number[] = [];
  const append = first.log.append.bind(first.log);
  first.log.append = async (drafts) => {
    const sealed = await append(drafts);
    const last = sealed.at(-1);
    if (last) boundaries.push(last.seq);
    return sealed;
  };
  for (let r = 0; r < scenario.runs; r++) await first.do({ type: 'startRun', flowId, input: `input ${r}` });
  await settle(first, scenario.answers);
  if (scenario.cutAt === null || boundaries.length === 0) return first.events;
  const cut = boundaries[Math.floor(scenario.cutAt * boundaries.length)] ?? boundaries.at(-1) ?? 0;
  // A fresh range of ids, as a real second tab's never repeat the first's.
  const reopened = new TestStudio(sha256, behaviours(), undefined, llm, {}, 100_000);
  reopened.log.events.push(...first.events.filter((e) => e.seq <= cut));
  for (const [hash, record] of first.artifacts.records) reopened.artifacts.records.set(hash, record);
  await reopened.open();
  if (scenario.resume)
    for (const run of [...reopened.runs.runs.values()].filter(interrupted))
      await reopened.do({ type: 'resumeRun', runId: run.runId });
  await settle(reopened, scenario.answers);
  return reopened.events;
}
