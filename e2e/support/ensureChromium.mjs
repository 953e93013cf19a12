// Finds a Chromium for the browser tests and the bench, installing Debian's when running as root on
// Debian. Playwright's own browser download does not work offline, so this is the one way in.
// `node e2e/support/ensureChromium.mjs` (the test command) exits non-zero when there is none;
// bench/run.mjs calls ensureChromium() itself.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './chromium.mjs';

/** The Chromium binary to use, installed first if that is possible here; throws when there is none. */
export function ensureChromium() {
  if (!chromiumPath()) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (isRoot && existsSync('/usr/bin/apt-get')) {
      console.log('Installing Debian Chromium (apt-get install chromium)…');
      execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null', {
        stdio: 'inherit',
        shell: '/bin/bash',
      });
    }
  }
  const found = chromiumPath();
  if (!found)
    throw new Error(
      'No Chromium found: install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to its binary.',
    );
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureChromium();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
