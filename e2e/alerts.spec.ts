import { expect, test, type Page } from '@playwright/test';
import { StudioPage } from './pages/studioPage';
import { edge, flow, openProject, script, step } from './support/definitionsProject';
import { monacoMarkers, monacoText, setMonacoText } from './support/monacoEditor';

const PASSING = "import { add } from './add';\ntest('adds', () => expect(add(1, 2)).toBe(3));";
// Security and Testing fail on this: the all-pass gate blocks the release.
const FAILING = 'document.body.innerHTML = eval(userInput);';

const RULES = `// More than half of the release runs in the last hour failed or were blocked.
{
  "alerts": {
    "highErrorRate": { "when": "error_rate > 50% over 1h", "flow": "Release checks", "description": "Releases keep failing their checks." }
  }
}
`;

async function openAlerts(page: Page) {
  await page.getByRole('button', { name: 'Observe ▾' }).click();
  await page.getByRole('menu', { name: 'Observe' }).getByRole('menuitem', { name: 'Alerts' }).click();
  const panel = page.getByRole('complementary', { name: 'Alerts' });
  await expect(panel.getByRole('textbox', { name: 'Alerts document' })).toBeAttached();
  return panel;
}

async function runWith(studio: StudioPage, n: number, input: string) {
  await studio.page.getByLabel('Run input').fill(input);
  await studio.pressRun();
  await expect(studio.run(n)).toHaveAccessibleName(`Run ${n}: succeeded`, { timeout: 30_000 });
}

test('an error-rate rule fires after failing release checks, shows in the Alerts list, and resolves after passing ones', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Example: release checks');
  const panel = await openAlerts(page);
  await expect(panel).toContainText('No alert has fired');
  expect(await monacoText(page, 'Alerts document')).toContain('"highErrorRate": { "when": "error_rate > 5% over 5m"');

  await setMonacoText(page, 'Alerts document', RULES);
  await panel.getByRole('button', { name: 'Save alert rules' }).click();
  await expect(panel.getByRole('status')).toHaveText('Alert rules saved.');

  await runWith(studio, 1, PASSING);
  await expect(panel).toContainText('No alert has fired');
  // 1 of 2 runs blocked is 50%: not over it yet. The second blocked run makes it 67%.
  await runWith(studio, 2, FAILING);
  await expect(panel).toContainText('No alert has fired');
  await runWith(studio, 3, FAILING);
  const alert = panel.getByRole('button', { name: 'highErrorRate: firing, 66.7%' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('error_rate > 50% over 1h · was 66.7%');
  await expect(alert).toContainText('Release checks');
  await page.screenshot({ path: test.info().outputPath('alerts-firing.png') });

  // Clicking it shows the run that tipped it, with the timeline at the alert.
  await alert.click();
  await expect(page.getByRole('slider', { name: /timeline/i })).toHaveAttribute(
    'aria-valuetext',
    /Alert “highErrorRate” fired/,
  );

  // Passing runs bring it back down: 2 of 4 is 50%, no longer over it.
  await runWith(studio, 4, PASSING);
  const resolved = panel.getByRole('button', { name: 'highErrorRate: resolved, 66.7%' });
  await expect(resolved).toBeVisible();
  await expect(resolved).toContainText('now 50%');
  await expect(panel.getByRole('button', { name: /highErrorRate: firing/ })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('alerts-resolved.png') });
});

test('a malformed rule is marked inline, refused on save with its path and line, and changes nothing', async ({
  page,
}) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Example: release checks');
  const panel = await openAlerts(page);
  await setMonacoText(page, 'Alerts document', RULES);
  await panel.getByRole('button', { name: 'Save alert rules' }).click();
  await expect(panel.getByRole('status')).toHaveText('Alert rules saved.');

  const broken = '{\n  "alerts": {\n    "highErrorRate": { "when": "error_rate > 5 over 5m" }\n  }\n}\n';
  await setMonacoText(page, 'Alerts document', broken);
  await expect
    .poll(async () =>
      (await monacoMarkers(page))
        .filter((m) => m.severity === 'error')
        .map((m) => `${m.startLineNumber}: ${m.message}`),
    )
    .toContainEqual(
      expect.stringContaining('3: alerts.highErrorRate.when: error_rate is a percentage: write it with %'),
    );
  await expect(
    panel.getByText('error_rate is a percentage: write it with %, such as 5% (at character 14)').first(),
  ).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('alerts-inline-error.png') });

  await panel.getByRole('button', { name: 'Save alert rules' }).click();
  await expect(panel.getByRole('alert')).toContainText(
    'The alert rules were not saved. At alerts.highErrorRate.when (line 3): error_rate is a percentage',
  );
  await expect(panel.getByRole('alert')).toContainText('the rules in force did not change');
  // Nothing changed: Revert brings back the saved rules, and they still work.
  await panel.getByRole('button', { name: 'Revert' }).click();
  await expect.poll(() => monacoText(page, 'Alerts document')).toBe(RULES);
  await runWith(studio, 1, FAILING);
  await expect(panel.getByRole('button', { name: 'highErrorRate: firing, 100%' })).toBeVisible();
});

