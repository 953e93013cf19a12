// Turns raw results into rows (figure | value | baseline | ratio | goal | met?), prints them as a
// table and draws them as an SVG chart. Every ratio is taken between figures of the same run.

const sorted = (a) => [...a].sort((x, y) => x - y);
const q = (a, p) => {
  const s = sorted(a);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))] : NaN;
};
const med = (a) => q(a, 0.5);
const fmtN = (x, digits) => {
  if (!Number.isFinite(x)) return '–';
  if (Math.abs(x) >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (Math.abs(x) >= 1e4) return `${(x / 1e3).toFixed(0)}k`;
  if (Math.abs(x) >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2));
};
/** "median [min–max] unit" over repeats. */
const spread = (a, unit) =>
  a?.length ? `${fmtN(med(a))} [${fmtN(Math.min(...a))}–${fmtN(Math.max(...a))}] ${unit}` : '–';
/** "p50 x / p95 y unit" of one distribution. */
const pct = (a, unit) => (a?.length ? `p50 ${fmtN(q(a, 0.5))} / p95 ${fmtN(q(a, 0.95))} ${unit}` : '–');
const fps = (s) => (s.frameMs.length * 1000) / s.frameMs.reduce((x, y) => x + y, 0);

function row(figure, value, baseline, ratio, goal, met, note = '') {
  return { figure, value, baseline, ratio, goal, met, note };
}

function canvasRows(canvas) {
  const rows = [];
  if (!canvas || canvas.error) return [row('canvas', canvas?.error ?? 'not run', '–', null, '—', null)];
  for (const [n, { studio, bare }] of Object.entries(canvas)) {
    const big = Number(n) >= 5000;
    const first = (m) => m.map((s) => s.firstRenderMs);
    rows.push(
      row(
        `canvas ${n} steps: first render`,
        spread(first(studio), 'ms'),
        spread(first(bare), 'ms'),
        med(first(studio)) / med(first(bare)),
        '—',
        null,
        'ratio < 1: studio paints sooner',
      ),
    );
    for (const [path, label] of [
      ['overview', 'pan/zoom, zoomed out to fit'],
      ['detail', 'pan at 100%'],
    ]) {
      const sf = studio.map((s) => fps(s[path]));
      const bf = bare.map((s) => fps(s[path]));
      const frames = studio.flatMap((s) => s[path].frameMs);
      const bframes = bare.flatMap((s) => s[path].frameMs);
      const ratio = med(sf) / med(bf);
      const met = big ? med(sf) >= 50 && ratio >= 0.9 : null;
      const zoom = studio[0]?.[path]?.startZoom;
      rows.push(
        row(
          `canvas ${n} steps: ${label}${zoom ? ` (zoom ${zoom.toFixed(2)})` : ''}`,
          `${spread(sf, 'fps')}; frame p50 ${fmtN(q(frames, 0.5))} / p95 ${fmtN(q(frames, 0.95))} / longest ${fmtN(Math.max(...frames))} ms`,
          `${spread(bf, 'fps')}; frame p50 ${fmtN(q(bframes, 0.5))} / p95 ${fmtN(q(bframes, 0.95))} / longest ${fmtN(Math.max(...bframes))} ms`,
          ratio,
          big ? '≥ 50 fps and ≥ 0.9× bare' : '—',
          met,
          path === 'overview'
            ? `node elements in the DOM: studio ${studio[0]?.overview.nodeElements}, bare ${bare[0]?.overview.nodeElements}`
            : '',
        ),
      );
    }
  }
  return rows;
}

