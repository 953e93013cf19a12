/**
 * Sandbox workers that live in another process: a hidden `sandbox="allow-scripts"` iframe (opaque
 * origin), which Chromium runs in its own renderer, so an agent that exhausts V8's heap kills that
 * iframe and not the studio's tab. The conductor worker reaches the iframe over a MessagePort that
 * the page (src/app/sandboxFrame.ts) relays; when the iframe stops answering, the page says `lost`
 * and every worker in it ends with a bare `error` event, which the pool reports as "it stopped
 * unexpectedly (out of memory?)". The page then starts a fresh iframe.
 */

/** Conductor → iframe. */
export type ToFrame =
  { type: 'spawn'; id: number } | { type: 'post'; id: number; data: unknown } | { type: 'terminate'; id: number };

/** Iframe → conductor (relayed by the page), plus the page's own `lost`. */
export type FromFrame =
  | { type: 'message'; id: number; data: unknown }
  | { type: 'error'; id: number; message: string }
  | { type: 'messageerror'; id: number }
  | { type: 'lost' };

/** What the sandbox pool needs of a worker; a real Worker is one. */
export interface SandboxWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  /** `message` listeners get a MessageEvent; `error` ones an ErrorEvent or a bare Event. */
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: MessageEvent) => void): void;
}

class RemoteWorker implements SandboxWorker {
  dead = false;
  private readonly events = new EventTarget();
  constructor(
    private readonly id: number,
    private readonly send: (message: ToFrame) => void,
    private readonly forget: (id: number) => void,
  ) {}

  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: MessageEvent) => void): void {
    this.events.addEventListener(type, listener as EventListener);
  }

  removeEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: MessageEvent) => void): void {
    this.events.removeEventListener(type, listener as EventListener);
  }

  dispatchEvent(event: Event): void {
    this.events.dispatchEvent(event);
  }

  postMessage(data: unknown): void {
    if (this.dead) {
      queueMicrotask(() => this.die());
      return;
    }
    this.send({ type: 'post', id: this.id, data });
  }

  terminate(): void {
    // Sent even for a dead worker: a spawn that crossed `lost` on the way may have started it in
    // the next iframe.
    this.send({ type: 'terminate', id: this.id });
    this.dead = true;
    this.forget(this.id);
  }

  /** The iframe died: a bare error event, as a crashed worker gives. */
  die(): void {
    this.dead = true;
    this.dispatchEvent(new Event('error', { cancelable: true }));
  }
}

export class FrameWorkers {
  private readonly live = new Map<number, RemoteWorker>();
  private nextId = 1;

  constructor(private readonly port: MessagePort) {
    port.onmessage = (event: MessageEvent<FromFrame>) => this.receive(event.data);
  }

  createWorker = (): SandboxWorker => {
    const id = this.nextId++;
    const worker = new RemoteWorker(
      id,
      (message) => this.port.postMessage(message),
      (gone) => this.live.delete(gone),
    );
    this.live.set(id, worker);
    this.port.postMessage({ type: 'spawn', id } satisfies ToFrame);
    return worker;
  };

  private receive(message: FromFrame): void {
    if (typeof message !== 'object' || message === null) return;
    if (message.type === 'lost') {
      const all = [...this.live.values()];
      this.live.clear();
      for (const worker of all) worker.die();
      return;
    }
    const worker = this.live.get(message.id);
    if (!worker) return;
    if (message.type === 'message') worker.dispatchEvent(new MessageEvent('message', { data: message.data }));
    else if (message.type === 'error')
      worker.dispatchEvent(
        message.message
          ? new ErrorEvent('error', { message: message.message, cancelable: true })
          : new Event('error', { cancelable: true }),
      );
    else if (message.type === 'messageerror') worker.dispatchEvent(new Event('messageerror'));
  }
}