test('a throttle rule holds new runs in the Inbox until a person lets them go on', async ({ page }) => {
  const studio = await new StudioPage(page).open();
  await studio.newProject('Example: release checks');
  const panel = await openAlerts(page);
  await setMonacoText(
    page,
    'Alerts document',
    '{ "alerts": { "blockedRelease": { "when": "error_rate > 0% over 1h", "action": "throttle" } } }\n',
  );
  await panel.getByRole('button', { name: 'Save alert rules' }).click();
  await expect(panel.getByRole('status')).toHaveText('Alert rules saved.');
  await runWith(studio, 1, FAILING);
  await expect(panel.getByRole('button', { name: 'blockedRelease: firing, 100%' })).toContainText('throttles new runs');

  await page.getByLabel('Run input').fill(PASSING);
  await studio.pressRun();
  await expect(studio.run(2)).toHaveAccessibleName(/^Run 2: running/);
  await page.getByRole('button', { name: /^Inbox \(1\)$/ }).click();
  const card = page.getByRole('article', { name: 'Throttled: Release checks · Run 2' });
  await expect(card).toContainText('Held because the alert “blockedRelease” fires');
  await expect(studio.stepStatus('Security')).not.toHaveText('done');
  await page.screenshot({ path: test.info().outputPath('alerts-throttled-inbox.png') });
  await card.getByLabel('Notes (optional)').fill('Known flaky check');
  await card.getByRole('button', { name: 'Let it go on' }).click();
  await expect(studio.run(2)).toHaveAccessibleName('Run 2: succeeded', { timeout: 30_000 });
  await expect(card).toHaveCount(0);
});

test('a review rule pauses a run going too long before its next step, until a person lets it go on', async ({
  page,
}) => {
  const studio = await openProject(
    page,
    [
      script(
        'm_slow',
        'Slow',
        { inputs: ['in'], outputs: ['out'] },
        "await new Promise((r) => setTimeout(r, 2500)); ctx.emit('out', 'slowly done');",
      ),
      script('m_ship', 'Ship', { inputs: ['in'], outputs: ['out'] }, "ctx.emit('out', 'shipped');"),
      flow,
      step('s_slow', 'm_slow', 'Slow step', 0, 0),
      step('s_ship', 'm_ship', 'Ship it', 320, 0),
      edge('e_1', 's_slow', 'out', 's_ship', 'in'),
    ],
    'Review long runs',
  );
  const panel = await openAlerts(page);
  await setMonacoText(
    page,
    'Alerts document',
    '{ "alerts": { "longRun": { "when": "run duration > 1s", "action": "review" } } }\n',
  );
  await panel.getByRole('button', { name: 'Save alert rules' }).click();
  await expect(panel.getByRole('status')).toHaveText('Alert rules saved.');

  await studio.pressRun();
  await expect(panel.getByRole('button', { name: /^longRun: firing/ })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: /^Inbox \(1\)$/ }).click();
  const card = page.getByRole('article', { name: 'Paused for review: Main · Run 1' });
  await expect(card).toContainText('Paused for review: the alert “longRun” fired');
  // The slow step finishes, but the next one does not start while the run is held.
  await expect(studio.stepStatus('Slow step')).toHaveText('done', { timeout: 15_000 });
  await expect(studio.stepStatus('Ship it')).not.toHaveText('done');
  await expect(studio.run(1)).toHaveAccessibleName(/^Run 1: running/);
  await expect(page.getByRole('region', { name: 'Shown run' })).toContainText(
    'Paused for review by the alert “longRun”: see the Inbox',
  );
  await page.screenshot({ path: test.info().outputPath('alerts-review-inbox.png') });

  await card.getByRole('button', { name: 'Let it go on' }).click();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 20_000 });
  await expect(studio.stepStatus('Ship it')).toHaveText('done');
  await expect(card).toHaveCount(0);
});
