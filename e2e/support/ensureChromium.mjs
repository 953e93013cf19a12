// Finds a Chromium for the browser tests, installing Debian's when running as root on Debian.
// Playwright's own browser download does not work offline, so this is the one way in.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium.mjs';

if (!chromiumPath()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian Chromium for the browser tests (apt-get install chromium)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null', { stdio: 'inherit', shell: '/bin/bash' });
  }
}
if (!chromiumPath()) {
  console.error('No Chromium found: install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to its binary.');
  process.exit(1);
}
