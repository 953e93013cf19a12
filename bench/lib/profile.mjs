// Developer tool: `node bench/lib/profile.mjs <bench page path+query> <js expression to profile>`
/* global window -- used inside the page, through page.evaluate */
// CPU-profiles one bench page (after `npm run bench` built it) and prints the functions with the
// most self time. Used to find what a canvas or engine figure spends its time on.
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs } from '../../e2e/support/chromium.mjs';
import { ensureChromium } from '../../e2e/support/ensureChromium.mjs';
import { serveBench } from './serve.mjs';

const [pagePath = 'canvas.html?mode=studio&steps=5000', expression = 'window.canvasBench.firstRender'] =
  process.argv.slice(2);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const server = await serveBench({
  port: Number(process.env.BENCH_PORT ?? 4303),
  app: join(repo, 'dist-bench'),
  pages: join(repo, 'dist-bench-pages'),
});
const dir = mkdtempSync(join(tmpdir(), 'studio-profile-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: ensureChromium(),
  args: [...chromiumArgs, '--disable-frame-rate-limit', '--disable-gpu-vsync'],
  viewport: { width: 1440, height: 900 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const profileLoad = expression.includes('firstRender');
  if (profileLoad) await cdp.send('Profiler.start');
  await page.goto(`http://127.0.0.1:${server.port}/bench/${pagePath}`);
  await page.waitForFunction(() => window.canvasBench || window.studioBench);
  if (!profileLoad) {
    await page.evaluate(() => window.canvasBench?.firstRender);
    await cdp.send('Profiler.start');
  }
  const value = await page.evaluate(
    (e) => Promise.resolve(eval(e)).then((v) => JSON.stringify(v)?.slice(0, 300)),
    expression,
  );
  const { profile } = await cdp.send('Profiler.stop');
  console.log('result:', value);
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  // Inclusive time: each function counted once per sample, wherever it is on the stack.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at).callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    }
  });
  if (process.env.INCLUSIVE) {
    console.log('inclusive:');
    for (const [k, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.INCLUSIVE)))
      console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`total sampled ${total.toFixed(0)} ms`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await context.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
