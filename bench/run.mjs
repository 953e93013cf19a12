#!/usr/bin/env node
/* global window -- used inside the page, through page.evaluate */
// `npm run bench [-- --quick] [-- --only=canvas,gapLoop,…] [-- --no-build]`
// Builds the app (dist-bench/) and the bench pages (dist-bench-pages/), serves both with
// cross-origin isolation, drives headless Chromium through every figure, and writes
// bench/results.json (all raw samples) and bench/results.svg. Never fails on a timing: the exit
// code is non-zero only when the suite itself could not run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../e2e/support/chromium.mjs';
import { ensureChromium } from '../e2e/support/ensureChromium.mjs';
import { serveBench } from './lib/serve.mjs';
import { startupFigures } from './lib/startup.mjs';
import { buildRows, printTable, renderSvg } from './lib/report.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (name) => !only || only.includes(name);
const port = Number(process.env.BENCH_PORT ?? 4302);

const config = quick
  ? {
      startup: 2,
      gapLoop: { total: 1_000_000, repeats: 3 },
      logAppend: { events: 5_000, repeats: 3 },
      execution: { steps: 1_000, width: 10, repeats: 3 },
      agentStart: 20,
      busListen: 20,
      canvas: { sizes: [1000, 5000], repeats: 1, maxFrames: 90, maxMs: 2_000 },
      replay: { steps: 4_000, seeks: 100, stepRuns: 10 },
      intents: { events: 1_000_000, intents: 1_000, subjects: 5_000, repeats: 1 },
      metricsFold: { events: 1_000_000, repeats: 3 },
      importForeign: { nodes: 2_000, repeats: 3 },
      eventsView: { events: 100_000 },
      metricsView: { runs: 10_000, repeats: 1, maxFrames: 120, maxMs: 3_000, sorts: 8 },
    }
  : {
      startup: 5,
      gapLoop: { total: 1_000_000, repeats: 7 },
      logAppend: { events: 20_000, repeats: 5 },
      execution: { steps: 1_000, width: 10, repeats: 5 },
      agentStart: 60,
      busListen: 60,
      canvas: { sizes: [1000, 5000], repeats: 3, maxFrames: 180, maxMs: 5_000 },
      replay: { steps: 20_000, seeks: 300, stepRuns: 30 },
      intents: { events: 1_000_000, intents: 1_000, subjects: 5_000, repeats: 3 },
      metricsFold: { events: 1_000_000, repeats: 7 },
      importForeign: { nodes: 2_000, repeats: 5 },
      eventsView: { events: 100_000 },
      metricsView: { runs: 10_000, repeats: 3, maxFrames: 240, maxMs: 5_000, sorts: 16 },
    };

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed`);
}

const log = (...a) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

/**
 * The runner's figures: in Node, against a real restate-server and runner processes
 * (runner/bench/runnerBench.ts), written to bench/results-runner.json. `--only=runner,execution`
 * gives the in-browser durable figure of the same DAG beside them.
 */
function runnerFigures() {
  run('npx', ['rolldown', '-c', 'runner/rolldown.config.mjs']);
  const r = spawnSync(process.execPath, ['runner/dist/bench.mjs', ...(quick ? ['--quick'] : [])], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
    encoding: 'utf8',
  });
  if (r.status !== 0) return { error: 'the runner bench did not finish' };
  const figures = JSON.parse(r.stdout.trim().split('\n').at(-1));
  writeFileSync(
    join(repo, 'bench/results-runner.json'),
    JSON.stringify({ when: new Date().toISOString(), quick, figures }, null, 1),
  );
  log('wrote bench/results-runner.json');
  return figures;
}

/**
 * The public API's event stream: append → SSE client latency on a real runner
 * (runner/bench/sseBench.ts), written to bench/results-sse.json.
 */
function sseFigures() {
  run('npx', ['rolldown', '-c', 'runner/rolldown.config.mjs']);
  const r = spawnSync(process.execPath, ['runner/dist/sseBench.mjs', ...(quick ? ['--quick'] : [])], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
    encoding: 'utf8',
  });
  if (r.status !== 0) return { error: 'the SSE bench did not finish' };
  const figures = JSON.parse(r.stdout.trim().split('\n').at(-1));
  writeFileSync(
    join(repo, 'bench/results-sse.json'),
    JSON.stringify({ when: new Date().toISOString(), quick, figures }, null, 1),
  );
  log('wrote bench/results-sse.json');
  return figures;
}

async function main() {
  const t0 = Date.now();
  const runner = wants('runner') ? runnerFigures() : undefined;
  const sse = wants('sse') ? sseFigures() : undefined;
  // Only Node figures asked for: no browser needed.
  if (only && only.every((name) => name === 'runner' || name === 'sse')) return;
  // As the test command does (e2e/support/ensureChromium.mjs): Debian's Chromium, installed when missing.
  const executablePath = ensureChromium();
  if (!args.includes('--no-build')) {
    log('building the app into dist-bench/ and the bench pages into dist-bench-pages/');
    run('npx', ['vite', 'build', '--outDir', 'dist-bench', '--logLevel', 'warn']);
    run('npx', ['vite', 'build', '-c', 'bench/vite.config.ts', '--logLevel', 'error']);
  }
  const server = await serveBench({ port, app: join(repo, 'dist-bench'), pages: join(repo, 'dist-bench-pages') });
  const origin = `http://127.0.0.1:${server.port}`;
  log(`serving ${origin} (COOP/COEP)`);
  // Frame-rate flags per MEASURING.md: uncapped rAF, so frame times are not snapped to 16.7 ms.
  const launchArgs = [...chromiumArgs, '--disable-frame-rate-limit', '--disable-gpu-vsync'];
  const results = {
    when: new Date().toISOString(),
    quick,
    config,
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    figures: { ...(runner ? { runner } : {}), ...(sse ? { sse } : {}) },
  };

  const profiles = [];
  const persistent = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-bench-'));
    profiles.push(dir);
    return chromium.launchPersistentContext(dir, {
      executablePath,
      args: launchArgs,
      headless: true,
      viewport: { width: 1440, height: 900 },
    });
  };
  const guard = async (name, work) => {
    if (!wants(name)) return;
    const started = Date.now();
    log(`${name}…`);
    try {
      results.figures[name] = await work();
    } catch (error) {
      results.figures[name] = { error: String(error?.message ?? error).slice(0, 2_000) };
      log(`${name} failed: ${results.figures[name].error.split('\n')[0]}`);
    }
    log(`${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };

  try {
    await guard('startup', () => startupFigures({ origin, repo, samples: config.startup, persistent }));

    const context = await persistent();
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => log('page error:', e.message));
    await page.goto(`${origin}/bench/engine.html`);
    await page.waitForFunction(() => 'studioBench' in window);
    results.machine.crossOriginIsolated = await page.evaluate(() => window.crossOriginIsolatedOk);
    results.machine.chromium = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    await guard('gapLoop', () => page.evaluate((o) => window.studioBench.gapLoop(o), config.gapLoop));
    await guard('logAppend', () => page.evaluate((o) => window.studioBench.logAppend(o), config.logAppend));
    await guard('execution', () =>
      page.evaluate(
        (o) => window.studioBench.execution({ shape: { steps: o.steps, width: o.width }, repeats: o.repeats }),
        config.execution,
      ),
    );
    await guard('agentStart', () =>
      page.evaluate((runs) => window.studioBench.agentStart({ runs }), config.agentStart),
    );
    await guard('busListen', () => page.evaluate((runs) => window.studioBench.busListen({ runs }), config.busListen));
    await guard('replay', () => page.evaluate((o) => window.studioBench.replay(o), config.replay));
    await guard('intents', () => page.evaluate((o) => window.studioBench.intents(o), config.intents));
    await guard('metricsFold', () => page.evaluate((o) => window.studioBench.metricsFold(o), config.metricsFold));
    await guard('importForeign', () => page.evaluate((o) => window.studioBench.importForeign(o), config.importForeign));
    await guard('eventsView', () => page.evaluate((o) => window.studioBench.eventsView(o), config.eventsView));
    await context.close();

    await guard('metricsView', async () => {
      const out = { firstPaintMs: [], hover: [], sortMs: [], events: 0 };
      const c = await persistent();
      const p = c.pages()[0] ?? (await c.newPage());
      for (let r = 0; r < config.metricsView.repeats; r++) {
        await p.goto(`${origin}/bench/metrics.html?runs=${config.metricsView.runs}`);
        await p.waitForFunction(() => 'metricsBench' in window);
        out.events = await p.evaluate(() => window.metricsBench.events);
        out.firstPaintMs.push(await p.evaluate(() => window.metricsBench.firstPaint));
        out.hover.push(await p.evaluate((o) => window.metricsBench.hover(o.maxFrames, o.maxMs), config.metricsView));
        out.sortMs.push(...(await p.evaluate((n) => window.metricsBench.sort(n), config.metricsView.sorts)));
        log(
          `  metrics view ${config.metricsView.runs} runs: first paint ${out.firstPaintMs.at(-1).toFixed(0)} ms, hover ${fps(out.hover.at(-1)).toFixed(1)} fps`,
        );
      }
      await c.close();
      return { runs: config.metricsView.runs, ...out };
    });

    await guard('canvas', async () => {
      const out = {};
      const c = await persistent();
      const p = c.pages()[0] ?? (await c.newPage());
      for (const steps of config.canvas.sizes) {
        out[steps] = { studio: [], bare: [] };
        for (let r = 0; r < config.canvas.repeats; r++) {
          // Alternate which goes first in each repeat.
          for (const mode of r % 2 === 0 ? ['studio', 'bare'] : ['bare', 'studio']) {
            await p.goto(`${origin}/bench/canvas.html?mode=${mode}&steps=${steps}`);
            const firstRenderMs = await p.evaluate(() => window.canvasBench.firstRender);
            const overview = await p.evaluate(
              (o) => window.canvasBench.frames('overview', o.maxFrames, o.maxMs),
              config.canvas,
            );
            const overviewNodes = await p.evaluate(() => window.canvasBench.visibleNodeElements());
            const detail = await p.evaluate(
              (o) => window.canvasBench.frames('detail', o.maxFrames, o.maxMs),
              config.canvas,
            );
            out[steps][mode].push({ firstRenderMs, overview: { ...overview, nodeElements: overviewNodes }, detail });
            log(
              `  canvas ${steps} ${mode}: first render ${firstRenderMs.toFixed(0)} ms, overview ${fps(overview).toFixed(1)} fps (${overviewNodes} node elements), detail ${fps(detail).toFixed(1)} fps`,
            );
          }
        }
      }
      await c.close();
      return out;
    });
  } finally {
    await server.close();
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
  }

  results.elapsedSeconds = Math.round((Date.now() - t0) / 1000);
  const rows = buildRows(results);
  results.rows = rows;
  writeFileSync(join(repo, 'bench/results.json'), JSON.stringify(results, null, 1));
  writeFileSync(join(repo, 'bench/results.svg'), renderSvg(rows, results));
  printTable(rows, results);
  log(`wrote bench/results.json and bench/results.svg in ${results.elapsedSeconds} s`);
}

const fps = (s) => (s.frameMs.length * 1000) / s.frameMs.reduce((a, b) => a + b, 0);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