export function buildRows(results) {
  const f = results.figures;
  const rows = [];
  if (f.canvas !== undefined) rows.push(...canvasRows(f.canvas));

  if (f.replay !== undefined) {
    const r = f.replay;
    if (r.error) rows.push(row('replay', `error: ${r.error.split('\n')[0]}`, '—', null, '≤ 16 ms p95', false));
    else if (!r.available)
      rows.push(
        row(
          'replay: seek / step, 100k-event run',
          `TODO — replay: not built yet (${r.note})`,
          '—',
          null,
          '≤ 16 ms p95',
          null,
        ),
      );
    else {
      const note = `${r.events} events (${r.steps} steps), built in ${fmtN(r.buildMs)} ms, snapshot every ${r.snapshotEvery ?? '?'} events${results.quick ? '; --quick uses a 20k-event run, the full suite 100k' : ''}`;
      rows.push(
        row(
          `replay: seek, ${fmtN(r.events)}-event run`,
          pct(r.seekMs, 'ms'),
          '—',
          null,
          '≤ 16 ms p95',
          q(r.seekMs, 0.95) <= 16,
          note,
        ),
      );
      rows.push(
        row(
          `replay: step ±1 event, ${fmtN(r.events)}-event run`,
          pct(r.stepMs, 'ms'),
          '—',
          null,
          '≤ 16 ms p95',
          q(r.stepMs, 0.95) <= 16,
        ),
      );
    }
  }

  if (f.gapLoop !== undefined) {
    const g = f.gapLoop;
    if (g.error)
      rows.push(
        row('conductor: gap detection', `error: ${g.error.split('\n')[0]}`, '–', null, '≥ 100k events/s', false),
      );
    else
      rows.push(
        row(
          `conductor: gap detection, ${fmtN(g.events)} events × ${g.expectations} expectations`,
          spread(g.loopEventsPerSec, 'events/s'),
          `bare loop ${spread(g.bareEventsPerSec, 'events/s')}`,
          med(g.loopEventsPerSec) / med(g.bareEventsPerSec),
          '≥ 100k events/s',
          med(g.loopEventsPerSec) >= 100_000,
          `${g.touching} events touch an expectation; ${g.decisions} decisions`,
        ),
      );
  }

  if (f.intents !== undefined) {
    const g = f.intents;
    if (g.error)
      rows.push(
        row('conductor: intent gap detection', `error: ${g.error.split('\n')[0]}`, '–', null, '≥ 100k events/s', false),
      );
    else
      rows.push(
        row(
          `conductor: intent gap detection, ${fmtN(g.events)} facts × ${fmtN(g.intents)} intents`,
          spread(g.detectorEventsPerSec, 'events/s'),
          `bare loop ${spread(g.bareEventsPerSec, 'events/s')}`,
          med(g.detectorEventsPerSec) / med(g.bareEventsPerSec),
          '≥ 100k events/s',
          med(g.detectorEventsPerSec) >= 100_000,
          `${fmtN(g.subjects)} subjects; ${fmtN(g.violatedAtEnd)} expectations still unmet at the end`,
        ),
      );
  }

  if (f.importForeign !== undefined) {
    const m = f.importForeign;
    if (m.error) rows.push(row('import: n8n file', `error: ${m.error.split('\n')[0]}`, '–', null, '≤ 2 s', false));
    else
      rows.push(
        row(
          `import: ${fmtN(m.nodes)}-node n8n file (${fmtN(m.fileChars)} chars) to its report`,
          spread(m.importMs, 'ms'),
          `JSON.parse alone ${spread(m.parseMs, 'ms')}`,
          med(m.importMs) / med(m.parseMs),
          '≤ 2 s',
          med(m.importMs) <= 2_000,
          m.summary,
        ),
      );
  }

  if (f.metricsFold !== undefined) {
    const m = f.metricsFold;
    if (m.error) rows.push(row('metrics: fold', `error: ${m.error.split('\n')[0]}`, '–', null, '≥ 1M events/s', false));
    else
      rows.push(
        row(
          `metrics: fold, ${fmtN(m.events)} events (${fmtN(m.runs)} runs)`,
          spread(m.foldEventsPerSec, 'events/s'),
          `bare loop ${spread(m.bareEventsPerSec, 'events/s')}`,
          med(m.foldEventsPerSec) / med(m.bareEventsPerSec),
          '≥ 1M events/s',
          med(m.foldEventsPerSec) >= 1_000_000,
          `metricsOver all runs ${fmtN(med(m.queryAllMs))} ms, over the last day ${fmtN(med(m.queryDayMs))} ms`,
        ),
      );
  }

  if (f.eventsView !== undefined) {
    const e = f.eventsView;
    if (e.error) rows.push(row('events view', `error: ${e.error.split('\n')[0]}`, '–', null, '≤ 50 ms held', false));
    else {
      rows.push(
        row(
          `events view, ${fmtN(e.events)} events: first text filter, longest hold of the page`,
          `${fmtN(e.longestSliceMs)} ms (${e.textSlices} slices)`,
          `in one go ${fmtN(e.filterMs.text)} ms`,
          e.longestSliceMs / e.filterMs.text,
          '≤ 50 ms (no long task)',
          e.longestSliceMs <= 50,
          `the rows taken in ${fmtN(e.buildRowsMs)} ms; type/run/step filters ${fmtN(e.filterMs.type)}/${fmtN(e.filterMs.run)}/${fmtN(e.filterMs.step)} ms; the next text ${fmtN(e.filterMs.textAgain)} ms; a live event ${e.appendMsPerEvent} ms`,
        ),
      );
    }
  }

  if (f.metricsView !== undefined) {
    const m = f.metricsView;
    if (m.error)
      rows.push(
        row('metrics view', `error: ${m.error.split('\n')[0]}`, '–', null, '≤ 1 s first paint, ≥ 50 fps', false),
      );
    else {
      const hf = m.hover.map(fps);
      const frames = m.hover.flatMap((s) => s.frameMs);
      rows.push(
        row(
          `metrics view, ${fmtN(m.runs)} runs: first paint`,
          spread(m.firstPaintMs, 'ms'),
          '—',
          null,
          '≤ 1000 ms',
          med(m.firstPaintMs) <= 1000,
          `${fmtN(m.events)} events folded before the clock starts`,
        ),
      );
      rows.push(
        row(
          `metrics view, ${fmtN(m.runs)} runs: hover sweep over the duration plot`,
          `${spread(hf, 'fps')}; frame p50 ${fmtN(q(frames, 0.5))} / p95 ${fmtN(q(frames, 0.95))} ms`,
          '—',
          null,
          '≥ 50 fps',
          med(hf) >= 50,
        ),
      );
      rows.push(
        row(
          `metrics view, ${fmtN(m.runs)} runs: sort the step table`,
          pct(m.sortMs, 'ms'),
          '—',
          null,
          '≤ 20 ms p95',
          q(m.sortMs, 0.95) <= 20,
          'click on a column head → the next frame',
        ),
      );
    }
  }

  if (f.busListen !== undefined) {
    const b = f.busListen;
    if (b.error)
      rows.push(
        row('bus post → listen step’s agent runs', `error: ${b.error.split('\n')[0]}`, '–', null, '≤ 5 ms p95', false),
      );
    else
      rows.push(
        row(
          'bus post → listen step’s agent code runs (warm pool)',
          pct(b.postToAgentMs, 'ms'),
          `message committed → agent ${pct(b.committedToAgentMs, 'ms')}`,
          null,
          '≤ 5 ms p95',
          q(b.postToAgentMs, 0.95) <= 5,
          `${b.postToAgentMs.length} runs${b.failures.length ? `, ${b.failures.length} failures` : ''}`,
        ),
      );
  }

  if (f.agentStart !== undefined) {
    const a = f.agentStart;
    if (a.error)
      rows.push(
        row('conductor: event → agent start', `error: ${a.error.split('\n')[0]}`, '–', null, '≤ 5 ms p95', false),
      );
    else {
      const base = `postMessage round trip to an idle worker ${pct(a.bareRoundTripMs, 'ms')}`;
      const p95b = q(a.bareRoundTripMs, 0.95);
      rows.push(
        row(
          'conductor: run.started committed → agent code runs (warm pool)',
          pct(a.runStartedToAgentMs, 'ms'),
          base,
          q(a.runStartedToAgentMs, 0.95) / p95b,
          '≤ 5 ms p95',
          q(a.runStartedToAgentMs, 0.95) <= 5,
          `${a.runStartedToAgentMs.length} runs${a.failures.length ? `, ${a.failures.length} failures` : ''}`,
        ),
      );
      const pipelined = `agent code ran before its spawn committed in ${a.agentBeforeCommit ?? 0} of ${a.spawnDecisionToAgentMs.length} runs`;
      rows.push(
        row(
          'conductor: spawn decision → agent code runs',
          pct(a.spawnDecisionToAgentMs, 'ms'),
          base,
          q(a.spawnDecisionToAgentMs, 0.95) / p95b,
          '≤ 5 ms p95',
          q(a.spawnDecisionToAgentMs, 0.95) <= 5,
          'the agent starts alongside the durable write of gap.opened + agent.spawned, not after it',
        ),
      );
      if (a.poolToAgentMs?.length) {
        rows.push(
          row(
            '  of which: decision → task handed to the pool',
            pct(a.spawnDecisionToPoolMs, 'ms'),
            '—',
            null,
            '—',
            null,
            'reading the inputs from the artifact store',
          ),
        );
        rows.push(
          row(
            '  of which: pool → agent code runs',
            pct(a.poolToAgentMs, 'ms'),
            base,
            q(a.poolToAgentMs, 0.95) / p95b,
            '—',
            null,
            'warm sandbox: postMessage, compile, lock-down, ctx',
          ),
        );
      }
      rows.push(
        row(
          'conductor: spawn decision → spawn committed',
          pct(a.spawnDecisionToCommittedMs, 'ms'),
          '—',
          null,
          '—',
          null,
          `that durable write; ${pipelined}`,
        ),
      );
    }
  }

  if (f.logAppend !== undefined) {
    const l = f.logAppend;
    if (l.error) rows.push(row('log append', `error: ${l.error.split('\n')[0]}`, '–', null, '≥ 0.8× raw', false));
    else {
      const ratio = med(l.logEventsPerSec) / med(l.rawEventsPerSec);
      rows.push(
        row(
          `log append: validate + hash chain + Dexie, ${fmtN(l.events)} events (~${l.avgEventBytes} B)`,
          spread(l.logEventsPerSec, 'events/s'),
          `raw bulkAdd ${spread(l.rawEventsPerSec, 'events/s')}`,
          ratio,
          '≥ 0.8× raw',
          ratio >= 0.8,
          `group commit used ${fmtN(med(l.logTransactions))} transactions`,
        ),
      );
      rows.push(
        row(
          'log append: validate + hash chain only (no storage)',
          spread(l.sealEventsPerSec, 'events/s'),
          '—',
          null,
          '—',
          null,
          'where the log spends its own time',
        ),
      );
    }
  }

  if (f.execution !== undefined) {
    const e = f.execution;
    if (e.error) rows.push(row('execution', `error: ${e.error.split('\n')[0]}`, '–', null, 'lower than peer', false));
    else {
      const peer = e.rivetUsPerStep.length
        ? `Rivet GraphProcessor ${spread(e.rivetUsPerStep, 'µs/step')}`
        : `peer failed: ${e.rivetError}`;
      for (const [label, samples] of [
        ['in-memory log', e.studioMemoryUsPerStep],
        ['Dexie log on disk (durable)', e.studioDexieUsPerStep],
      ]) {
        const ratio = e.rivetUsPerStep.length ? med(samples) / med(e.rivetUsPerStep) : NaN;
        rows.push(
          row(
            `execution: ${e.steps}-step DAG, per step, ${label}`,
            spread(samples, 'µs/step'),
            peer,
            ratio,
            'lower than peer',
            Number.isFinite(ratio) ? ratio < 1 : false,
            `${e.eventsPerRun} events per run`,
          ),
        );
      }
    }
  }

  if (f.startup !== undefined) {
    const s = f.startup;
    if (s.error) rows.push(row('startup', `error: ${s.error.split('\n')[0]}`, '—', null, '≤ 300 KB', false));
    else {
      const kb = s.initialJsGzipBytes / 1024;
      rows.push(
        row(
          'startup: initial JS, gzip',
          `${kb.toFixed(1)} KB`,
          '—',
          null,
          '≤ 300 KB',
          kb <= 300,
          `${s.js.length} files; CSS ${(s.initialCssGzipBytes / 1024).toFixed(1)} KB gzip`,
        ),
      );
      rows.push(
        row(
          'startup: time to interactive (fresh profile, example seeded)',
          spread(s.ttiMs, 'ms'),
          '—',
          null,
          '—',
          null,
          'navigation → Run button enabled',
        ),
      );
    }
  }
  return rows;
}

