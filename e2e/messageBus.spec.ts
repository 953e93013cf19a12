import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { configure, edge, flow, openProject, script, step } from './support/definitionsProject';
import { TimelinePage } from './pages/timelinePage';
import { monacoText, setMonacoText } from './support/monacoEditor';

/** A listen model as the studio stores it: it takes three work items off the bus, as one list. */
const listenModel = {
  type: 'model.saved',
  data: {
    model: {
      modelId: 'm_listen',
      kind: 'listen',
      name: 'Take work items',
      description: '',
      version: 1,
      inputs: [],
      outputs: [{ name: 'items', type: 'json' }],
      timeoutMs: 10_000,
      topic: 'work-items',
      filter: 'message.item > 0',
      take: 3,
    },
  },
};

/**
 * Producer posts three work items; in another branch (no edge between them) a listen step takes
 * them off the bus and a worker does each one (a map step, one agent per item), reporting back.
 */
const coordination = [
  script(
    'm_producer',
    'Producer',
    { inputs: ['in'], outputs: ['out'] },
    `for (const [item, title] of [[1, 'Write the brief'], [2, 'Draft the plan'], [3, 'Review it']]) {
  await ctx.bus.post('work-items', { item, title });
}
ctx.emit('out', 'posted 3 work items');`,
  ),
  listenModel,
  script(
    'm_worker',
    'Worker',
    { inputs: ['items'], outputs: ['out'], json: ['items'] },
    `const work = ctx.inputs.items as { item: number; title: string };
await ctx.bus.post('done', 'finished ' + work.title);
ctx.emit('out', 'did ' + work.title);`,
  ),
  flow,
  step('s_producer', 'm_producer', 'Producer', 0, 0),
  step('s_listen', 'm_listen', 'Take work items', 0, 220),
  step('s_worker', 'm_worker', 'Worker', 320, 220),
  edge('e_work', 's_listen', 'items', 's_worker', 'items'),
  configure('s_worker', { map: { port: 'items', concurrency: 3 } }),
];

test('two agents coordinate over the bus: a listen step takes the work items, the Message bus shows and exports them', async ({
  page,
}, testInfo) => {
  const studio = await openProject(page, coordination, 'Bus coordination');
  // The empty state says what the bus is and how agents use it.
  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menuitem', { name: 'Message bus' }).click();
  const panel = page.getByRole('complementary', { name: 'Message bus' });
  await expect(panel).toContainText('No messages yet.');
  // Its content sits inside the panel, not against its edge.
  const frame = await panel.boundingBox();
  const title = await panel.getByText('No messages yet.').boundingBox();
  expect((title?.x ?? 0) - (frame?.x ?? 0)).toBeGreaterThanOrEqual(8);

  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
  await expect(studio.stepStatus('Take work items')).toHaveText('done');
  await expect(studio.stepStatus('Worker')).toHaveText('done');

  // Every message, in order: three work items from the Producer, three reports from the Worker.
  const rows = panel.getByRole('listitem');
  await expect(panel).toContainText('6 messages');
  await expect(rows.first()).toHaveAccessibleName(
    'Producer on work-items in Main · Run 1: {"item":1,"title":"Write the brief"}',
  );
  await expect(rows).toHaveCount(6);
  // The runs list says how many messages the run posted, and its latest.
  await expect(page.getByRole('region', { name: 'Runs' })).toContainText(
    '6 messages · latest: Worker → done: finished',
  );

  // Filters: by topic, then by agent.
  await panel.getByLabel('Topic').selectOption('done');
  await expect(panel).toContainText('3 of 6 messages');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toHaveAccessibleName(/^Worker on done in Main · Run 1: finished /);
  await panel.getByLabel('Topic').selectOption('');
  await panel.getByLabel('Agent').selectOption('Producer');
  await expect(rows).toHaveCount(3);
  await panel.getByLabel('Agent').selectOption('');

  // A message moves the timeline to it, by keyboard as by mouse.
  await rows.nth(1).focus();
  await page.keyboard.press('Enter');
  await new TimelinePage(page).expectAt(/Producer posted on “work-items”/);

  await page.screenshot({ path: testInfo.outputPath('message-bus.png') });
  await panel.screenshot({ path: '/work/wt/shots/bus-panel.png' });

  // Export as MESSAGE-BUS.md: one line per message, oldest first.
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export as MESSAGE-BUS.md' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('MESSAGE-BUS.md');
  const text = await readFile((await file.path()) ?? '', 'utf8');
  const lines = text.split('\n').filter((l) => l.includes(' → '));
  expect(lines).toHaveLength(6);
  expect(lines[0]).toMatch(
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[Main · Run 1\] Producer → work-items: \{"item":1,"title":"Write the brief"\}$/,
  );
  expect(lines.filter((l) => l.includes('Worker → done: finished '))).toHaveLength(3);
});

test('a listen filter that does not compile is a sentence in the editor, and nothing is saved', async ({ page }) => {
  await openProject(page, coordination, 'Bus coordination');
  await page.getByRole('button', { name: 'Edit model Take work items' }).click();
  const editor = page.getByRole('complementary', { name: 'Model editor' });
  await expect(editor.getByRole('heading', { name: 'Edit model · version 1' })).toBeVisible();
  expect(await monacoText(page, 'Model definition')).toContain('"topic": "work-items"');
  const { modelId, name, inputs, outputs, topic, take } = listenModel.data.model;
  const broken = { modelId, kind: 'listen', name, inputs, outputs, topic, take, filter: 'message.item >>> 0' };
  await setMonacoText(page, 'Model definition', JSON.stringify(broken, null, 2));
  await editor.getByRole('button', { name: 'Save model' }).click();
  await expect(editor).toContainText('Its filter “message.item >>> 0” is not a valid CEL condition');
  await expect(editor.getByRole('heading', { name: 'Edit model · version 1' })).toBeVisible();
});
