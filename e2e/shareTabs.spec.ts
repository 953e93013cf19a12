import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { expectSoundLog, openProjectId, readLog } from './support/projectLog';
import { flow, openProject, step, text } from './support/definitionsProject';

/** Waits three seconds without burning a core, so the run is still going when the leader closes. */
const SLOW = `export default async function run(ctx: Ctx) {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  ctx.emit('output', 'slept');
}
`;

test('closing the leading tab mid-run: the other tab takes over within 2 s and finishes the run by itself, and no event is ever written twice', async ({
  context,
}) => {
  const leader = new StudioPage(await context.newPage());
  await leader.open();
  await leader.projectWithOneStep({ name: 'slow', code: SLOW, timeoutMs: 10_000 });
  const projectId = await openProjectId(leader.page);

  const follower = new StudioPage(await context.newPage());
  await follower.page.goto('/');
  await expect(
    follower.page.getByRole('status').filter({ hasText: 'Following another tab (read-only)' }),
  ).toBeVisible();
  await expect(follower.step('slow')).toBeVisible();

  await leader.pressRun();
  await expect(follower.stepStatus('slow')).toHaveText('running');
  // The follower tries a change and is refused: that refusal is about to stop being true.
  await follower.selectStep('slow');
  await follower.inspector.getByLabel('Step name').fill('renamed');
  await follower.inspector.getByLabel('Step name').press('Enter');
  const refusal = follower.page.getByRole('alert').filter({ hasText: 'Another tab is running this project' });
  await expect(refusal).toBeVisible();
  await expect(follower.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem')).toHaveText([
    /running…/,
  ]);

  // Measured in the follower: from the moment the leader starts closing to the moment the
  // follower shows it is the writer (its read-only badge gone, Run enabled).
  const closing = Date.now();
  await leader.page.close();
  await follower.page.waitForFunction(
    () =>
      !document.body.textContent?.includes('Following another tab') &&
      !document.querySelector<HTMLButtonElement>('button.primary')?.disabled,
    undefined,
    { polling: 10 },
  );
  const handoverMs = (await follower.page.evaluate(() => Date.now())) - closing;
  test.info().annotations.push({ type: 'hand-over', description: `${handoverMs} ms` });
  console.info(`two-tab hand-over: ${handoverMs} ms`);
  expect(handoverMs).toBeLessThan(2_000);
  await expect(refusal).toHaveCount(0);

  // The new leader goes on with the run, with no click, and says so in one line.
  const told = follower.page.getByRole('status').filter({ hasText: 'continued after' });
  await expect(told).toHaveText([/^Run 1 continued after the other tab closed\./]);
  await follower.page.screenshot({ path: test.info().outputPath('continued-after-takeover.png') });
  await expect(follower.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await expect(follower.stepStatus('slow')).toHaveText('done');
  // The agent that died with the leader shows as abandoned, not running; its successor finished.
  await expect(follower.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem')).toHaveText([
    /abandoned.*It stopped when the tab running it closed\./,
    /succeeded/,
  ]);
  await expect(follower.page.getByRole('button', { name: 'Resume run 1' })).toHaveCount(0);
  await expect(told).toHaveCount(1);

  const log = await readLog(follower.page, projectId);
  await expectSoundLog(log);
  const types = (type: string) => log.filter((e) => e.type === type);
  expect(types('run.finished').map((e) => (e.type === 'run.finished' ? e.data.status : ''))).toEqual(['succeeded']);
  expect(types('run.continued').map((e) => (e.type === 'run.continued' ? e.data.after : ''))).toEqual(['takeover']);
  expect(types('agent.spawned')).toHaveLength(2);
  expect(types('gap.closed').map((e) => (e.type === 'gap.closed' ? e.data.resolution : ''))).toEqual([
    'abandoned',
    'filled',
  ]);
});

const LLM = `http://127.0.0.1:${process.env.STUDIO_LLM_PORT ?? 4599}/v1`;
/** An LLM model on the test server's `slow` behaviour: a chunk every 300 ms, so a long topic streams for seconds. */
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
      prompt: 'Write about {{topic}}',
      timeoutMs: 30_000,
    },
  },
};

test('an LLM reply streaming in the tab that closes: its text and its “running…” go, and the new leader writes the reply again and finishes', async ({
  context,
}) => {
  const leader = await openProject(
    await context.newPage(),
    [slowWriter, flow, step('s_write', 'm_slow', 'Write', 0, 0)],
    'Streaming hand-over',
  );
  const topic = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
  await leader.page.getByLabel('Run input').fill(topic);

  const follower = new StudioPage(await context.newPage());
  await follower.page.goto('/');
  await expect(
    follower.page.getByRole('status').filter({ hasText: 'Following another tab (read-only)' }),
  ).toBeVisible();
  await leader.pressRun();
  await follower.selectStep('Write');
  const live = follower.inspector.getByTestId('live-stream');
  await expect(live).toContainText('Echo: Write about');
  await expect(live).toHaveCount(1);

  await leader.page.close();
  const attempts = follower.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
  await expect(attempts.first()).toContainText('abandoned');
  await expect(follower.page.getByRole('status').filter({ hasText: 'continued after' })).toHaveText([
    /^Run 1 continued after the other tab closed\./,
  ]);
  // At most the new agent's own stream shows while it writes; none once it is done.
  await expect(follower.stepStatus('Write')).toHaveText('done', { timeout: 30_000 });
  await expect(live).toHaveCount(0);
  await expect(attempts).toHaveText([/abandoned/, /succeeded/]);
  await expect(follower.inspector.getByLabel('Artifact output text')).toContainText(`Echo: Write about ${topic}`);
});
