// The runner is bundled to plain ESM for Node: the studio's own src/core, src/share and
// src/runtime are compiled in from source; npm packages stay imports of node_modules.
export default {
  input: {
    launch: 'runner/src/launch.ts',
    worker: 'runner/src/worker.ts',
    scriptThread: 'runner/src/scriptThread.ts',
    bench: 'runner/bench/runnerBench.ts',
    sseBench: 'runner/bench/sseBench.ts',
    apiToken: 'runner/src/apiToken.ts',
  },
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  output: { dir: 'runner/dist', format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
};
