import { expect, test, type APIRequestContext } from '@playwright/test';
import { configure, flow, openProject, step, text } from './support/definitionsProject';
import { monacoText, setMonacoText } from './support/monacoEditor';

// The Anthropic, Gemini and Ollama stand-ins Playwright starts (playwright.config.ts) on one port:
// each speaks its provider's wire format (Anthropic's SSE events, Gemini's alt=sse, Ollama's NDJSON)
// and the model name says how it behaves (slow, fail-2, ratelimit-1, down, openai-format…).
const STAND_INS = `http://127.0.0.1:${process.env.STUDIO_PROVIDERS_PORT ?? Number(process.env.STUDIO_LLM_PORT ?? 4599) + 100}`;
const BASE_URLS = { anthropic: `${STAND_INS}/v1`, gemini: `${STAND_INS}/v1beta`, ollama: `${STAND_INS}/api` };
type Provider = keyof typeof BASE_URLS;
const LABELS: Record<Provider, string> = {
  anthropic: 'Anthropic Messages',
  gemini: 'Google Gemini',
  ollama: 'Ollama (native)',
};

const llm = (modelId: string, name: string, provider: Provider, model: string) => ({
  type: 'model.saved',
  data: {
    model: {
      modelId,
      kind: 'llm',
      name,
      version: 1,
      inputs: [text('topic')],
      outputs: [text('text')],
      provider,
      baseUrl: BASE_URLS[provider],
      model,
      system: 'You are terse.',
      prompt: 'Write about {{topic}}',
      pricing: { inputPerMTok: 3, outputPerMTok: 15 },
      timeoutMs: 10_000,
    },
  },
});

interface StandInRequest {
  provider: Provider;
  model: string;
  stream: boolean;
  hadKey: boolean;
}
async function requests(request: APIRequestContext): Promise<StandInRequest[]> {
  return (await (await request.get(`${STAND_INS}/__requests`)).json()) as StandInRequest[];
}

test.beforeEach(async ({ request }) => {
  await request.post(`${STAND_INS}/__reset`);
});

for (const provider of Object.keys(BASE_URLS) as Provider[]) {
  test(`${LABELS[provider]}: a model streams its reply into the step live and meters tokens and cost`, async ({
    page,
    request,
  }) => {
    const studio = await openProject(
      page,
      [llm('m_slow', 'Writer', provider, 'slow'), flow, step('s_write', 'm_slow', 'Write', 0, 0)],
      `${LABELS[provider]} streaming`,
    );
    await page.getByLabel('Run input').fill('tide pools at dawn');
    await studio.pressRun();
    await studio.selectStep('Write');
    const live = studio.inspector.getByTestId('live-stream');
    await expect(live).toContainText('Echo:');
    const early = (await live.textContent()) ?? '';
    await expect(studio.stepStatus('Write')).toHaveText('done', { timeout: 30_000 });
    await expect(studio.inspector).toContainText('Echo: Write about tide pools at dawn');
    // Seen while it streamed: a part of the reply, not all of it at once.
    expect(early.length).toBeLessThan('Echo: Write about tide pools at dawn'.length + 20);
    await expect(page.getByRole('group', { name: 'Run spend' })).toHaveText(/^\d+ tokens · \$0\.0\d+ · /);
    expect(await requests(request)).toMatchObject([{ provider, model: 'slow', stream: true, hadKey: false }]);
  });
}

