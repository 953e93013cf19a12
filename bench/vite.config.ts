import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// Bench-only pages, built apart from the app (never part of index.html). They import from src/
// and are served by bench/run.mjs under /bench/, next to the app's own production build.
const pages = fileURLToPath(new URL('./pages/', import.meta.url));

export default defineConfig({
  root: pages,
  base: '/bench/',
  plugins: [react()],
  worker: { format: 'es' },
  logLevel: 'warn',
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../dist-bench-pages/', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 10_000,
    // BENCH_NO_MINIFY=1 keeps function names readable in CPU profiles (bench/lib/profile.mjs).
    minify: process.env['BENCH_NO_MINIFY'] ? false : 'oxc',
    rollupOptions: {
      input: { engine: `${pages}engine.html`, canvas: `${pages}canvas.html`, metrics: `${pages}metrics.html` },
    },
  },
});
