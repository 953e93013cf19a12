import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { TimelinePage } from './pages/timelinePage';
import { CommandPalette } from './pages/commandPalette';
import { configure, edge, fastThenSlow, flow, openProject, script, step, text } from './support/definitionsProject';
import { openProjectId, readRecords } from './support/projectLog';
import { runnerApiPort, runnerDir } from '../playwright.config';

// The runner itself (restate-server and two runner processes) is started by playwright.config.ts.
const runnerUrl = `http://127.0.0.1:${runnerApiPort}`;

async function openRunnerPanel(page: Page) {
  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menuitem', { name: 'Runner' }).click();
  return page.getByRole('region', { name: 'Runner' });
}

/** Opens the Runner panel and connects to the test runner, as a person does; `says` is what the panel then says. */
async function connectRunner(page: Page, says = 'Connected') {
  const panel = await openRunnerPanel(page);
  await panel.getByLabel('Runner address').fill(runnerUrl);
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.getByRole('status').first()).toContainText(says);
  return panel;
}

test('the software pipeline runs on the runner, shows live, goes on while the tab is away, and comes back verified', async ({
  page,
}) => {
  await new StudioPage(page).open();
  const panel = await connectRunner(page, 'Connected: studio 0.1.0, 2 runner processes');
  await panel.getByRole('button', { name: 'Run “Software pipeline” on runner' }).click();

  const runs = panel.getByRole('list', { name: 'Remote runs' });
  // Live: the remote log's steps finish one by one while the panel follows it.
  await expect(runs.getByText(/running: \d+ of 5 steps done/)).toBeVisible();
  await expect(runs.getByText('remote', { exact: true })).toBeVisible();

  // The tab goes away mid-run; the run goes on on the runner. Reopened, the studio catches up.
  await page.reload();
  const again = await openRunnerPanel(page);
  const row = again.getByRole('list', { name: 'Remote runs' }).getByRole('listitem').first();
  await expect(row).toContainText('succeeded', { timeout: 60_000 });
  // Its history is in this project's log now, as run 1 of the flow, marked remote in the Runs list.
  await expect(row).toContainText(
    'In this project’s log as run 1: its chain and the runner’s signature were checked first.',
    { timeout: 30_000 },
  );
  const runList = page.getByRole('region', { name: 'Runs' });
  await expect(runList.getByRole('button', { name: 'Run 1 (remote): succeeded' })).toBeVisible();
  await expect(runList.getByText('remote', { exact: true })).toBeVisible();
  await expect(new StudioPage(page).stepStatus('review')).toHaveText('done');
  await page.screenshot({ path: test.info().outputPath('runner-panel.png') });
});

test('a runner that does not answer says so and names the command that starts one', async ({ page }) => {
  await new StudioPage(page).open();
  const panel = await openRunnerPanel(page);
  await panel.getByLabel('Runner address').fill('http://127.0.0.1:9');
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.getByRole('alert')).toContainText(
    'No runner answers at http://127.0.0.1:9. Start one with `npm run runner`',
  );
  await expect(panel.getByRole('button', { name: 'Run “Software pipeline” on runner' })).toBeDisabled();
});

// The local OpenAI-compatible server Playwright starts; its `slow` model streams a chunk every 300 ms.
const LLM = `http://127.0.0.1:${process.env.STUDIO_LLM_PORT ?? 4599}/v1`;
const slowWriter = {
  type: 'model.saved',
  data: {
    model: {
      modelId: 'm_slow',
      kind: 'llm',
      name: 'Writer',
      version: 1,
      inputs: [text('topic')],
      outputs: [text('text')],
      baseUrl: LLM,
      model: 'slow',
      system: 'You are terse.',
      prompt: 'Write about {{topic}}',
      timeoutMs: 20_000,
    },
  },
};

const TOPIC =
  'tide pools at dawn, where anemones open one by one, small crabs wander between the rocks, gulls call over the still water, and the tide comes slowly back in across the sand until the pools are gone again';

