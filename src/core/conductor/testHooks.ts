import type { ConductorTestHooks } from './ports';

/** A script model whose name starts with this makes the conductor throw while it drafts its step. */
export const THROW_IN_CONDUCTOR = '__throw_in_conductor';

/**
 * A bug injected into the conductor, for the browser tests that prove a conductor bug fails its
 * step visibly with a code (e2e/conductorBug.spec.ts) and for the unit tests.
 *
 * Reachable only in a test build: workers/conductorHost.ts passes it as the `testHooks` port only
 * when the build was made with VITE_STUDIO_TEST_HOOKS=on (`vite build --mode e2e`, see .env.e2e and
 * package.json's test:e2e). Vite replaces that flag with a constant at build time, so the normal
 * build (`npm run build`) has no reference to this module and it is not in its bundle.
 */
export const throwInConductor: ConductorTestHooks = {
  beforeDraft(modelName) {
    if (modelName?.startsWith(THROW_IN_CONDUCTOR))
      throw new Error(`Injected conductor bug: a step of model “${modelName}” (test builds only)`);
  },
};
