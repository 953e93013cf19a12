/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** `on` only in the e2e build (`vite build --mode e2e`, from .env.e2e): enables test hooks. */
  readonly VITE_STUDIO_TEST_HOOKS?: string;
}
