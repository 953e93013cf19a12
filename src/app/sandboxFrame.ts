import sandboxWorkerUrl from '../../workers/sandbox.worker.ts?worker&url';
import type { FromFrame, ToFrame } from '../runtime/frameWorkers';

/**
 * The script of the hidden iframe that hosts agent sandboxes. It is `sandbox="allow-scripts"`, so
 * its origin is opaque and Chromium gives it its own process: an agent that exhausts the heap
 * kills this iframe, not the tab. It receives the sandbox worker's code once, with a MessagePort,
 * and then spawns, feeds and terminates classic workers from a blob: URL of that code (an opaque
 * origin cannot start module workers from blob: URLs, nor load the build's files).
 */
const FRAME_SCRIPT = `
addEventListener('message', function init(event) {
  if (event.source !== parent || !event.ports[0]) return;
  removeEventListener('message', init);
  const port = event.ports[0];
  const url = URL.createObjectURL(new Blob([event.data.code], { type: 'text/javascript' }));
  const workers = new Map();
  port.onmessage = (m) => {
    const msg = m.data;
    if (msg.type === 'ping') return port.postMessage({ type: 'pong', n: msg.n });
    if (msg.type === 'spawn') {
      try {
        const w = new Worker(url, { name: 'agent sandbox' });
        w.onmessage = (e) => port.postMessage({ type: 'message', id: msg.id, data: e.data });
        w.onerror = (e) => { e.preventDefault(); port.postMessage({ type: 'error', id: msg.id, message: e.message || '' }); };
        w.onmessageerror = () => port.postMessage({ type: 'messageerror', id: msg.id });
        workers.set(msg.id, w);
      } catch (error) {
        port.postMessage({ type: 'error', id: msg.id, message: String(error && error.message || error) });
      }
      return;
    }
    const w = workers.get(msg.id);
    if (!w) return;
    if (msg.type === 'terminate') { w.terminate(); workers.delete(msg.id); return; }
    try { w.postMessage(msg.data); } catch (error) { port.postMessage({ type: 'messageerror', id: msg.id }); }
  };
  port.postMessage({ type: 'hello' });
});
`;

/** How often the page asks the iframe whether it is alive, and how long an answer may take. */
const PING_EVERY_MS = 500;
const ANSWER_WITHIN_MS = 3_000;

type FromFrameScript = FromFrame | { type: 'pong'; n: number } | { type: 'hello' };

/**
 * The sandbox worker's built code as one classic script, or null when it is not self-contained
 * (the dev server serves it as a module with imports): then agents run in workers of the tab.
 */
async function sandboxWorkerCode(): Promise<string | null> {
  try {
    const response = await fetch(sandboxWorkerUrl);
    if (!response.ok) return null;
    const code = await response.text();
    if (/^\s*(import|export)\b/m.test(code)) return null;
    // Wrapped, so its top-level bindings (the real postMessage among them) are not globals that
    // agent code could name.
    return `(function () {\n'use strict';\n${code}\n})();\n`;
  } catch {
    return null;
  }
}

/**
 * Owns the iframe and relays between it and the conductor worker's SandboxPool. When the iframe
 * stops answering (its process died), the conductor is told `lost` and a fresh iframe starts.
 */
export class SandboxFrame {
  private frame: HTMLIFrameElement | null = null;
  private framePort: MessagePort | null = null;
  private ready = false;
  private queued: ToFrame[] = [];
  private pingSent = 0;
  private pingAt = 0;
  private answered = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private disposed = false;
  /** How many iframes died; for tests and diagnostics. */
  crashes = 0;

  private constructor(
    private readonly code: string,
    private readonly conductorSide: MessagePort,
  ) {
    conductorSide.onmessage = (event: MessageEvent<ToFrame>) => this.toFrame(event.data);
    this.start();
    this.timer = setInterval(() => this.check(), PING_EVERY_MS);
  }

  /** A frame and the port to hand the conductor worker, or null where agents stay in the tab. */
  static async create(): Promise<{ frame: SandboxFrame; port: MessagePort } | null> {
    if (typeof document === 'undefined') return null;
    const code = await sandboxWorkerCode();
    if (code === null) return null;
    const channel = new MessageChannel();
    return { frame: new SandboxFrame(code, channel.port1), port: channel.port2 };
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.stop();
    this.conductorSide.close();
  }

  private start(): void {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = 'Agent sandboxes';
    frame.style.display = 'none';
    frame.srcdoc = `<!doctype html><meta charset="utf-8"><script>${FRAME_SCRIPT}</script>`;
    const channel = new MessageChannel();
    const port = channel.port1;
    port.onmessage = (event: MessageEvent<FromFrameScript>) => this.fromFrame(port, event.data);
    frame.addEventListener('load', () => frame.contentWindow?.postMessage({ code: this.code }, '*', [channel.port2]), {
      once: true,
    });
    this.frame = frame;
    this.framePort = port;
    this.ready = false;
    // Counts as a question: a frame that never says hello is replaced like one that stops answering.
    this.pingAt = Date.now();
    this.pingSent = this.answered + 1;
    document.body.append(frame);
  }

  private stop(): void {
    this.framePort?.close();
    this.frame?.remove();
    this.frame = null;
    this.framePort = null;
    this.ready = false;
  }

  private toFrame(message: ToFrame): void {
    if (this.ready && this.framePort) this.framePort.postMessage(message);
    else this.queued.push(message);
  }

  private fromFrame(port: MessagePort, message: FromFrameScript): void {
    if (port !== this.framePort) return;
    if (message.type === 'hello') {
      this.ready = true;
      this.answered = this.pingSent;
      for (const queued of this.queued.splice(0)) port.postMessage(queued);
      return;
    }
    if (message.type === 'pong') {
      this.answered = Math.max(this.answered, message.n);
      return;
    }
    this.conductorSide.postMessage(message);
  }

  private check(): void {
    if (this.disposed) return;
    if (this.answered < this.pingSent) {
      // Timers of a background tab are throttled: a late check only makes the verdict late.
      if (Date.now() - this.pingAt > ANSWER_WITHIN_MS) this.lose();
      return;
    }
    this.pingSent += 1;
    this.pingAt = Date.now();
    this.framePort?.postMessage({ type: 'ping', n: this.pingSent });
  }

  private lose(): void {
    this.crashes += 1;
    this.stop();
    // Messages queued for the dead frame belong to workers the conductor is about to write off.
    this.queued = [];
    this.conductorSide.postMessage({ type: 'lost' } satisfies FromFrame);
    this.start();
  }
}