test('retry and fallback read every provider’s failures alike: a 5xx, a 429 and a server that is down', async ({
  page,
  request,
}) => {
  const retry = (on: string[]) => ({ retry: { maxAttempts: 3, backoff: 'fixed', baseMs: 200, on } });
  const studio = await openProject(
    page,
    [
      llm('m_flaky', 'Flaky Gemini', 'gemini', 'fail-2'),
      llm('m_limited', 'Limited Claude', 'anthropic', 'ratelimit-1'),
      llm('m_down', 'Down Ollama', 'ollama', 'down'),
      llm('m_backup', 'Backup Claude', 'anthropic', 'echo'),
      flow,
      step('s_flaky', 'm_flaky', 'Flaky', 0, 0),
      step('s_limited', 'm_limited', 'Limited', 0, 200),
      step('s_down', 'm_down', 'Down', 0, 400),
      configure('s_flaky', retry(['server'])),
      configure('s_limited', retry(['rate-limit'])),
      configure('s_down', { ...retry(['server']), fallbacks: ['m_backup'] }),
    ],
    'Providers resilience',
  );
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });

  await studio.selectStep('Flaky');
  const attempts = studio.inspector.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
  await expect(attempts).toHaveCount(3);
  await expect(attempts.nth(0)).toContainText('server');
  await studio.selectStep('Limited');
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText('rate-limit');
  await studio.selectStep('Down');
  await expect(studio.inspector.getByTestId('produced-by')).toHaveText('Produced by Backup Claude v1 (fallback)');

  const seen = await requests(request);
  const count = (provider: Provider, model: string) =>
    seen.filter((r) => r.provider === provider && r.model === model).length;
  expect([
    count('gemini', 'fail-2'),
    count('anthropic', 'ratelimit-1'),
    count('ollama', 'down'),
    count('anthropic', 'echo'),
  ]).toEqual([3, 2, 3, 1]);
});

test('a server answering in another provider’s format fails the step with a sentence that says so', async ({
  page,
}) => {
  const studio = await openProject(
    page,
    [llm('m_wrong', 'Mislabelled', 'anthropic', 'openai-format'), flow, step('s_wrong', 'm_wrong', 'Wrong', 0, 0)],
    'Wrong format',
  );
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: failed', { timeout: 30_000 });
  await studio.selectStep('Wrong');
  await expect(studio.inspector).toContainText(
    'answered, but not in the Anthropic Messages format this model is set to',
  );
  await expect(studio.inspector).toContainText("Check the model's provider and base URL");
});

test('a person picks a provider and a list price in the model editor, and the run meters with it', async ({
  page,
  request,
}) => {
  const studio = await openProject(page, [flow], 'Provider picker');
  await page.getByRole('button', { name: 'New model' }).click();
  await page.getByRole('menuitem', { name: /^LLM/ }).click();
  const editor = page.getByRole('complementary', { name: 'Model editor' });
  const panel = editor.getByRole('region', { name: 'Provider and prices' });
  await expect(panel.getByLabel('Provider')).toHaveValue('openai-compatible');

  await panel.getByLabel('Provider').selectOption({ label: 'Google Gemini' });
  await expect.poll(() => monacoText(page, 'Model definition')).toContain('"provider": "gemini"');
  const prices = panel.getByRole('table', { name: 'Price table' });
  await expect(prices).toContainText('gemini-2.5-flash');
  await prices.getByRole('button', { name: 'Use the list prices of gemini-2.5-pro' }).click();
  await expect(prices.getByLabel('Input price per million tokens')).toHaveValue('1.25');
  await expect(prices.getByLabel('Output price per million tokens')).toHaveValue('10');
  // A person's own figure wins over the list.
  await prices.getByLabel('Output price per million tokens').fill('12');
  await prices.getByLabel('Output price per million tokens').press('Enter');
  const definition = await monacoText(page, 'Model definition');
  expect(definition).toContain('"outputPerMTok": 12');
  expect(definition).toContain('"inputPerMTok": 1.25');
  expect(definition).toContain('https://generativelanguage.googleapis.com/v1beta');

  // Point it at the stand-in, as a person would at their own proxy.
  await setMonacoText(
    page,
    'Model definition',
    definition
      .replace('https://generativelanguage.googleapis.com/v1beta', BASE_URLS.gemini)
      .replace('"model": "llama3.2"', '"model": "echo"'),
  );
  await expect(panel.getByLabel('Provider')).toHaveValue('gemini');
  await editor.getByRole('button', { name: 'Save model' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved as version 1');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Add Summarise to the flow' }).click();

  await page.getByLabel('Run input').fill('rock pools');
  await studio.pressRun();
  await expect(studio.run(1)).toHaveAccessibleName('Run 1: succeeded', { timeout: 30_000 });
  await expect(page.getByRole('group', { name: 'Run spend' })).toHaveText(/^\d+ tokens · \$0\.0\d+ · /);
  expect(await requests(request)).toMatchObject([{ provider: 'gemini', model: 'echo', stream: true }]);
});
