/**
 * `pretest`: makes sure Playwright has a Chromium to drive. Order: CHROMIUM_PATH, Debian's
 * /usr/bin/chromium, Playwright's own download. When none is there it installs Debian's package
 * (as root on Debian), or stops saying exactly what to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from '../tests/support/browser.ts';

if (chromiumPath()) process.exit(0);

const isRoot = process.getuid?.() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log("No Chromium found: installing Debian's chromium package (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env })
      : update;
  if (install.status === 0 && chromiumPath()) process.exit(0);
}
console.error(`
No Chromium for the browser tests. Install one, then run npm test again:
  - Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium
  - with internet:  npx playwright install chromium
  - or point CHROMIUM_PATH at an existing Chromium or Chrome binary.
`);
process.exit(1);
