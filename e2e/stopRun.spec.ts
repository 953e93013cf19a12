import { expect, test } from '@playwright/test';
import { fastThenSlow, flow, openProject, script, step } from './support/definitionsProject';

test('Stop interrupts the shown run, finished steps keep their outputs, and Resume finishes only what had not', async ({
  page,
}) => {
  const studio = await openProject(page, fastThenSlow(3000), 'Stop and resume');
  const stop = page.getByRole('banner').getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toHaveCount(0);
  await studio.pressRun();
  await expect(studio.stepStatus('Slow step')).toHaveText('running', { timeout: 15_000 });
  await stop.click();

  await expect(studio.run(1)).toHaveAccessibleName(/^Run 1: interrupted/);
  await expect(stop).toHaveCount(0);
  await expect(studio.stepStatus('Fast step')).toHaveText('done');
  await expect(studio.stepStatus('Slow step')).toHaveText('waiting');
  await studio.selectStep('Slow step');
  await expect(studio.inspector.getByRole('list', { name: 'Attempts' })).toContainText('It was stopped with the run.');

  await page.getByRole('button', { name: 'Resume run 1' }).click();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 20_000 });
  // The fast step was not run again: one attempt, from before the stop.
  await studio.selectStep('Fast step');
  await expect(studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem')).toHaveCount(1);
});

test('the palette offers Stop the run only while a run is going', async ({ page }) => {
  const studio = await openProject(
    page,
    [
      script(
        'm_slow',
        'Slow',
        { inputs: ['in'], outputs: ['out'] },
        "await new Promise((r) => setTimeout(r, 3000)); ctx.emit('out', 'slowly done');",
      ),
      flow,
      step('s_slow', 'm_slow', 'Slow step', 0, 0),
    ],
    'Stop from the palette',
  );
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox').fill('stop the run');
  await expect(palette.getByRole('option', { name: /Stop the run/ })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await studio.pressRun();
  await expect(studio.stepStatus('Slow step')).toHaveText('running', { timeout: 15_000 });
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox').fill('stop the run');
  await palette.getByRole('option', { name: /Stop the run/ }).click();
  await expect(studio.run(1)).toHaveAccessibleName(/^Run 1: interrupted/);
});
