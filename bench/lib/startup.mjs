// Startup: the gzip size of the JavaScript index.html loads before anything else (its module
/* global window, document, requestAnimationFrame -- used inside the page, through page.evaluate */
// script and modulepreloads; Monaco and the workers load later), and time to interactive on a
// fresh profile: from navigation until the Run button of the seeded example is enabled.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function initialJs(repo) {
  const dist = join(repo, 'dist-bench');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const srcs = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  const size = (list) =>
    list.map((src) => {
      const body = readFileSync(join(dist, src.replace(/^\//, '')));
      return { file: src, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    });
  return { js: size(srcs), css: size(css) };
}

export async function startupFigures({ origin, repo, samples, persistent }) {
  const files = initialJs(repo);
  const ttiMs = [];
  for (let i = 0; i < samples; i++) {
    const context = await persistent();
    const page = context.pages()[0] ?? (await context.newPage());
    // Timed in the page against navigation start, so Playwright's round trips are not counted.
    await page.addInitScript(() => {
      const check = () => {
        const run = [...document.querySelectorAll('button')].find((b) =>
          /^Run( again)?$/.test(b.textContent?.trim() ?? ''),
        );
        if (run && !run.disabled) window.__tti = performance.now();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    await page.goto(origin);
    await page.waitForFunction(() => typeof window.__tti === 'number', null, { timeout: 60_000 });
    ttiMs.push(await page.evaluate(() => window.__tti));
    await context.close();
  }
  return {
    ...files,
    initialJsGzipBytes: files.js.reduce((n, f) => n + f.gzipBytes, 0),
    initialCssGzipBytes: files.css.reduce((n, f) => n + f.gzipBytes, 0),
    ttiMs,
  };
}
