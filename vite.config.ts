import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { studioServiceWorker } from './src/offline/serviceWorkerConfig.ts';

// Cross-origin isolation gives workers and benchmarks 5 µs timers; nothing here loads cross-origin.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), studioServiceWorker()],
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: { target: 'es2022', chunkSizeWarningLimit: 4_000 },
});
