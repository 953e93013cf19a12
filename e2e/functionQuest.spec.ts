import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studioPage';

test('a person plays Function Quest level 1 to a win on the canvas, reads its efficiency, sees level 2 unlock, and Solve shows the planner beside them', async ({
  page,
}, testInfo) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Function Quest');

  // The project opens on level 1, with the Quest panel: story, signatures, goal, fewest calls.
  const quest = page.getByRole('region', { name: 'Function Quest' });
  await expect(quest.getByRole('heading', { name: 'Level 1: The first door' })).toBeVisible();
  await expect(quest.getByText('use_key(key: key) → lock')).toBeVisible();
  await expect(quest.getByText('Fewest calls:')).toBeVisible();
  await expect(quest.getByRole('status', { name: 'Level result' })).toContainText('Not played yet');
  const levels = quest.getByRole('list', { name: 'Levels' });
  await expect(levels.getByRole('listitem', { name: 'Level 1: The first door: not played' })).toBeVisible();
  await expect(levels.getByRole('listitem', { name: 'Level 2: Brass or iron: locked' })).toBeVisible();

  // The level's functions are models: three steps dropped on the canvas and wired, as any flow is built.
  for (const [i, fn] of ['find_key', 'use_key', 'open_door'].entries()) {
    await studio.dropModel(fn, { x: 60 + i * 260, y: 200 });
    await expect(studio.step(fn)).toBeVisible();
  }
  await studio.connect('find_key', 'key', 'use_key', 'key');
  await studio.connect('use_key', 'lock', 'open_door', 'lock');
  await expect(page.getByRole('group', { name: /^Edge from / })).toHaveCount(2);

  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
  await expect(quest.getByRole('status', { name: 'Level result' })).toContainText(
    'Last run: Won in 3 calls (the fewest is 3): efficiency 100%.',
  );
  await expect(levels.getByRole('listitem', { name: 'Level 1: The first door: best 100%' })).toBeVisible();
  await expect(levels.getByRole('listitem', { name: 'Level 2: Brass or iron: not played' })).toBeVisible();
  await expect(levels.getByRole('listitem', { name: /^Level 3: .*: locked$/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('quest-level-1-won.png') });

  // Solve: the planner plays the level from the signatures, its calls listed, beside the person's best.
  await quest.getByRole('button', { name: 'Solve' }).click();
  const planner = quest.getByRole('group', { name: 'Planner’s attempt' });
  await expect(planner.getByRole('status')).toHaveText('Planner: 100% · You: 100%');
  await expect(planner.getByRole('list', { name: 'Planner’s calls' }).getByRole('listitem')).toHaveCount(3);
  await quest.screenshot({ path: testInfo.outputPath('quest-panel-level-1.png') });
  const axe = await new AxeBuilder({ page }).include('section.quest-panel').analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  // Level 2 is unlocked: Play puts its functions in Models and an empty flow for it on the canvas.
  await quest.getByRole('button', { name: 'Play level 2' }).first().click();
  await expect(quest.getByRole('heading', { name: 'Level 2: Brass or iron' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This flow is empty' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Models' }).getByRole('listitem').filter({ hasText: 'take_brass_key' }),
  ).toBeVisible();
  await quest.getByRole('button', { name: 'Solve' }).click();
  await expect(quest.getByRole('group', { name: 'Planner’s attempt' }).getByRole('status')).toHaveText(
    'Planner: 100% · You: not played yet',
  );
  await quest.screenshot({ path: testInfo.outputPath('quest-panel-level-2.png') });

  // Progress is a projection of the log: it is all there after a reload (the panel is under Observe ▾).
  await page.reload();
  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menuitem', { name: 'Function Quest' }).click();
  await expect(
    page
      .getByRole('region', { name: 'Function Quest' })
      .getByRole('list', { name: 'Levels' })
      .getByRole('listitem', { name: 'Level 1: The first door: best 100%' }),
  ).toBeVisible();
});

const MY_LEVEL = {
  id: 'my-garden',
  order: 12,
  title: 'My garden',
  story: 'A gate, and a bell to ring first.',
  concepts: ['sequence'],
  functions: [
    {
      name: 'ring_bell',
      description: 'Rings the bell by the gate.',
      params: [],
      returns: 'sound',
      rules: [{ result: 'ding' }],
      fails: 'Silence.',
    },
    {
      name: 'open_gate',
      description: 'Asks for the gate to open.',
      params: [{ name: 'sound', type: 'sound' }],
      returns: 'gate',
      rules: [{ after: ['ring_bell'], result: 'The gate swings open.' }],
      fails: 'Nobody comes.',
    },
  ],
  goal: { type: 'gate', value: 'The gate swings open.' },
  minCalls: 2,
  optimalFromSignatures: true,
};

test('a level a person wrote is refused with its problem when broken, then added, played to a win, and kept in the project', async ({
  page,
}, testInfo) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Function Quest');
  const quest = page.getByRole('region', { name: 'Function Quest' });
  await quest.getByRole('button', { name: 'Add a level…' }).click();
  const form = quest.getByRole('form', { name: 'Add a level' });
  const field = form.getByLabel('Level (JSON, as the built-in levels are written)');
  await field.fill(JSON.stringify({ ...MY_LEVEL, minCalls: 0 }));
  await form.getByRole('button', { name: 'Add level' }).click();
  await expect(form.getByRole('alert')).toContainText('This level is not valid: minCalls');
  await expect(
    page.getByRole('region', { name: 'Models' }).getByRole('listitem').filter({ hasText: 'ring_bell' }),
  ).toHaveCount(0);

  await field.fill(JSON.stringify(MY_LEVEL, null, 2));
  await form.getByRole('button', { name: 'Add level' }).click();
  await expect(quest.getByRole('heading', { name: 'Level 12: My garden' })).toBeVisible();
  await expect(quest.getByText('open_gate(sound: sound) → gate')).toBeVisible();
  await studio.dropModel('ring_bell', { x: 80, y: 200 });
  await studio.dropModel('open_gate', { x: 380, y: 200 });
  await studio.connect('ring_bell', 'sound', 'open_gate', 'sound');
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded');
  await expect(quest.getByRole('status', { name: 'Level result' })).toContainText(
    'Last run: Won in 2 calls (the fewest is 2): efficiency 100%.',
  );
  const levels = quest.getByRole('list', { name: 'Levels' });
  await expect(levels.getByRole('listitem', { name: 'Level 12: My garden: best 100%' })).toBeVisible();
  // Level 2 of the built-in ladder stays locked: winning a level of one's own unlocks nothing there.
  await expect(levels.getByRole('listitem', { name: 'Level 2: Brass or iron: locked' })).toBeVisible();
  await quest.screenshot({ path: testInfo.outputPath('quest-own-level.png') });

  // The level lives in the project's models: after a reload it is still there, and still won.
  await page.reload();
  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menuitem', { name: 'Function Quest' }).click();
  await expect(
    page
      .getByRole('region', { name: 'Function Quest' })
      .getByRole('listitem', { name: 'Level 12: My garden: best 100%' }),
  ).toBeVisible();
});
