import { chromium, expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from './support/chromium.mjs';
import { StudioPage } from './pages/studioPage';

const SHOUT = `// Upper-cases its input and adds an exclamation mark.
export default async function run(ctx: Ctx) {
  const text = String(ctx.inputs.text);
  ctx.log('shouting', text);
  ctx.emit('loud', text.toUpperCase() + '!');
}
`;

/** The step's position in flow coordinates, as React Flow places it (independent of pan and zoom). */
async function flowPosition(page: Page, label: string): Promise<string> {
  return page
    .locator('.react-flow__node')
    .filter({ has: page.getByRole('region', { name: `Step ${label}`, exact: true }) })
    .evaluate((el) => (el as HTMLElement).style.transform);
}

async function expectBuiltFlowIntact(studio: StudioPage): Promise<void> {
  for (const label of ['First', 'Second', 'Third']) await expect(studio.stepStatus(label)).toHaveText('done');
  await expect(studio.page.getByRole('group', { name: /^Edge from / })).toHaveCount(2);
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
  await studio.selectStep('Third');
  await expect(studio.inspector.getByLabel('Artifact output loud')).toContainText('HELLO!!!');
}

test('a person builds a three-step flow with a model written in Monaco, runs it, and finds it all again after a reload and a browser restart', async ({
  baseURL,
}) => {
  // A profile on disk, so closing the browser and opening it again is the real thing.
  const profile = mkdtempSync(join(tmpdir(), 'studio-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath() ?? '/usr/bin/chromium',
      args: chromiumArgs,
      baseURL: baseURL ?? '',
      viewport: { width: 1440, height: 900 },
    });
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    let studio = await new StudioPage(page).open();
    await studio.newProject('Empty project');
    await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();

    await studio.createModel({ name: 'shout', input: 'text', output: 'loud', code: SHOUT });
    await expect(page.getByRole('region', { name: 'Models' }).getByText('text → loud')).toBeVisible();

    // Three steps dragged from the palette onto the canvas, each renamed in the inspector.
    for (const [i, label] of ['First', 'Second', 'Third'].entries()) {
      await studio.dropModel('shout', { x: 60 + i * 260, y: 200 });
      await studio.selectStep('shout');
      await studio.inspector.getByLabel('Step name').fill(label);
      await studio.inspector.getByLabel('Step name').press('Enter');
      await expect(studio.step(label)).toBeVisible();
    }
    await studio.connect('First', 'loud', 'Second', 'text');
    await studio.connect('Second', 'loud', 'Third', 'text');
    await expect(page.getByRole('group', { name: /^Edge from / })).toHaveCount(2);

    // A move is kept: drag the first step down a little.
    const before = await flowPosition(page, 'First');
    await studio.step('First').locator('.step-node__model').hover();
    await page.mouse.down();
    await page.mouse.move(200, 500, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => flowPosition(page, 'First')).not.toBe(before);
    const moved = await flowPosition(page, 'First');

    await page.getByLabel('Run input').fill('hello');
    await studio.pressRun();
    await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
    await expectBuiltFlowIntact(studio);
    await expect(studio.inspector.getByText('Log (1)')).toBeVisible();

    await page.reload();
    await expectBuiltFlowIntact(studio);
    expect(await flowPosition(page, 'First')).toBe(moved);

    await context.close();
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    studio = new StudioPage(page);
    await page.goto('/');
    await expectBuiltFlowIntact(studio);
    expect(await flowPosition(page, 'First')).toBe(moved);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('an agent that loops forever is stopped at its deadline and its step fails with a clear reason', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  await studio.projectWithOneStep({
    name: 'spin',
    timeoutMs: 1000,
    code: 'export default async function run(ctx: Ctx) {\n  while (true) {}\n}\n',
  });
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: failed');
  await expect(studio.stepStatus('spin')).toHaveText('failed');
  await studio.selectStep('spin');
  await expect(studio.inspector.getByRole('status')).toContainText('ran past its deadline of 1000 ms and was stopped');
});

test('an agent that calls fetch fails with a reason that says the network is off limits', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.projectWithOneStep({
    name: 'leak',
    code: "export default async function run(ctx: Ctx) {\n  await fetch('/');\n  ctx.emit('output', 'leaked');\n}\n",
  });
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: failed');
  await studio.selectStep('leak');
  await expect(studio.inspector.getByRole('status')).toContainText('Agents cannot use the network (fetch)');
  await expect(studio.inspector.getByText('Run the flow to see')).toHaveCount(0);
});

test('deleting a step takes its edges with it, and the change survives a reload', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.selectStep('write_tests');
  await page.keyboard.press('Delete');
  await expect(studio.step('write_tests')).toHaveCount(0);
  await expect(page.getByRole('group', { name: /^Edge from / })).toHaveCount(3);
  await page.reload();
  await expect(studio.step('review')).toBeVisible();
  await expect(studio.step('write_tests')).toHaveCount(0);
  await expect(page.getByRole('group', { name: /^Edge from / })).toHaveCount(3);
});

test('a connection between ports of different types is refused with a sentence that says what to do', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  // review's report is JSON; enhance_prompt's prompt input takes text.
  await studio.connect('review', 'report', 'enhance_prompt', 'prompt');
  await expect(page.getByRole('alert').filter({ hasText: 'A json output can' })).toContainText(
    'Connect ports of the same type',
  );
  await expect(page.getByRole('group', { name: /^Edge from / })).toHaveCount(5);
});