test('an LLM step on the runner streams its text into the inspector while it runs there', async ({ page }) => {
  const studio = await openProject(page, [slowWriter, flow, step('s_write', 'm_slow', 'Write', 0, 0)], 'Remote writer');
  const panel = await connectRunner(page);
  // A topic long enough that the reply streams for several seconds (a piece of three words every
  // 300 ms): a short one was over before the inspector was open.
  await panel.getByLabel('Run input').fill(TOPIC);
  await panel.getByRole('button', { name: 'Run “Main” on runner' }).click();
  await new CommandPalette(page).runCommand('open inspector', 'Open Inspector');
  await studio.selectStep('Write');
  // Part of the reply, while the step is still running on the runner.
  const live = studio.inspector.getByTestId('live-stream');
  await expect(live).toContainText('Echo:');
  await expect(studio.stepStatus('Write')).toHaveText('running');
  await page.screenshot({ path: test.info().outputPath('remote-llm-streaming.png') });
  // Its artifact is read from the runner (its hash checked) until the history comes in, then from here.
  await expect(studio.stepStatus('Write')).toHaveText('done', { timeout: 30_000 });
  await expect(studio.inspector).toContainText(`Echo: Write about ${TOPIC}`);
  const runs = page.getByRole('region', { name: 'Runs' });
  await expect(runs.getByRole('button', { name: 'Run 1 (remote): succeeded' })).toBeVisible();
  await expect(runs.getByTitle(/^Ran on the runner at .* Its history was checked/)).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await studio.selectStep('Write');
  await expect(studio.inspector).toContainText(`Echo: Write about ${TOPIC}`);
});

/** The runner processes' ids, as the runner's launcher wrote them (see playwright.config.ts). */
const runnerProcesses = (): number[] =>
  (JSON.parse(readFileSync(`${runnerDir}/processes-${runnerApiPort}.json`, 'utf8')) as { workers: number[] }).workers;

const slowMapProject = [
  script(
    'm_split',
    'Split',
    { inputs: ['in'], outputs: ['items'], json: ['items'] },
    "ctx.emit('items', Array.from({ length: 12 }, (_, i) => i));",
  ),
  script(
    'm_work',
    'Work',
    { inputs: ['item'], outputs: ['result'], json: ['item', 'result'] },
    "await new Promise((r) => setTimeout(r, 1200)); ctx.emit('result', { item: ctx.inputs.item, twice: Number(ctx.inputs.item) * 2 });",
  ),
  script(
    'm_sum',
    'Sum',
    { inputs: ['results'], outputs: ['total'], json: ['results', 'total'] },
    "ctx.emit('total', (ctx.inputs.results as Array<{ twice: number }>).reduce((n, r) => n + r.twice, 0));",
  ),
  flow,
  step('s_split', 'm_split', 'Split', 0, 0),
  step('s_work', 'm_work', 'Work', 300, 0),
  step('s_sum', 'm_sum', 'Sum', 600, 0),
  edge('e_1', 's_split', 'items', 's_work', 'item'),
  edge('e_2', 's_work', 'result', 's_sum', 'results'),
  configure('s_work', { map: { port: 'item', concurrency: 4 } }),
];

