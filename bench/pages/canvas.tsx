import { ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node } from '@xyflow/react';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import '../../src/ui/app.css';
import type { ProjectSession } from '../../src/app/projectSession';
import type { ProjectView } from '../../src/app/projectView';
import { SessionContext } from '../../src/app/useProjectSession';
import type { StoredEvent } from '../../src/core/events/storedEvent';
import type { RunId } from '../../src/core/ids';
import { foldAllDefinitions } from '../../src/core/project/projectState';
import { emptyRuns, foldRuns } from '../../src/core/run/runState';
import { compileModel } from '../../src/runtime/compileModel';
import { FlowCanvas } from '../../src/ui/canvas/FlowCanvas';
import { DAG_FLOW, dagDrafts, dagSteps, stepIdOf, type DagShape } from '../lib/dagFixture';
import { completeRun, fakeEvent } from '../lib/syntheticLog';

/**
 * One canvas per page load: ?mode=studio renders the studio's FlowCanvas (StepNodeView, artifact
 * edges, minimap, background, controls) over real projections of a log; ?mode=bare renders bare
 * React Flow with default nodes and edges, same graph, same positions, same viewport and the
 * same React Flow options that bear on speed (minZoom, fitView, onlyRenderVisibleElements).
 */
const params = new URLSearchParams(location.search);
const mode = params.get('mode') === 'bare' ? 'bare' : 'studio';
const steps = Number(params.get('steps') ?? 1000);
const shape: DagShape = { steps, width: steps >= 5000 ? 50 : 25 };
const VIEW = { width: 1100, height: 800 };
const fitViewOptions = { maxZoom: 1, padding: 0.2 };

interface FrameSamples {
  frameMs: number[];
  elapsedMs: number;
  startZoom: number;
}

interface CanvasBench {
  /** ms from the first React render call until the fitted graph was painted. */
  firstRender: Promise<number>;
  frames(path: 'overview' | 'detail', maxFrames: number, maxMs: number): Promise<FrameSamples>;
  visibleNodeElements(): number;
}
declare global {
  interface Window {
    canvasBench: CanvasBench;
  }
}

function studioElements(): { view: ProjectView; events: StoredEvent[] } {
  let seq = 0;
  const events = dagDrafts(shape, compileModel).map((d) => fakeEvent(seq++, d.type, d.data as never));
  const defs = foldAllDefinitions(events);
  // A tenth of the steps have run: statuses and carried artifacts on the canvas, as during a run.
  // (Folding more is slow: foldRuns copies the run's step map on every event; see README.)
  const runEvents = completeRun('run_canvas' as RunId, shape, Math.floor(steps / 10)).map((e) => ({
    ...e,
    seq: seq++,
  }));
  const runs = runEvents.reduce(foldRuns, emptyRuns);
  return { view: { status: 'ready', role: 'leader', defs, runs, history: new Map(), liveEvents: [] }, events };
}

function bareElements(): { nodes: Node[]; edges: Edge[] } {
  const list = dagSteps(shape);
  const nodes: Node[] = list.map((s) => ({
    id: stepIdOf(s.index),
    position: { x: s.layer * 260, y: s.column * 150 },
    data: { label: `Step ${s.index}` },
  }));
  const edges: Edge[] = list.flatMap((s) =>
    s.from.map((source, i) => ({ id: `e${s.index}_${i}`, source: stepIdOf(source), target: stepIdOf(s.index) })),
  );
  return { nodes, edges };
}

