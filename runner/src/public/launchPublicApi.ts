import { ensureApiToken } from './apiTokens';
import { publicApiSettings } from './publicApiSettings';
import { startPublicApi } from './publicApi';

/**
 * The launcher's part for the public API: makes the bearer token on the first start (printed
 * here, once; only its hash is kept) and serves the API on RUNNER_PUBLIC_PORT (0: not at all).
 */
export async function launchPublicApi(runnerDir: string, log: (line: string) => void): Promise<string | undefined> {
  const settings = publicApiSettings(process.env, runnerDir);
  if (settings.port === 0) return undefined;
  const made = ensureApiToken(settings.tokenFile);
  if (made)
    log(
      `API token (shown once, keep it; npm run runner:token makes a new one): ${made}`,
    );
  await startPublicApi(settings);
  return `http://127.0.0.1:${settings.port}`;
}