test('Stop on a run going on the runner stops it there: it comes in interrupted with its finished steps kept, and Resume finishes it here', async ({
  page,
}) => {
  const studio = await openProject(page, fastThenSlow(8000), 'Stop on runner');
  const panel = await connectRunner(page);
  await panel.getByRole('button', { name: 'Run “Main” on runner' }).click();
  const runs = page.getByRole('region', { name: 'Runs' });
  await expect(runs.getByRole('button', { name: 'Run 1 (remote): running' })).toBeVisible();
  await expect(studio.stepStatus('Slow step')).toHaveText('running', { timeout: 20_000 });

  const stop = page.getByRole('banner').getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toHaveAttribute('title', /on its runner/);
  await stop.click();
  // It comes in stopped, without waiting for the slow step's agent still at work on the runner.
  await expect(runs.getByRole('button', { name: /^Run 1 \(remote\): interrupted/ })).toBeVisible({ timeout: 15_000 });
  await expect(panel.getByRole('list', { name: 'Remote runs' })).toContainText('In this project’s log as run 1', {
    timeout: 30_000,
  });
  await expect(stop).toHaveCount(0);
  await expect(runs).toContainText('Stopped by you. Resume the run to finish it.');
  await expect(studio.stepStatus('Fast step')).toHaveText('done');
  await expect(studio.stepStatus('Slow step')).toHaveText('waiting');
  const records = await readRecords(page, await openProjectId(page));
  const produced = (stepId: string) =>
    records.filter((r) => r.type === 'artifact.produced' && (r.data as { stepId: string }).stepId === stepId);
  expect(produced('s_slow')).toHaveLength(0);
  expect(produced('s_fast')).toHaveLength(1);
  await page.screenshot({ path: test.info().outputPath('remote-run-stopped.png') });
  // In the narrow Runs list the badge stays on its run's line (beside the time), overlapping nothing.
  const item = runs.getByRole('button', { name: /^Run 1 \(remote\)/ });
  const [badge, time, status] = await Promise.all(
    ['.remote-badge', '.run-item__time', '.run-item__status'].map(
      async (css) => (await item.locator(css).boundingBox())!,
    ),
  );
  expect(Math.abs(badge!.y + badge!.height / 2 - (time!.y + time!.height / 2))).toBeLessThan(4);
  const overlap = (a: typeof badge, b: typeof badge) =>
    a!.x < b!.x + b!.width && b!.x < a!.x + a!.width && a!.y < b!.y + b!.height && b!.y < a!.y + a!.height;
  expect(overlap(badge, time) || overlap(badge, status) || overlap(status, time)).toBe(false);

  // Resume finishes it in this tab: only the slow step runs; the fast one's output is the runner's.
  await page.getByRole('button', { name: 'Resume run 1' }).click();
  await expect(runs.getByRole('button', { name: /^Run 1 \(remote\): succeeded/ })).toBeVisible({ timeout: 30_000 });
  await new CommandPalette(page).runCommand('open inspector', 'Open Inspector');
  await studio.selectStep('Fast step');
  await expect(studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem')).toHaveCount(1);
  await studio.selectStep('Slow step');
  await expect(studio.inspector).toContainText('slowly done');
});

// Last in this file: it kills one of the two runner processes, which the launcher does not restart.
test('a slow map survives a runner process killed mid-run, comes in verified, scrubs on the timeline, forks locally and compares with a local run', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const studio = await openProject(page, slowMapProject, 'Slow map');
  const panel = await connectRunner(page, '2 runner processes');
  await panel.getByRole('button', { name: 'Run “Main” on runner' }).click();

  // Live on the canvas while it runs there: the map step's items come in one by one.
  const runs = page.getByRole('region', { name: 'Runs' });
  await expect(runs.getByRole('button', { name: 'Run 1 (remote): running' })).toBeVisible();
  await expect(studio.stepStatus('Split')).toHaveText('done');
  await expect(studio.stepStatus('Work')).toHaveText('running');
  await page.screenshot({ path: test.info().outputPath('remote-run-live.png') });

  // One runner process dies outright, mid-map; the run goes on on the other.
  const [victim] = runnerProcesses();
  process.kill(victim as number, 'SIGKILL');

  await expect(runs.getByRole('button', { name: 'Run 1 (remote): succeeded' })).toBeVisible({ timeout: 180_000 });
  await expect(panel.getByRole('list', { name: 'Remote runs' })).toContainText('In this project’s log as run 1', {
    timeout: 30_000,
  });
  await expect(studio.stepStatus('Sum')).toHaveText('done');
  await page.screenshot({ path: test.info().outputPath('remote-run-imported.png') });

  // Every step's output is in the local log once: the split, each of the 12 items, the gathered list, the sum.
  const records = await readRecords(page, await openProjectId(page));
  const imported = records.filter((r) => r.type === 'run.imported');
  expect(imported).toHaveLength(1);
  const runId = imported[0]?.runId;
  const outputs = records
    .filter((r) => r.runId === runId && r.type === 'artifact.produced')
    .map((r) => {
      const d = r.data as { stepId: string; port: string; item?: number };
      return `${d.stepId}.${d.port}#${d.item ?? '-'}`;
    });
  expect(outputs).toHaveLength(new Set(outputs).size);
  expect(outputs.filter((o) => o.startsWith('s_work.result#') && !o.endsWith('#-'))).toHaveLength(12);
  expect(outputs).toEqual(expect.arrayContaining(['s_split.items#-', 's_work.result#-', 's_sum.total#-']));

  // The timeline scrubs the imported run: back to the moment the split was done.
  const timeline = new TimelinePage(page);
  await timeline.scrubTo(/“Split” done/);
  await expect(studio.stepStatus('Split')).toHaveText('done');
  await expect(studio.stepStatus('Sum')).toHaveText('waiting');
  // Fork from here goes on locally from that moment: the split is taken from the remote run.
  await timeline.root.getByRole('button', { name: 'Fork from here' }).click();
  await expect(studio.run(2)).toHaveAccessibleName('Run 2: succeeded', { timeout: 60_000 });
  await expect(runs.getByText('· fork of 1')).toBeVisible();
  await timeline.scrubTo(/Fork started/);
  await expect(studio.stepStatus('Split')).toHaveText('reused');
  await expect(studio.stepStatus('Work')).toHaveText('waiting');

  // A local run of the same flow, compared with the remote one: the same artifacts at every step.
  await studio.pressRun();
  await expect(studio.run(3)).toHaveAccessibleName('Run 3: succeeded', { timeout: 60_000 });
  await runs.getByRole('button', { name: 'Compare with run 1' }).click();
  await expect(page.getByRole('complementary', { name: 'Compare runs' })).toContainText(
    'The two runs produced the same artifacts at every step.',
  );
  await page.screenshot({ path: test.info().outputPath('remote-run-compared.png') });
});