const metText = (m) => (m === true ? 'yes' : m === false ? 'NO' : '—');
const ratioText = (r) =>
  r === null || !Number.isFinite(r)
    ? '—'
    : `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r >= 0.01 ? r.toFixed(2) : r.toPrecision(2)}×`;

export function printTable(rows, results) {
  const cols = ['figure', 'value median [min–max]', 'baseline (same run)', 'ratio', 'goal', 'met?'];
  const cells = rows.map((r) => [r.figure, r.value, r.baseline, ratioText(r.ratio), r.goal, metText(r.met)]);
  const widths = cols.map((c, i) =>
    Math.min(i === 1 || i === 2 ? 70 : 64, Math.max(c.length, ...cells.map((row) => String(row[i]).length))),
  );
  const line = (vals) => `| ${vals.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
  console.log('');
  console.log(
    `Conductor Studio bench${results.quick ? ' (quick)' : ''} — ${results.when}, ${results.machine.cpus} cores, Chromium ${results.machine.chromium ?? '?'}, cross-origin isolated: ${results.machine.crossOriginIsolated}`,
  );
  console.log(line(cols));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
  const notes = rows.filter((r) => r.note);
  if (notes.length) {
    console.log('');
    for (const r of notes) console.log(`  · ${r.figure}: ${r.note}`);
  }
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One bar per figure. Figures with a baseline show their ratio to it on a log scale (1× is the
 * baseline); figures without one show their value against their goal.
 */
export function renderSvg(rows, results) {
  const rowH = 34;
  const left = 470;
  const barW = 420;
  const width = left + barW + 260;
  const height = 70 + rows.length * rowH + 40;
  const lo = Math.log10(0.01);
  const hi = Math.log10(100);
  const xOf = (r) => left + ((Math.min(hi, Math.max(lo, Math.log10(r))) - lo) / (hi - lo)) * barW;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="600">Conductor Studio bench${results.quick ? ' (quick)' : ''} — ratio to the baseline measured in the same run (log scale)</text>`,
    `<text x="16" y="44" fill="#555">${esc(results.when)} · ${results.machine.cpus} cores · green: goal met, red: missed, grey: no goal. Bars start at 1× (the baseline).</text>`,
  ];
  for (const t of [0.01, 0.1, 1, 10, 100]) {
    const x = xOf(t);
    parts.push(
      `<line x1="${x}" y1="56" x2="${x}" y2="${height - 30}" stroke="${t === 1 ? '#333' : '#ddd'}"/>`,
      `<text x="${x}" y="${height - 14}" text-anchor="middle" fill="#555">${t}×</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = 64 + i * rowH;
    const colour = r.met === true ? '#2e9d57' : r.met === false ? '#d1453b' : '#9aa0a6';
    parts.push(
      `<text x="16" y="${y + 18}">${esc(r.figure.length > 70 ? `${r.figure.slice(0, 68)}…` : r.figure)}</text>`,
    );
    if (r.ratio !== null && Number.isFinite(r.ratio)) {
      const x0 = xOf(1);
      const x1 = xOf(r.ratio);
      parts.push(
        `<rect x="${Math.min(x0, x1)}" y="${y + 6}" width="${Math.max(2, Math.abs(x1 - x0))}" height="18" fill="${colour}"/>`,
      );
      parts.push(`<text x="${left + barW + 12}" y="${y + 18}">${esc(ratioText(r.ratio))} · ${esc(r.goal)}</text>`);
    } else {
      parts.push(
        `<text x="${left + barW + 12}" y="${y + 18}" fill="${colour}">${esc(r.value.length > 40 ? `${r.value.slice(0, 38)}…` : r.value)} · ${esc(r.goal)}</text>`,
      );
      parts.push(`<circle cx="${xOf(1)}" cy="${y + 15}" r="6" fill="${colour}"/>`);
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}
