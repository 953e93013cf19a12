/// <reference lib="webworker" />
// Echoes every message: the bare postMessage round trip the agent-start figure is compared with.
self.addEventListener('message', (event: MessageEvent) => self.postMessage(event.data));
self.postMessage('ready');
