import { execFileSync } from 'node:child_process';

/** The tests start the runner as `npm run runner` does: from its bundle, built once here. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/rolldown/bin/cli.mjs', '-c', 'runner/rolldown.config.mjs'], {
    stdio: 'inherit',
  });
}
