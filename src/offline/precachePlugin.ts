import type { Plugin } from 'vite';

/**
 * Build-time only (vite.config.ts). Lists every file of the build (entry, chunks, Monaco and the
 * studio's workers, CSS, fonts) in `precache-manifest.json`, which public/sw.js caches on
 * install so the studio opens and runs with the network off after one visit. Each build gets an
 * id, baked into the page as __STUDIO_BUILD_ID__: the page registers `sw.js?build=<id>`, so a
 * new build installs a new worker with a fresh cache instead of serving the old files forever.
 */
export function precacheManifest(publicFiles: readonly string[] = ['favicon.svg']): Plugin {
  const buildId = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
  return {
    name: 'studio-precache-manifest',
    apply: 'build',
    enforce: 'post',
    config: () => ({ define: { __STUDIO_BUILD_ID__: JSON.stringify(buildId) } }),
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => !name.endsWith('.map') && name !== 'index.html');
      // A worker's own build emits its files too; only the page's build has index.html.
      if (!('index.html' in bundle)) return;
      const assets = ['./', ...publicFiles, ...files].sort();
      this.emitFile({ type: 'asset', fileName: 'precache-manifest.json', source: JSON.stringify({ buildId, assets }, null, 1) });
    },
  };
}
