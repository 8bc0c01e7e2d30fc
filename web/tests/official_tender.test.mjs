// An official drafts and publishes a tender in a real browser: every parameter of the evaluation
// method on the form (the benchmark's only when that formula is chosen), deadlines typed in Beijing
// time, the opening officers; a publication the rules refuse is explained on the page; the published
// notice carries exactly what was typed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from '../../tests/e2e/harness.mjs';
import { call, enterprise, officerWithJsKey, pinClock, staff } from '../../tests/e2e/tendering.mjs';
import { closeAll, launchBrowser, screenshot, signInAt, strictPage } from './browser.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
let stack;
let browser;
const people = {};

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'draft.official', '黄采购');
  people.officer1 = await officerWithJsKey(stack, 'draft.officer1');
  people.officer2 = await officerWithJsKey(stack, 'draft.officer2');
  browser = await launchBrowser();
});

after(() => closeAll(browser, stack));

async function fillTerms(page, title) {
  await page.getByLabel('项目名称').fill(title);
  await page.getByLabel('采购需求').fill('政务服务中心排队叫号、评价器与数据对接。');
  await page.getByLabel('采购类别').selectOption('services');
  await page.getByLabel('预算金额（元）').fill('2,000,000');
  await page.getByLabel('最高限价（元）').fill('1,900,000');
  await page.getByLabel('投标保证金（元）').fill('20,000');
  await page.getByLabel('开标人', { exact: true }).fill(`${people.officer1.id}, ${people.officer2.id}`);
}

test('the official drafts with every evaluation parameter, is told why a publication is refused, and publishes', async () => {
  const page = await strictPage(browser);
  await signInAt(page, stack.base, people.official, '/');
  await page.getByRole('link', { name: '发布招标' }).click();
  await page.getByRole('heading', { name: '起草招标公告' }).waitFor();

  // A first draft whose bid deadline is too close: saved, but its publication is refused, with why.
  await fillTerms(page, '排队叫号系统（期限不足）');
  await page.getByLabel('澄清截止时间（北京时间）').fill('2026-11-29T10:00');
  await page.getByLabel('投标截止时间（北京时间）').fill('2026-12-02T10:00');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.locator('.state').filter({ hasText: '草稿' }).waitFor();
  await page.getByRole('button', { name: '发布招标公告' }).click();
  await page.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
  const refusal = await page.getByRole('alert').textContent();
  assert.match(refusal, /20 days/, refusal);
  await screenshot(page, 'official-00-publication-refused');

  await page.getByRole('link', { name: '发布招标' }).click();
  await fillTerms(page, '政务服务中心排队叫号系统');
  assert.equal(await page.getByRole('group', { name: '基准价参数' }).isHidden(), true, 'benchmark parameters only for that formula');
  await page.getByLabel('价格分计算方法').selectOption('benchmark_average');
  await page.getByLabel('下浮系数 K（%）').fill('3.5');
  // Services: price 10 to 30 points; price and criteria make 100.
  await page.getByLabel('价格分（分）').fill('30');
  await page.getByLabel('满分').nth(1).fill('10');
  await page.getByRole('button', { name: '增加评分项' }).click();
  await page.getByLabel('评分项代号').nth(2).fill('delivery');
  await page.getByLabel('满分').nth(2).fill('10');
  await page.getByLabel('专家评分汇总方式').selectOption('trimmed_mean');
  await page.getByLabel('投标截止时间（北京时间）').fill('2026-12-21T09:30');
  await screenshot(page, 'official-00-draft-form');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.locator('.state').filter({ hasText: '草稿' }).waitFor();
  await page.getByRole('button', { name: '发布招标公告' }).click();
  await page.locator('.state').filter({ hasText: '招标中' }).waitFor();
  const id = page.url().match(/T-\d{4}-\d+/)[0];

  const tender = (await call(stack.base, 'GET', `/api/tenders/${id}`)).body;
  assert.equal(tender.bid_deadline, '2026-12-21T01:30:00.000000Z', '09:30 Beijing time');
  assert.deepEqual([tender.budget_fen, tender.ceiling_fen, tender.bid_bond_fen], [200_000_000, 190_000_000, 2_000_000]);
  assert.deepEqual(tender.opening_officers, [people.officer1.id, people.officer2.id]);
  const e = tender.evaluation;
  assert.deepEqual([e.method, e.price_formula, e.price_points, e.aggregation], ['comprehensive', 'benchmark_average', 30, 'trimmed_mean']);
  assert.deepEqual(e.criteria, [{ id: 'tech', max: 50 }, { id: 'service', max: 10 }, { id: 'delivery', max: 10 }]);
  assert.equal(e.benchmark.k_percent, 3.5);
  assert.deepEqual(e.sme_deduction_percent, { small: 10, micro: 10 });
  assert.match(await page.locator('.tender').textContent(), /2026-12-21 09:30:00 北京时间/);
  await screenshot(page, 'official-00-published');

  // A bidder asks; the official answers and amends; everyone reads both, nobody learns who asked.
  const bidder = await enterprise(stack, '91440101MA5N00001', '叫号设备供应商');
  const asker = await strictPage(browser);
  await signInAt(asker, stack.base, bidder, `/tenders/${id}`);
  await asker.getByLabel('问题').fill('评价器是否需要支持人脸识别？');
  await asker.getByRole('button', { name: '提交' }).click();
  for (let i = 0; i < 50; i++) {  // the question is in before the official looks
    if ((await call(stack.base, 'GET', `/api/tenders/${id}/questions`, { token: people.official.token })).body.items.length === 1) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.reload();
  await page.getByRole('heading', { name: '待答复的问题（1）' }).waitFor();
  await page.getByLabel(/^答复问题/).fill('不需要，支持扫码评价即可。');
  await page.getByRole('button', { name: '发布答复' }).click();
  await page.getByRole('heading', { name: '待答复的问题（0）' }).waitFor();
  await page.getByLabel('更正理由').fill('补充数据对接要求');
  await page.getByLabel('采购需求').fill('政务服务中心排队叫号、评价器与数据对接；须对接省统一身份认证。');
  await page.getByRole('button', { name: '发布更正' }).click();
  await page.locator('.tender').getByText('补充数据对接要求').waitFor();
  await screenshot(page, 'official-00-answered-amended');
  const anonymous = await strictPage(browser);
  await anonymous.goto(`${stack.base}/#/tenders/${id}`);
  await anonymous.locator('dl.clarifications').getByText('不需要，支持扫码评价即可。').waitFor();
  const publicText = await anonymous.locator('.tender').textContent();
  assert.ok(publicText.includes('评价器是否需要支持人脸识别？') && publicText.includes('须对接省统一身份认证'));
  assert.ok(!publicText.includes(bidder.id) && !publicText.includes('叫号设备供应商'), 'the asker stays unnamed');
  assert.deepEqual([...page.errors, ...asker.errors, ...anonymous.errors], []);
});
