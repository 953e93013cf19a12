import { expect, test } from '@playwright/test';
import { ProjectMenu } from './pages/projectMenu';
import { configure, edge, flow, openProject, step, text } from './support/definitionsProject';

// The local OpenAI-compatible server Playwright starts (playwright.config.ts): it streams SSE like
// the real API, and the requested model name says how it behaves (fail-2, ratelimit-1, stall…).
const LLM = `http://127.0.0.1:${process.env.STUDIO_LLM_PORT ?? 4599}/v1`;

const llm = (modelId: string, name: string, model: string, extra: object = {}) => ({
  type: 'model.saved',
  data: {
    model: {
      modelId,
      kind: 'llm',
      name,
      version: 1,
      inputs: [text('topic')],
      outputs: [text('text')],
      baseUrl: LLM,
      model,
      system: 'You are terse.',
      prompt: 'Write about {{topic}}',
      pricing: { inputPerMTok: 3, outputPerMTok: 15 },
      timeoutMs: 10_000,
      ...extra,
    },
  },
});

interface ServerRequest {
  model: string;
  hadAuth: boolean;
  maxTokens: number | null;
}
async function requests(request: import('@playwright/test').APIRequestContext): Promise<ServerRequest[]> {
  return (await (await request.get(`${LLM.replace('/v1', '')}/__requests`)).json()) as ServerRequest[];
}

test.beforeEach(async ({ request }) => {
  await request.post(`${LLM.replace('/v1', '')}/__reset`);
});

test('an LLM step streams its reply into the artifact live and meters tokens and cost', async ({ page }) => {
  const studio = await openProject(
    page,
    [llm('m_slow', 'Writer', 'slow'), flow, step('s_write', 'm_slow', 'Write', 0, 0)],
    'LLM streaming',
  );
  await expect(studio.step('Write').getByLabel('kind: LLM')).toBeVisible();
  await page.getByLabel('Run input').fill('tide pools at dawn');
  await studio.pressRun();
  await studio.selectStep('Write');
  const live = studio.inspector.getByTestId('live-stream');
  await expect(live).toContainText('Echo:');
  const early = (await live.textContent()) ?? '';
  await expect(studio.stepStatus('Write')).toHaveText('done', { timeout: 30_000 });
  await expect(studio.inspector).toContainText('Echo: Write about tide pools at dawn');
  expect(early.length).toBeLessThan('Echo: Write about tide pools at dawn'.length + 20);
  await expect(
    studio.inspector
      .getByRole('meter', { name: 'Step tokens' })
      .or(studio.inspector.getByRole('region', { name: 'Step spend' })),
  ).toContainText(/token/);
  await expect(page.getByRole('group', { name: 'Run spend' })).toHaveText(/^\d+ tokens · \$0\.0\d+ · /);
});

test('over HTTP: retries after 500s and a 429, falls back when a server is down, and a stalled stream times out', async ({
  page,
  request,
}) => {
  const retry = (on: string[]) => ({ retry: { maxAttempts: 3, backoff: 'fixed', baseMs: 200, on } });
  const studio = await openProject(
    page,
    [
      llm('m_flaky', 'Flaky server', 'fail-2'),
      llm('m_limited', 'Rate limited', 'ratelimit-1'),
      llm('m_down', 'Down server', 'down'),
      llm('m_echo', 'Backup', 'echo'),
      llm('m_stall', 'Stalling', 'stall', { timeoutMs: 1_500 }),
      flow,
      step('s_flaky', 'm_flaky', 'Flaky', 0, 0),
      step('s_limited', 'm_limited', 'Limited', 0, 200),
      step('s_down', 'm_down', 'Down', 0, 400),
      step('s_stall', 'm_stall', 'Stall', 0, 600),
      configure('s_flaky', retry(['server'])),
      configure('s_limited', retry(['rate-limit'])),
      configure('s_down', { ...retry(['server']), fallbacks: ['m_echo'] }),
      configure('s_stall', { critical: false }),
    ],
    'LLM resilience',
  );
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await expect(studio.stepStatus('Stall')).toHaveText('skipped');

  await studio.selectStep('Flaky');
  const attempts = studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
  await expect(attempts).toHaveCount(3);
  await expect(attempts.nth(0)).toContainText('server');
  await studio.selectStep('Down');
  await expect(studio.inspector.getByTestId('produced-by')).toHaveText('Produced by Backup v1 (fallback)');
  await studio.selectStep('Stall');
  await expect(studio.inspector).toContainText(/timeout/i);

  const seen = await requests(request);
  const count = (model: string) => seen.filter((r) => r.model === model).length;
  expect([count('fail-2'), count('ratelimit-1'), count('down'), count('echo')]).toEqual([3, 2, 3, 1]);
});

test('budgets: a run stops at its token budget instead of overspending, and max_tokens is capped by what is left', async ({
  page,
  request,
}) => {
  const studio = await openProject(
    page,
    [
      llm('m_long', 'Long writer', 'long'),
      flow,
      step('s_first', 'm_long', 'First', 0, 0),
      step('s_second', 'm_long', 'Second', 320, 0),
      edge('e_1', 's_first', 'text', 's_second', 'topic'),
      {
        type: 'policies.saved',
        data: {
          source: '{ "flows": { "Main": { "budget": { "run": { "tokens": 120 } } } } }',
          document: { project: {}, flows: { Main: { budget: { run: { tokens: 120 } } } } },
        },
      },
    ],
    'LLM budget',
  );
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: failed', { timeout: 30_000 });
  await expect(studio.stepStatus('First')).toHaveText('done');
  await expect(studio.stepStatus('Second')).toHaveText('failed');
  await expect(studio.step('Second').getByRole('img', { name: /^1 policy violation/ })).toBeVisible();
  await studio.selectStep('Second');
  await expect(studio.inspector.getByRole('region', { name: 'Policy violations' })).toContainText('budget');
  await expect(page.getByRole('meter', { name: 'Run tokens' })).toHaveAttribute('aria-valuemax', '120');
  const seen = await requests(request);
  expect(seen).toHaveLength(1);
  expect(seen[0]?.maxTokens).toBe(120);
});

test('API keys stay in this browser: a named key is sent to the server, and an export never contains it', async ({
  page,
  request,
}) => {
  const studio = await openProject(
    page,
    [llm('m_auth', 'Private model', 'auth', { apiKeyName: 'local' }), flow, step('s_auth', 'm_auth', 'Private', 0, 0)],
    'LLM keys',
  );
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: failed', { timeout: 30_000 });
  await studio.selectStep('Private');
  await expect(studio.inspector).toContainText('API keys');

  const menu = new ProjectMenu(page);
  await menu.choose('API keys…');
  const dialog = page.getByRole('dialog', { name: 'API keys' });
  await dialog.getByLabel(/^Key name/).fill('local');
  await dialog.getByLabel('API key', { exact: true }).fill('test-key');
  await dialog.getByRole('button', { name: 'Save key' }).click();
  await expect(dialog.getByText('Saved the key “local”.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await studio.pressRun();
  await expect(studio.run(2)).toHaveAccessibleName('Run 2: succeeded', { timeout: 30_000 });
  // Without the key nothing was sent; with it, the request carried it.
  expect((await requests(request)).map((r) => r.hadAuth)).toEqual([true]);
  const exported = await menu.exportProject('Everything');
  expect(exported.text).not.toContain('test-key');
  expect(exported.text).toContain('"apiKeyName":"local"');
});
