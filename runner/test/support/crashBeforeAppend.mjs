// A fault injected from outside the runner's code: preloaded into a runner process with
// NODE_OPTIONS=--import, it wraps the process's fetch (the port through which the driver writes
// the log to Restate) and kills the process just before it would send the append carrying the
// Nth agent result (CRASH_BEFORE_APPEND_AT_RESOLVE), once: the marker file remembers it across
// the processes that inherit it. The result the agent worked for is then lost with the process.
import { existsSync, writeFileSync } from 'node:fs';

const at = Number(process.env.CRASH_BEFORE_APPEND_AT_RESOLVE ?? 0);
const marker = process.env.CRASH_BEFORE_APPEND_MARKER;

if (at > 0 && marker) {
  const realFetch = globalThis.fetch;
  let resolvedSeen = 0;
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (/\/project\/[^/]+\/append$/.test(url) && typeof init?.body === 'string') {
      const { records } = JSON.parse(init.body);
      resolvedSeen += records.filter((record) => record.type === 'agent.resolved').length;
      if (resolvedSeen >= at && !existsSync(marker)) {
        writeFileSync(marker, String(process.pid));
        process.exit(70);
      }
    }
    return realFetch(input, init);
  };
}
