import { readFileSync } from 'node:fs';

/**
 * API keys on the runner, by the name a model gives (apiKeyName): from the environment as
 * RUNNER_SECRET_<NAME> (upper case, non-alphanumerics as _), or from a JSON file of
 * { "name": "key" } named by RUNNER_SECRETS_FILE. The studio never sends a key, and none is logged.
 */
export function runnerSecret(name: string): Promise<string | undefined> {
  const envName = `RUNNER_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const fromEnv = process.env[envName];
  if (fromEnv) return Promise.resolve(fromEnv);
  const file = process.env['RUNNER_SECRETS_FILE'];
  if (!file) return Promise.resolve(undefined);
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const value = parsed[name];
    return Promise.resolve(typeof value === 'string' ? value : undefined);
  } catch {
    return Promise.resolve(undefined);
  }
}
