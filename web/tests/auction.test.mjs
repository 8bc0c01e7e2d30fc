// Live auctions in real browsers. An official publishes an ascending auction through the form; an
// enterprise registers with its deposit and the official confirms it on the page; the bidder bids
// on the bidding screen, is outbid by another bidder and sees it at once (the live room), bids again,
// and sees the auction end in its favour (a rival's bid arriving while it types, or while its own
// is on its way, never leaves a wrong price in its form). Then a reverse auction: the bidder whose
// turn it is bids on the screen, where each price shows how its adjustment was computed. Last, an
// official starts a reverse auction after a tender: its opening record fills the bidders and their
// prices.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from '../../tests/e2e/harness.mjs';
import { call, enterprise, instantPlusMicros, pinClock, staff, tenderOpenedWithBids } from '../../tests/e2e/tendering.mjs';
import { closeAll, launchBrowser, screenshot, signInAt, strictPage } from './browser.mjs';

// In the future (so that the keeper's clock never passes these auctions unpinned): 10:00 Beijing.
const NOW = '2030-03-01T02:00:00.000000Z';
const at = (seconds) => new Date(Date.parse(NOW) + seconds * 1000).toISOString();
let stack;
let browser;
const people = {};

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'auc.official', '白云区国有资产管理中心');
  people.a = await enterprise(stack, '91440101MA5Q00001', '广州城建置业有限公司');
  people.b = await enterprise(stack, '91440101MA5Q00002', '广州南沙地产有限公司');
  people.c = await enterprise(stack, '91440101MA5Q00003', '广州天河运维服务有限公司');
  browser = await launchBrowser();
});

after(() => closeAll(browser, stack));

test('an ascending auction: published, registered, bid, outbid live, bid again and won, all in the browser', async () => {
  const official = await strictPage(browser);
  await signInAt(official, stack.base, people.official, '/auctions');
  await official.getByRole('link', { name: '发起竞价' }).click();
  await official.getByLabel('标的名称').fill('白云区 AB0101 地块国有建设用地使用权');
  await official.getByLabel('开始时间（北京时间）').fill('2030-03-01T11:00');
  await official.getByLabel('竞买保证金（元）').fill('10,000,000');
  await official.getByLabel('起始价（元）').fill('100,000,000');
  await official.getByLabel('保留价（元）').fill('120,000,000');
  await official.getByLabel('加价幅度（元）').fill('1,000,000');
  await official.getByLabel('自由竞价截止（北京时间）').fill('2030-03-01T11:30');
  await official.getByLabel('最迟结束时间（北京时间）').fill('2030-03-01T15:00');
  await screenshot(official, 'official-06-new-auction');
  await official.getByRole('button', { name: '发布竞价' }).click();
  await official.getByRole('heading', { name: '白云区 AB0101 地块国有建设用地使用权' }).waitFor();
  const id = official.url().match(/AU-\d+/)[0];
  const terms = await official.locator('.auction').textContent();
  assert.match(terms, /保留价¥120,000,000\.00/, 'the author sees the reserve');
  assert.match(terms, /开始时间2030-03-01 11:00:00 北京时间/);

  const a = await strictPage(browser);
  await signInAt(a, stack.base, people.a, `/auctions/${id}`);
  assert.match(await a.locator('.auction').textContent(), /保留价保密，结束后公布/);
  await a.getByLabel('保证金转账流水号').fill('ICBC20300301-0001');
  await a.getByRole('button', { name: '报名', exact: true }).click();
  await a.getByText('已报名，等待确认保证金到账（流水号 ICBC20300301-0001）。').waitFor();
  const registered = await call(stack.base, 'POST', `/api/auctions/${id}/registrations`, { token: people.b.token, body: { deposit_reference: 'BOC-77' } });
  assert.equal(registered.status, 200);

  await official.reload();
  for (const name of ['广州城建置业有限公司', '广州南沙地产有限公司']) {
    await official.getByRole('button', { name: `确认${name}的保证金已到账` }).click();
    await official.locator('tr', { hasText: name }).getByText('已确认到账').waitFor();
  }
  await screenshot(official, 'official-07-auction-registrations');

  await pinClock(stack.base, at(3660));  // a minute into free bidding
  await a.reload();
  await a.getByText('保证金已确认，您可以出价。').waitFor();
  assert.equal(await a.getByLabel('您的出价（元）').inputValue(), '100,000,000.00', 'the least bid is offered');
  await a.getByRole('button', { name: '出价', exact: true }).click();
  await a.locator('#auction-live').getByText('您的出价当前最高').waitFor();

  // Another bidder outbids while this one types a price: the screen says so at once, without a
  // reload, and keeps the typed price.
  await a.getByText('不低于 ¥101,000,000.00').waitFor();  // the form after one's own bid
  await a.getByLabel('您的出价（元）').fill('105,000,000');
  const outbid = await call(stack.base, 'POST', `/api/auctions/${id}/bids`, {
    token: people.b.token, body: { price_fen: 110_000_000_00 }, headers: { 'idempotency-key': 'b-1' },
  });
  assert.equal(outbid.status, 201);
  await a.locator('#auction-live').getByText('您的出价已被超过').waitFor();
  await a.locator('#auction-live').getByText('¥110,000,000.00').waitFor();
  await a.getByText('不低于 ¥111,000,000.00').waitFor();
  assert.equal(await a.getByLabel('您的出价（元）').inputValue(), '105,000,000', 'what the bidder typed');
  await screenshot(a, 'enterprise-05-outbid');
  await a.getByRole('button', { name: '出价', exact: true }).click();
  await a.getByRole('alert').filter({ hasText: /报价未达到规定的加价或降价幅度.*111,000,000\.00 yuan/ }).waitFor();

  // A rival outbids while this bid is on its way (its answer held back until the rival's bid is on
  // the screen): once the bid is placed, the form offers the new least price, not the price sent.
  await a.route('**/api/auctions/*/bids', async (route) => {
    const response = await route.fetch();
    const rival = await call(stack.base, 'POST', `/api/auctions/${id}/bids`, {
      token: people.b.token, body: { price_fen: 126_000_000_00 }, headers: { 'idempotency-key': 'b-2' },
    });
    assert.equal(rival.status, 201);
    await a.locator('#auction-live').getByText('¥126,000,000.00').waitFor();
    await route.fulfill({ response });
  }, { times: 1 });
  await a.getByLabel('您的出价（元）').fill('125,000,000');
  await a.getByRole('button', { name: '出价', exact: true }).click();
  await a.waitForFunction(() => document.querySelector('#au-price')?.value === '127,000,000.00');
  await a.getByRole('button', { name: '出价', exact: true }).click();
  await a.locator('#auction-live').getByText('您的出价当前最高').waitFor();

  // The countdown after free bidding ends with nobody outbidding: the auction is won.
  await pinClock(stack.base, at(5400 + 181));
  await a.getByRole('heading', { name: '竞价结果' }).waitFor({ timeout: 15000 });  // the record's outcome, not the live panel
  assert.match(await a.locator('.auction').textContent(), new RegExp(`竞价结果${people.a.id} 以 ¥127,000,000\\.00 成交.*您已成交`));
  assert.match(await a.locator('.auction').textContent(), /保留价¥120,000,000\.00/, 'the reserve revealed');
  await screenshot(a, 'enterprise-06-auction-won');
  assert.deepEqual([...official.errors, ...a.errors], []);
});

