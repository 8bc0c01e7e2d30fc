// Signing in in a real browser: the platform's status, signing in with the keyboard, a wrong
// password explained, the session surviving a reload (HttpOnly cookie), signing out, and the
// language switch.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { runCli, startStack } from '../../tests/e2e/harness.mjs';
import { closeAll, launchBrowser, screenshot, strictPage } from './browser.mjs';

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
after(() => closeAll(browser, stack));

test('the page shows the platform up, and an official signs in, reloads and signs out', async () => {
  const page = await strictPage(browser);
  await page.goto(stack.base + '/');
  await page.getByRole('heading', { name: '招标公告' }).waitFor();
  assert.equal(await page.title(), '公平 Gongping · 招标公告');
  await page.locator('[data-check="database"].up').waitFor({ timeout: 10000 });
  await page.locator('[data-check="engine"].up').waitFor({ timeout: 10000 });

  await page.getByRole('link', { name: '登录' }).click();
  // Keyboard only: the labels name the fields, Enter submits.
  await page.getByLabel('登录名或统一社会信用代码').focus();
  await page.keyboard.type('li.na');
  await page.keyboard.press('Tab');
  await page.keyboard.type('wrong-password-0');
  await page.keyboard.press('Enter');
  // The problem in the page's words, then the server's detail.
  await page.getByRole('alert').filter({ hasText: '登录名或密码错误：The login name or password is wrong.' }).waitFor();
  assert.equal(await page.getByLabel('密码').inputValue(), '', 'a refused password is not kept in the form');
  await screenshot(page, 'sign-in-refused');

  await page.getByLabel('密码').fill('official-password-1');
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#account').filter({ hasText: '李娜 · 采购人员 · U-' }).waitFor();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'gp_session');
  assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
  assert.equal(session.sameSite, 'Strict');
  assert.equal(await page.evaluate(() => document.cookie), '', 'scripts cannot read the session');

  await page.reload();
  await page.locator('#account').filter({ hasText: '李娜' }).waitFor();

  // English, kept across a reload; then back to Chinese.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Tender notices' }).waitFor();
  await page.locator('#account').filter({ hasText: '李娜 · official · U-' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await page.getByRole('heading', { name: 'Tender notices' }).waitFor();
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '招标公告' }).waitFor();

  await page.getByRole('button', { name: '退出' }).click();
  await page.getByRole('link', { name: '登录' }).waitFor();
  await page.reload();
  await page.getByRole('link', { name: '登录' }).waitFor();
  assert.equal(await page.locator('#account').count(), 0);
  assert.deepEqual(page.errors, []);
});
