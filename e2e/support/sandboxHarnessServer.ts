import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';

export interface SandboxHarnessServer {
  /** e.g. http://127.0.0.1:41234; the harness page is at /e2e/harness/sandbox.html. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A Vite dev server for e2e/harness/sandbox.html, so the sandbox specs drive the real SandboxPool
 * in real Chromium workers without a build, playwright.config.ts or vite.config.ts.
 */
export async function startSandboxHarness(plugins: Plugin[] = []): Promise<SandboxHarnessServer> {
  const server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('../..', import.meta.url)),
    logLevel: 'warn',
    // Our own cache, so this never races a developer's `vite` (or a build folder's run) over node_modules/.vite.
    cacheDir: `node_modules/.vite-e2e-sandbox${process.env.STUDIO_DIST ? `-${process.env.STUDIO_DIST}` : ''}`,
    plugins,
    server: {
      host: '127.0.0.1',
      port: 0,
      hmr: false,
      watch: null,
      fs: { strict: false },
      // As in production (vite.config.ts): cross-origin isolated, so SharedArrayBuffer & co. exist.
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    },
    // Pre-bundle up front: discovering a dependency mid-test makes Vite reload the page.
    optimizeDeps: { entries: ['e2e/harness/sandbox.html'], include: ['sucrase', 'zod'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('Vite did not report a port');
  return { baseUrl: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
