// Debian's Chromium driven by playwright-core, as the browser tests need it here: headless, no
// sandbox (we run as root), no background networking (the machine has no network but the
// registries), a fresh profile per launch (playwright makes one).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

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

// Saves a full-page screenshot of what a user would see, under the build folder
// (GP_SCREENSHOTS, else $GP_BIN_DIR/screenshots), named after the flow and the step.
export async function screenshot(page, name) {
  const dir = process.env.GP_SCREENSHOTS ?? path.join(process.env.GP_BIN_DIR ?? '.', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

// A page that fails its test on any script error or console error (a broken view must not pass
// because the assertion happened to look elsewhere).
export async function strictPage(browser, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'America/Los_Angeles' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) page.errors.push(m.text());
  });
  return page;
}

// Signs `person` ({ login, password }) in through the sign-in page, then opens `route` (a hash
// route) as that person.
export async function signInAt(page, base, person, route) {
  await page.goto(`${base}/#/signin`);
  await page.getByLabel('登录名或统一社会信用代码').fill(person.login);
  await page.getByLabel('密码').fill(person.password);
  await page.getByRole('button', { name: '登录' }).click();
  // Signed in, the page leaves the sign-in form (a masthead from an earlier session proves nothing).
  await page.waitForURL((url) => !url.hash.startsWith('#/signin'));
  await page.goto(`${base}/#${route}`);
}

// Closes the browser, then stops the platform, which must exit cleanly (0, no signal).
export async function closeAll(browser, stack) {
  await browser?.close();
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
}
