// Debian's Chromium driven by playwright-core, as the browser tests need it here: headless, no
// sandbox (we run as root), no background networking (the machine has no network but the
// registries), a fresh profile per launch (playwright makes one).
import { chromium } from 'playwright-core';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.GP_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