test('a reverse auction: the bidder on turn bids on the screen; adjusted prices show their computation', async () => {
  const start = at(20000);
  const created = await call(stack.base, 'POST', '/api/auctions', {
    token: people.official.token,
    body: {
      title: '政务云运维服务反向竞价', kind: 'reverse',
      terms: {
        expected_value_fen: 10_000_000_00, min_step_bp: 50, rounds: 3, turn_seconds: 120, starts_at: start,
        bidders: [
          { bidder: people.c.id, initial_price_fen: 9_500_000_00 },
          { bidder: people.b.id, initial_price_fen: 9_800_000_00, coefficient_bp: 1000 },
        ],
      },
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await pinClock(stack.base, instantPlusMicros(start, 5_000_000));
  const c = await strictPage(browser);
  await signInAt(c, stack.base, people.c, `/auctions/${created.body.id}`);
  await c.getByText('轮到您出价').waitFor();
  const standings = await c.locator('table.standings').textContent();
  assert.ok(standings.includes('¥9,800,000.00 ÷ (1 + 10.00%) = ¥8,909,090.91'), standings);
  assert.ok(!standings.includes(people.b.id), 'other bidders by number only');
  assert.ok(standings.includes('2 号竞价人'), standings);
  await c.getByLabel('您的出价（元）').fill('8,800,000');
  await c.getByRole('button', { name: '出价', exact: true }).click();
  await c.getByText('请等待轮到您').waitFor();
  await c.locator('table.standings tr.mine').getByText('¥8,800,000.00').first().waitFor();
  await screenshot(c, 'enterprise-07-reverse-auction');
  assert.deepEqual(c.errors, []);
});

test('a reverse auction after a tender: its opening record fills the bidders, the official gives a coefficient', async () => {
  const tender = await tenderOpenedWithBids(stack, people.official, at(40000),
    [[people.a, 95_000_000], [people.b, 98_000_000], [people.c, 92_000_000]], 'auc');

  const official = await strictPage(browser);
  await signInAt(official, stack.base, people.official, '/auctions/new');
  await official.getByLabel('方式').selectOption('reverse');
  await official.getByLabel('依据招标项目').fill(tender.id);
  await official.getByRole('button', { name: '从开标记录填入' }).click();
  const bidders = official.getByLabel('参与竞价的供应商');
  await official.waitForFunction(() => document.querySelector('#au-bidders').value !== '');
  const lines = (await bidders.inputValue()).split('\n').sort();
  assert.deepEqual(lines, [`${people.a.id} 950,000.00 0`, `${people.b.id} 980,000.00 0`, `${people.c.id} 920,000.00 0`].sort());
  assert.equal(await official.getByLabel('标的名称').inputValue(), `${tender.title}（反向竞价）`);
  assert.equal(await official.getByLabel('预算金额（元）').inputValue(), '1,000,000.00', 'the tender\'s budget');
  await bidders.fill(lines.map((l) => (l.startsWith(people.c.id) ? l.replace(/ 0$/, ' 5') : l)).join('\n'));
  const startsBeijing = new Date(Date.parse(tender.bid_deadline) + 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);
  await official.getByLabel('开始时间（北京时间）').fill(startsBeijing);
  await official.getByRole('button', { name: '发布竞价' }).click();
  await official.getByRole('link', { name: tender.id }).waitFor();
  await screenshot(official, 'official-08-reverse-auction-from-tender');
  const id = official.url().split('/').pop();
  const made = (await call(stack.base, 'GET', `/api/auctions/${id}`, { token: people.official.token })).body;
  assert.equal(made.tender, tender.id);
  assert.deepEqual(made.terms.bidders.map((b) => [b.bidder, b.initial_price_fen, b.coefficient_bp ?? 0]).sort(),
    [[people.a.id, 95_000_000, 0], [people.b.id, 98_000_000, 0], [people.c.id, 92_000_000, 500]].sort());
  assert.deepEqual(official.errors, []);
});
