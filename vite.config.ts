import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { studioServiceWorker } from './src/offline/serviceWorkerConfig.ts';

// Cross-origin isolation gives workers and benchmarks 5 µs timers; nothing here loads cross-origin.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * In the page's production build, core code's cel-js import (src/core/intents/celParse.ts) is
 * served by src/app/celParseDeferred.ts, which loads cel-js after the first paint: the page never
 * evaluates CEL itself (the conductor worker does), so it need not hold up the initial JS. Worker
 * bundles do not get this plugin (`worker.plugins` is separate), nor does the dev server.
 */
function deferCelInPage(): Plugin {
  const deferred = fileURLToPath(new URL('./src/app/celParseDeferred.ts', import.meta.url));
  return {
    name: 'studio:defer-cel-in-page',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('/celParse') && source !== './celParse') return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id.endsWith('/src/core/intents/celParse.ts') ? deferred : null;
    },
  };
}

export default defineConfig({
  plugins: [react(), studioServiceWorker(), deferCelInPage()],
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: { target: 'es2022', chunkSizeWarningLimit: 4_000 },
});
