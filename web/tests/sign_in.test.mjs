// The first page in a real browser: the platform's status, signing in with the keyboard, a wrong
// password explained, the session surviving a reload (HttpOnly cookie), signing out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { runCli, startStack } from '../../tests/e2e/harness.mjs';
import { launchBrowser } from './browser.mjs';

let stack;
let browser;

before(async () => {
  stack = await startStack();
  const made = runCli(['user', 'add', '--role', 'official', '--login', 'li.na', '--name', '李娜', '--password-stdin'], {
    dbUrl: stack.schema.url,
    input: 'official-password-1\n',
  });
  assert.equal(made.status, 0, made.stderr);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('the page shows the platform up, and an official signs in, reloads and signs out', async () => {
  const page = await browser.newPage();
  await page.goto(stack.base + '/');
  assert.equal(await page.title(), '公平 Gongping · 公共资源交易平台');
  await page.locator('[data-check="database"].up').waitFor({ timeout: 10000 });
  await page.locator('[data-check="engine"].up').waitFor({ timeout: 10000 });

  // Keyboard only: the labels name the fields, Enter submits.
  await page.getByLabel('登录名或统一社会信用代码 Login or USCC').focus();
  await page.keyboard.type('li.na');
  await page.keyboard.press('Tab');
  await page.keyboard.type('wrong-password-0');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').filter({ hasText: 'The login name or password is wrong.' }).waitFor();

  await page.getByLabel('密码 Password').fill('official-password-1');
  await page.getByRole('button', { name: '登录 Sign in' }).click();
  await page.locator('#account').filter({ hasText: '李娜 (official, U-' }).waitFor();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'gp_session');
  assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
  assert.equal(session.sameSite, 'Strict');
  assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read the session');

  await page.reload();
  await page.locator('#account').filter({ hasText: '李娜' }).waitFor();

  await page.getByRole('button', { name: '退出 Sign out' }).click();
  await page.locator('#signin-section:not([hidden])').waitFor();
  await page.reload();
  await page.locator('#signin-section:not([hidden])').waitFor();
  assert.equal(await page.locator('#account-section').isHidden(), true);
});
