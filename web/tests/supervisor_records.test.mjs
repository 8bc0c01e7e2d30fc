// A supervisor's desk in a real browser: the trading-record search finds an opened bid by its
// bidder, the tender's full history shows who did what and when, the tender as it stood before its
// opening shows no bids, and the collusion alerts page lists the indicators with their evidence.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from '../../tests/e2e/harness.mjs';
import {
  call,
  draftTerms,
  enterprise,
  officerWithJsKey,
  openAtDeadline,
  pinClock,
  sealBid,
  staff,
} from '../../tests/e2e/tendering.mjs';
import { closeAll, launchBrowser, screenshot, signInAt, strictPage } from './browser.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
let stack;
let browser;
let tender;
const people = { bidders: [] };

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'desk.official');
  people.officer1 = await officerWithJsKey(stack, 'desk.officer1');
  people.officer2 = await officerWithJsKey(stack, 'desk.officer2');
  people.supervisor = await staff(stack, 'supervisor', 'desk.supervisor', '钱监督');
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token, body: draftTerms(NOW, [people.officer1, people.officer2], { title: '政务外网安全运维服务' }),
  });
  tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).body;
  for (const [i, price] of [81_000_000, 86_000_000, 90_000_000].entries()) {
    const b = await enterprise(stack, `91440101MA5M0000${i + 1}`, `监督台${i + 1}号公司`);
    // The first two bid from one device: a collusion indicator the alerts page must show.
    const r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/bids`, {
      token: b.token, body: await sealBid(tender, b, price),
      headers: { 'content-type': 'application/jose', 'idempotency-key': `desk-${i}`, 'gp-device': i < 2 ? 'dev-shared-7f3a' : `dev-own-${i}` },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    people.bidders.push(b);
  }
  await openAtDeadline(stack, tender, [people.officer1, people.officer2], [people.official, people.officer1, people.officer2, people.supervisor, ...people.bidders]);
  browser = await launchBrowser();
});

after(() => closeAll(browser, stack));

test('the supervisor finds a bid, reads the tender’s history and sees it as it stood before the opening', async () => {
  const page = await strictPage(browser);
  await signInAt(page, stack.base, people.supervisor, '/');
  await page.getByRole('link', { name: '交易记录' }).click();
  await page.getByLabel('记录类型').selectOption('bid');
  await page.getByLabel('当事人').fill(people.bidders[0].id);
  await page.getByRole('button', { name: '搜索' }).click();
  const row = page.locator('table.records tbody tr');
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /政务外网安全运维服务.*E-\d{6}.*已解密.*¥810,000\.00/);
  await screenshot(page, 'supervisor-03-record-search');

  await row.getByRole('link', { name: '完整历史' }).click();
  await page.getByRole('heading', { name: `${tender.id} 的完整历史` }).waitFor();
  const history = await page.locator('table.history').textContent();
  assert.ok(history.includes(`${people.official.id} (采购人员) tender.drafted`), 'who drafted it');
  assert.ok(history.includes('tender.published'));
  assert.ok(history.includes('bid.submitted') && history.includes('tender.opened'), 'bids show once opened');
  assert.ok(!history.includes('无审计条目'), 'every change has its audit entry');
  await screenshot(page, 'supervisor-04-history');

  await page.getByLabel('时刻（北京时间）').fill('2026-11-28T10:00');
  await page.getByRole('button', { name: '查看' }).click();
  const then = page.locator('dl.facts').filter({ hasText: '当时的记录' });
  await then.waitFor();
  const text = await then.textContent();
  assert.match(text, /招标中/);
  assert.ok(text.includes('tenders ×1') && text.includes('bids ×3'), text);
  assert.ok(!text.includes('opened_bids'), 'not yet opened on the 28th');

  await page.getByRole('link', { name: '围标预警' }).click();
  await page.getByRole('heading', { name: '围标串标预警' }).waitFor();
  const device = page.locator('tr', { hasText: '相同设备' });
  await device.waitFor();
  const alert = await device.textContent();
  assert.ok(alert.includes(people.bidders[0].id) && alert.includes(people.bidders[1].id) && !alert.includes(people.bidders[2].id), alert);
  assert.match(alert, /dev-shared-7f3a/, 'with its evidence');
  await screenshot(page, 'supervisor-05-alerts');
  assert.deepEqual(page.errors, []);
});

test('anyone reads the statistics: the month’s tenders as charts and as a table, with the CSV', async () => {
  const page = await strictPage(browser);
  await page.goto(`${stack.base}/#/`);
  await page.getByRole('link', { name: '统计' }).click();
  await page.getByRole('heading', { name: '交易统计' }).waitFor();
  // Published on 2026-11-27 (Beijing time), opened with three bids.
  const row = page.locator('table tbody tr', { hasText: '2026-11' });
  assert.match(await row.textContent(), /^2026-11货物1¥1,000,000\.003\.000\.00%/);
  // Both charts drawn by ECharts (as SVG), each named for screen readers.
  await page.locator('.chart[aria-label="各月招标项目数"] svg').waitFor();
  await page.locator('.chart[aria-label="各月预算金额（百万元）"] svg').waitFor();
  assert.equal(await page.getByRole('heading', { name: '审批各环节用时' }).count(), 0, 'the approval stages are for the bureau');
  const csv = await page.getByRole('link', { name: '下载 CSV' }).getAttribute('href');
  assert.equal((await fetch(`${stack.base}${csv}`)).headers.get('content-type'), 'text/csv; charset=utf-8');
  await screenshot(page, 'public-statistics');
  assert.deepEqual(page.errors, []);
});