/** Drives the viewport from requestAnimationFrame and exposes the measurements. */
function Driver({ onReady }: { onReady: () => void }) {
  const flow = useReactFlow();
  useEffect(() => {
    currentZoom = () => flow.getViewport().zoom;
    window.canvasBench.frames = async (path, maxFrames, maxMs) => {
      const v0 = flow.getViewport();
      if (path === 'detail') await flow.setViewport({ x: 40, y: 40, zoom: 1 });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const start = flow.getViewport();
      const frameMs: number[] = [];
      return new Promise<FrameSamples>((resolve) => {
        let last = performance.now();
        const t0 = last;
        let f = 0;
        const tick = (now: number): void => {
          void now;
          const t = performance.now();
          if (f > 0) frameMs.push(t - last);
          last = t;
          f += 1;
          if (f > maxFrames || t - t0 > maxMs) {
            void flow.setViewport(v0);
            resolve({ frameMs, elapsedMs: t - t0, startZoom: start.zoom });
            return;
          }
          if (path === 'overview') {
            // Pan in a loop and breathe the zoom ±25% around the fitted zoom.
            void flow.setViewport({
              x: start.x + 300 * Math.sin(f / 20),
              y: start.y + 200 * Math.cos(f / 20),
              zoom: start.zoom * (1 + 0.25 * Math.sin(f / 30)),
            });
          } else {
            // At 100%, pan steadily across the graph, a little down as well.
            void flow.setViewport({ x: start.x - 12 * f, y: start.y - 3 * f, zoom: 1 });
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    };
    onReady();
  }, [flow, onReady]);
  return null;
}

let currentZoom = (): number => 1;

/** Fitted (zoomed out from the initial 100%) and painted. Reads no computed style: that would force layouts the figure would then count. */
function paintedFitted(): boolean {
  if (currentZoom() >= 0.999) return false;
  const lod = document.querySelector<HTMLCanvasElement>('canvas[data-lod-drawn="true"]');
  if (lod) return true;
  return [...document.querySelectorAll<HTMLElement>('.react-flow__node')].some((n) => n.style.visibility !== 'hidden');
}

const firstRender = new Promise<number>((resolve) => {
  window.canvasBench = {
    firstRender: Promise.resolve(0),
    frames: () => Promise.reject(new Error('not ready')),
    visibleNodeElements: () => document.querySelectorAll('.react-flow__node').length,
  };
  const root = document.getElementById('root') as HTMLElement;
  // The projections are built before the clock starts: the figure is the canvas's.
  const studio = mode === 'studio' ? studioElements() : undefined;
  const bare = mode === 'bare' ? bareElements() : undefined;
  const t0 = performance.now();
  let driverReady = false;
  const poll = (): void => {
    if (driverReady && paintedFitted()) {
      // One more frame so what was committed has been painted.
      requestAnimationFrame(() => resolve(performance.now() - t0));
      return;
    }
    requestAnimationFrame(poll);
  };
  const ready = (): void => {
    driverReady = true;
  };
  const frame = { width: VIEW.width, height: VIEW.height, display: 'grid', gridTemplateColumns: '1fr' };
  if (studio) {
    const { view } = studio;
    const session = {
      subscribe: () => () => undefined,
      getView: () => view,
      execute: () => Promise.resolve({ ok: true, seq: 0 }),
    } as unknown as ProjectSession;
    const flow = view.defs.flows.get(DAG_FLOW);
    if (!flow) throw new Error('the bench flow is missing');
    const run = view.runs.runs.get('run_canvas' as RunId);
    createRoot(root).render(
      <SessionContext.Provider value={session}>
        <ReactFlowProvider>
          <div style={frame}>
            <FlowCanvas flow={flow} run={run} />
          </div>
          <Driver onReady={ready} />
        </ReactFlowProvider>
      </SessionContext.Provider>,
    );
  } else if (bare) {
    const { nodes, edges } = bare;
    createRoot(root).render(
      <ReactFlowProvider>
        <div style={frame}>
          <ReactFlow
            defaultNodes={nodes}
            defaultEdges={edges}
            fitView
            fitViewOptions={fitViewOptions}
            minZoom={0.1}
            onlyRenderVisibleElements
            proOptions={{ hideAttribution: true }}
          />
        </div>
        <Driver onReady={ready} />
      </ReactFlowProvider>,
    );
  }
  requestAnimationFrame(poll);
});
window.canvasBench.firstRender = firstRender;
