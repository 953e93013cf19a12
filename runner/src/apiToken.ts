import { join, resolve } from 'node:path';
import { rotateApiToken } from './public/apiTokens';
import { apiTokenFile } from './public/publicApiSettings';

/**
 * `npm run runner:token`: makes a new bearer token for the runner's public API and prints it once.
 * The old token stops working at once, also for a runner that is running (it reads the file again).
 */
const file = apiTokenFile(process.env, resolve(process.env['RUNNER_DIR'] ?? '.runner'));
const token = rotateApiToken(file);
console.log(`New API token (shown once; the old one no longer works): ${token}`);
console.log(`Its hash is in ${file.startsWith(process.cwd()) ? join('.', file.slice(process.cwd().length)) : file}.`);
