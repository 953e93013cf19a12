import * as Comlink from 'comlink';
import type { AgentStartApi, AgentStartSamples } from '../lib/agentStart.worker';
import type { BusListenApi, BusListenSamples } from '../lib/busListen.worker';
import { benchExecution } from '../lib/executionBench';
import { benchGapLoop } from '../lib/gapLoopBench';
import { benchIntents } from '../lib/intentsBench';
import { benchLogAppend } from '../lib/logAppendBench';
import { benchMetricsFold } from '../lib/metricsBench';
import { benchReplay } from '../lib/replayBench';
import { benchImport } from '../lib/importBench';
import { runEventsViewBench } from '../eventsView/eventsViewBench';

/** The engine figures, called one at a time by bench/run.mjs through page.evaluate. */
const studioBench = {
  gapLoop: benchGapLoop,
  intents: benchIntents,
  execution: benchExecution,
  logAppend: benchLogAppend,
  replay: benchReplay,
  metricsFold: benchMetricsFold,
  importForeign: benchImport,
  eventsView: (opts: { events: number }) => runEventsViewBench(opts.events),
  async agentStart(opts: { runs: number }): Promise<AgentStartSamples> {
    const worker = new Worker(new URL('../lib/agentStart.worker.ts', import.meta.url), { type: 'module' });
    try {
      return await Comlink.wrap<AgentStartApi>(worker).measure(opts.runs);
    } finally {
      worker.terminate();
    }
  },
  async busListen(opts: { runs: number }): Promise<BusListenSamples> {
    const worker = new Worker(new URL('../lib/busListen.worker.ts', import.meta.url), { type: 'module' });
    try {
      return await Comlink.wrap<BusListenApi>(worker).measure(opts.runs);
    } finally {
      worker.terminate();
    }
  },
};

declare global {
  interface Window {
    studioBench: typeof studioBench;
    crossOriginIsolatedOk: boolean;
  }
}
window.studioBench = studioBench;
window.crossOriginIsolatedOk = crossOriginIsolated;
