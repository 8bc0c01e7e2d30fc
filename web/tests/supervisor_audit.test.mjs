// A supervisor checks the audit log in a real browser: the page verifies the checkpoint's Ed25519
// signature against the platform's published key and an entry's inclusion proof against the
// checkpoint's root, with its own hashes. A row changed behind the platform's back (as the database
// superuser) fails the check in the page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from '../../tests/e2e/harness.mjs';
import { call, draftTerms, officerWithJsKey, staff } from '../../tests/e2e/tendering.mjs';
import { closeAll, launchBrowser, screenshot, signInAt, strictPage } from './browser.mjs';

let stack;
let browser;
const people = {};

before(async () => {
  stack = await startStack({ settings: { 'audit.checkpoint_interval_ms': '100' } });
  people.official = await staff(stack, 'official', 'log.official');
  people.officer1 = await officerWithJsKey(stack, 'log.officer1');
  people.officer2 = await officerWithJsKey(stack, 'log.officer2');
  people.supervisor = await staff(stack, 'supervisor', 'log.supervisor', '赵监督');
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token, body: draftTerms(Date.now(), [people.officer1, people.officer2]),
  });
  assert.equal((await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).status, 200);
  browser = await launchBrowser();
});

after(() => closeAll(browser, stack));


test('the page checks the checkpoint signature and an inclusion proof itself, and catches a changed row', async () => {
  // Wait until a checkpoint covers everything so far.
  const size = Number(stack.schema.sql('SELECT count(*) FROM audit_log'));
  for (let i = 0; i < 100; i++) {
    if (Number((await (await fetch(`${stack.base}/api/audit/checkpoint`)).text()).split('\n')[1]) >= size) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const page = await strictPage(browser);
  await signInAt(page, stack.base, people.supervisor, '/audit');
  await page.getByRole('heading', { name: '审计日志' }).waitFor();
  await page.getByText(/✔ 检查点签名有效/).waitFor();
  const treeSize = Number(await page.locator('dl.facts dd').first().textContent());
  assert.ok(treeSize >= size);

  const published = page.locator('tr', { has: page.getByText('tender.published') });
  await published.getByRole('button', { name: '验证' }).click();
  await published.getByRole('status').filter({ hasText: `✔ 已验证：收录于 ${treeSize} 条的日志中` }).waitFor();
  await screenshot(page, 'supervisor-01-audit-verified');

  // The superuser rewrites the publication's entry in the database: the server still serves it, but
  // its hash no longer fits the tree the checkpoint signed.
  stack.schema.superuserSql("SET session_replication_role = replica; UPDATE audit_log SET entry = " +
    "replace(entry, 'tender.published', 'tender.publishes') WHERE entry LIKE '%tender.published%'");
  await page.reload();
  const changed = page.locator('tr', { has: page.getByText('tender.publishes') });
  await changed.getByRole('button', { name: '验证' }).click();
  await changed.getByRole('status').filter({ hasText: '✘ 验证失败：收录证明与检查点不符' }).waitFor();
  await screenshot(page, 'supervisor-02-audit-tampered');
  assert.deepEqual(page.errors, []);
});

test('the audit page is for supervisors: an official is told so', async () => {
  const page = await strictPage(browser);
  await signInAt(page, stack.base, people.official, '/audit');
  await page.getByRole('heading', { name: '无权访问' }).waitFor();
  assert.match(await page.locator('main').textContent(), /当前账户（采购人员）不能使用此页面。/);
  assert.deepEqual(page.errors, []);
});
