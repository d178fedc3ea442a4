// Debian's Chromium through playwright-core, headless and offline. Recipe: ../shared/VSCODE-E2E.md ("Chromium").
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const executablePath = process.env.OOM_LENS_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium() {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: run bash scripts/e2e-setup.sh`);
  // No --user-data-dir: launch() makes a fresh profile and removes it on close.
  return await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}
