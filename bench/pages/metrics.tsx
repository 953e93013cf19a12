import { createRoot } from 'react-dom/client';
import '../../src/ui/theme.css';
import '../../src/ui/app.css';
import type { FlowId } from '../../src/core/ids';
import { MetricsFold } from '../../src/core/metrics/metricsFold';
import { syntheticRuns } from '../../src/core/testing/syntheticRuns';
import { MetricsView } from '../../src/ui/metrics/MetricsView';

/**
 * The Metrics view (`src/ui/metrics/MetricsView`, exactly as the panel renders it) over a fold of
 * ?runs= synthetic runs (10,000 by default) spread over 30 days. Measures the first paint (render
 * call → every chart drawn and the step table in the DOM, then one frame) and the frame rate
 * while the cursor sweeps the run-duration plot (uPlot's hover: crosshair, points, legend values,
 * the sentence under the plot), and the time from a click on a table head to the re-sorted paint.
 */
const params = new URLSearchParams(location.search);
const runs = Number(params.get('runs') ?? 10_000);

interface FrameSamples {
  frameMs: number[];
  elapsedMs: number;
}
interface MetricsViewBench {
  firstPaint: Promise<number>;
  events: number;
  hover(maxFrames: number, maxMs: number): Promise<FrameSamples>;
  sort(times: number): Promise<number[]>;
}
declare global {
  interface Window {
    metricsBench: MetricsViewBench;
  }
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

// The fold is built before the clock starts: the figure is the view's.
const events = syntheticRuns({ runs, seed: 11, flows: 2, everyMs: (30 * 86_400_000) / runs });
const fold = new MetricsFold().observeAll(events);
const flows = [
  { flowId: 'flow_0' as FlowId, name: 'Release checks' },
  { flowId: 'flow_1' as FlowId, name: 'Venture pipeline' },
];
const now = (events.at(-1)?.ts ?? 0) + 1;

const firstPaint = new Promise<number>((resolve) => {
  const root = document.getElementById('root') as HTMLElement;
  root.style.width = '1100px';
  const t0 = performance.now();
  createRoot(root).render(
    <MetricsView
      fold={fold}
      version={fold.version}
      flows={flows}
      flow={flows[0] as (typeof flows)[number]}
      modelName={(id) => id}
      now={now}
      onOpenRun={() => undefined}
      onRunFlow={() => undefined}
    />,
  );
  const poll = (): void => {
    const charts = document.querySelectorAll('.metrics-chart canvas').length;
    if (charts >= 4 && document.querySelector('.metrics-steps tbody tr')) {
      requestAnimationFrame(() => resolve(performance.now() - t0));
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
});

window.metricsBench = {
  firstPaint,
  events: events.length,
  async hover(maxFrames, maxMs) {
    const over = document.querySelector('.metrics-chart .u-over') as HTMLElement;
    const box = over.getBoundingClientRect();
    const frameMs: number[] = [];
    let last = await frame();
    const t0 = last;
    for (let f = 0; f < maxFrames && last - t0 < maxMs; f++) {
      // Sweep back and forth across the plot, one position per frame.
      const x = box.left + box.width * (0.5 + 0.49 * Math.sin(f / 15));
      over.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: box.top + box.height / 2, bubbles: true }));
      const t = await frame();
      frameMs.push(t - last);
      last = t;
    }
    return { frameMs, elapsedMs: last - t0 };
  },
  async sort(times) {
    const out: number[] = [];
    const heads = [...document.querySelectorAll<HTMLButtonElement>('.metrics-steps__sort')];
    for (let i = 0; i < times; i++) {
      await frame();
      const t0 = performance.now();
      heads[i % heads.length]?.click();
      out.push((await frame()) - t0);
    }
    return out;
  },
};
