import { join } from 'node:path';

/** The public API's settings, from the environment (runner/README.md lists them). */
export interface PublicApiSettings {
  /** 0: no public API. */
  port: number;
  /** Browser pages that may call it (CORS); callers outside a browser send no Origin and need none. */
  allowedOrigins: string[];
  tokenFile: string;
}

export const apiTokenFile = (env: NodeJS.ProcessEnv, runnerDir: string): string =>
  env['RUNNER_API_TOKEN_FILE'] ?? join(runnerDir, 'api-token.json');

export function publicApiSettings(env: NodeJS.ProcessEnv, runnerDir: string): PublicApiSettings {
  return {
    port: Number(env['RUNNER_PUBLIC_PORT'] ?? 4781),
    allowedOrigins: (env['RUNNER_PUBLIC_ORIGINS'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    tokenFile: apiTokenFile(env, runnerDir),
  };
}