test('Continue on runner goes on from a moment of a local run: the steps done by then are given, the rest run on the runner, and it comes back verified', async ({
  page,
}) => {
  const studio = await openProject(
    page,
    [
      script('m_first', 'First', { inputs: ['in'], outputs: ['out'] }, "ctx.emit('out', 'first:' + ctx.inputs.in);"),
      script('m_second', 'Second', { inputs: ['in'], outputs: ['out'] }, "ctx.emit('out', ctx.inputs.in + ' second');"),
      script('m_third', 'Third', { inputs: ['in'], outputs: ['out'] }, "ctx.emit('out', ctx.inputs.in + ' third');"),
      flow,
      step('s_first', 'm_first', 'First', 0, 0),
      step('s_second', 'm_second', 'Second', 320, 0),
      step('s_third', 'm_third', 'Third', 640, 0),
      edge('e_1', 's_first', 'out', 's_second', 'in'),
      edge('e_2', 's_second', 'out', 's_third', 'in'),
    ],
    'Continue remotely',
  );
  await page.getByLabel('Run input').fill('go');
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName(/^Run 1: succeeded/);
  const panel = await connectRunner(page);

  await studio.run(1).click();
  const timeline = new TimelinePage(page);
  await timeline.scrubTo(/“First” done/);
  await timeline.root.getByRole('button', { name: 'Continue on runner' }).click();

  const runList = page.getByRole('region', { name: 'Runs' });
  await expect(runList.getByRole('button', { name: 'Run 2 (remote): succeeded' })).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByRole('list', { name: 'Remote runs' }).getByRole('listitem').first()).toContainText(
    'In this project’s log as run 2',
    { timeout: 30_000 },
  );
  await runList.getByRole('button', { name: 'Run 2 (remote): succeeded' }).click();
  await new CommandPalette(page).runCommand('open inspector', 'Open Inspector');
  await studio.selectStep('First');
  await expect(studio.inspector).toContainText(
    'given when the run started (by a person, or from the run it continues): its model did not run',
  );
  await studio.selectStep('Third');
  await expect(studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem')).toHaveCount(1);
  await expect(studio.inspector).toContainText('first:go second third');
});
