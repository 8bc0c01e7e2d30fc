// An enterprise's whole bid in a real browser against the real server: it registers (a USCC typo
// explained as it is typed), keeps its credentials in the vault, finds the tender, checks in the
// page the receipt of a first version it sealed with `gongping seal` (one format), seals a new price
// in the page with the credentials the tender requires, submits it, and checks the signed receipt in
// the page. Then the officers open the bids: the bid sealed in the browser
// opens on the server at the price typed, and the page shows the opening record.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { binaries, startStack } from '../../tests/e2e/harness.mjs';
import {
  call,
  draftTerms,
  enterprise,
  officerWithJsKey,
  openAtDeadline,
  pinClock,
  sealBid,
  staff,
  submitBid,
  uscc,
} from '../../tests/e2e/tendering.mjs';
import { closeAll, launchBrowser, screenshot, strictPage } from './browser.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
let stack;
let browser;
let tender;
const people = {};

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'bid.official', '王采购');
  people.officer1 = await officerWithJsKey(stack, 'bid.officer1');
  people.officer2 = await officerWithJsKey(stack, 'bid.officer2');
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, [people.officer1, people.officer2], {
      title: '政务云网络交换机采购项目',
      qualification_requirements: ['business_licence', 'network_equipment_qualification'],
    }),
  });
  tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).body;
  assert.equal(tender.state, 'published');
  browser = await launchBrowser();
});

after(() => closeAll(browser, stack));

test('an enterprise registers, seals its bid in the browser, checks the receipt, and the bid opens at its price', async () => {
  const page = await strictPage(browser);
  await page.goto(`${stack.base}/#/register`);
  await page.getByLabel('企业名称').fill('广州市白云网络科技有限公司');
  const code = uscc('91440101MA5K00001');
  const typo = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  await page.getByLabel('统一社会信用代码').fill(typo);
  await page.getByText(`校验码不符：按前 17 位，第 18 位应为“${code[17]}”`).waitFor();
  await page.getByLabel('统一社会信用代码').fill(code.slice(0, 5) + 'O' + code.slice(6));
  await page.getByText('第 6 位“O”不是统一社会信用代码使用的字符').waitFor();
  await page.getByLabel('统一社会信用代码').fill(code);
  await page.getByText('✔ 统一社会信用代码校验通过').waitFor();
  await page.getByLabel('联系人').fill('陈静');
  await page.getByLabel('联系电话').fill('+86 20 8765 4321');
  await page.getByLabel('电子邮箱').fill('bids@baiyun.example.cn');
  await page.getByLabel('密码').fill('baiyun-bids-2026');
  await screenshot(page, 'enterprise-01-register');
  await page.getByRole('button', { name: '注册' }).click();
  await page.locator('#account').filter({ hasText: '广州市白云网络科技有限公司 · 企业 · E-' }).waitFor();
  const enterpriseId = (await page.locator('#account').textContent()).match(/E-\d{6}/)[0];

  // The credential vault: kept once, withdrawn when it lapses.
  await page.getByRole('link', { name: '资质证照' }).click();
  await page.getByText('尚未登记资质证照。').waitFor();
  // The equipment qualification lapses before the tender's deadline (2026-12-18).
  for (const [kind, title, until] of [['business_licence', '营业执照', ''], ['iso9001', 'ISO 9001 质量管理体系认证', ''],
    ['network_equipment_qualification', '网络设备集成资质', '2026-12-10']]) {
    await page.getByLabel('证照种类代号').fill(kind);
    await page.getByLabel('名称', { exact: true }).fill(title);
    await page.getByLabel('有效期至').fill(until);
    await page.getByRole('button', { name: '登记证照' }).click();
    await page.locator('table.credentials').getByRole('cell', { name: title, exact: true }).waitFor();
  }
  page.once('dialog', (d) => d.accept());
  await page.locator('tr', { hasText: 'ISO 9001' }).getByRole('button', { name: '撤回' }).click();
  await page.locator('tr', { hasText: 'ISO 9001' }).getByText('已撤回').waitFor();
  assert.equal(await page.locator('tr', { hasText: 'business_licence' }).getByRole('button', { name: '撤回' }).count(), 1);
  // Valid through the day typed, Beijing time (the server keeps the next day's midnight).
  await page.locator('tr', { hasText: '网络设备集成资质' }).getByRole('cell', { name: '2026-12-10', exact: true }).waitFor();
  await screenshot(page, 'enterprise-01b-credentials');
  await page.getByRole('link', { name: '招标公告' }).click();

  // The notice list: search by a word of the title.
  await page.getByLabel('搜索').fill('交换机');
  await page.getByRole('button', { name: '筛选' }).click();
  await page.getByRole('link', { name: '政务云网络交换机采购项目' }).click();
  await page.getByRole('heading', { name: '政务云网络交换机采购项目' }).waitFor();
  const terms = await page.locator('.tender').textContent();
  assert.match(terms, /¥1,000,000\.00/, 'the budget in yuan with separators');
  assert.match(terms, /2026-12-18 10:00:00 北京时间 \(UTC\+8\)/, 'the deadline in Beijing time, whatever the laptop says');
  // The server's clock stands at NOW (pinned), 21 days before the deadline; the laptop's does not.
  assert.match(await page.locator('.countdown').textContent(), /距截止还有 (21 天 00:00:00|20 天 23:59:\d\d)/);
  await screenshot(page, 'enterprise-02-tender');

  // The bid form offers the vault's credentials: the licence the tender requires is ticked, the
  // qualification lapsing before the deadline cannot be ticked and its kind is named as missing,
  // the withdrawn ISO 9001 is not offered. The enterprise renews the qualification in the vault.
  await page.getByRole('link', { name: '投标' }).click();
  const offered = page.locator('fieldset.credentials-choice');
  await offered.getByText('本项目要求的证照种类：business_licence、network_equipment_qualification').waitFor();
  assert.equal(await offered.getByLabel(/营业执照/).isChecked(), true);
  assert.equal(await offered.getByLabel(/网络设备集成资质/).isDisabled(), true);
  await offered.getByText(/有效期至 2026-12-10 · 在投标截止前到期，不能使用/).waitFor();
  await offered.getByText('证照库中缺少有效的：network_equipment_qualification。').waitFor();
  assert.equal(await offered.getByText(/ISO 9001/).count(), 0);
  await screenshot(page, 'enterprise-02b-credentials-missing');
  await offered.getByRole('link', { name: '前往证照库' }).click();
  await page.getByLabel('证照种类代号').fill('network_equipment_qualification');
  await page.getByLabel('名称', { exact: true }).fill('网络设备集成资质（换发）');
  await page.getByLabel('有效期至').fill('2029-12-31');
  await page.getByRole('button', { name: '登记证照' }).click();
  await page.locator('table.credentials').getByRole('cell', { name: '网络设备集成资质（换发）', exact: true }).waitFor();
  await page.goto(`${stack.base}/#/tenders/${tender.id}`);
  await page.getByRole('heading', { name: '政务云网络交换机采购项目' }).waitFor();

  // A first version sealed outside the browser, by `gongping seal`, submitted with this session.
  const token = (await page.context().cookies()).find((c) => c.name === 'gp_session').value;
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'gp-tender-key-'));
  writeFileSync(path.join(keyDir, 'tender.jwk'), JSON.stringify(tender.opening_key));
  const sealed = spawnSync(binaries.cli, ['seal', '--tender-key', path.join(keyDir, 'tender.jwk'), '--tender', tender.id,
    '--bidder', enterpriseId, '--price', '88000000', '--size', 'small'], { encoding: 'utf8' });
  rmSync(keyDir, { recursive: true, force: true });
  assert.equal(sealed.status, 0, sealed.stderr);
  const vault = (await call(stack.base, 'GET', '/api/me/credentials', { token })).body.items;
  const valid = vault.filter((c) => !c.withdrawn && (c.valid_until ?? '9') > tender.bid_deadline).map((c) => c.id);
  assert.equal(valid.length, 2);
  const first = await submitBid(stack.base, tender.id, { token }, sealed.stdout.trim(), 'cli-first', valid);
  assert.equal(first.status, 201, JSON.stringify(first.body));

  await page.getByRole('link', { name: '投标' }).click();
  await page.getByRole('heading', { name: '我的投标记录' }).waitFor();
  await page.locator('ol.versions li').first().getByRole('button', { name: '核验回执' }).click();
  await page.locator('ol.versions').getByText(/✔ 回执签名有效/).waitFor();

  // The bid made in the page replaces it, with the credentials the tender requires ticked.
  const chooser = page.locator('fieldset.credentials-choice');
  for (const label of [/营业执照/, /网络设备集成资质（换发）/]) assert.equal(await chooser.getByLabel(label).isChecked(), true);
  await page.getByLabel('投标报价（元）').fill('abc');
  await page.getByRole('button', { name: '加密并提交投标' }).click();
  await page.getByText('请输入金额（元），最多两位小数。').waitFor();
  await page.getByLabel('投标报价（元）').fill('810,000.50');
  await page.getByLabel('企业规模').selectOption('small');
  // Without the licence the page stops the bid before uploading anything, and says what is missing.
  await chooser.getByLabel(/营业执照/).uncheck();
  await page.getByLabel('投标文件附件').setInputFiles({ name: '草稿.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 draft') });
  await page.getByRole('button', { name: '加密并提交投标' }).click();
  await page.getByRole('alert').filter({ hasText: '所勾选的证照不满足本项目的资格条件，缺少：business_licence。请勾选或先到证照库登记。' }).waitFor();
  assert.equal(await page.locator('ul.uploads li').count(), 0, 'nothing was uploaded');
  await chooser.getByLabel(/营业执照/).check();
  const proposal = Buffer.from('%PDF-1.4 技术方案：核心交换机与接入交换机的配置、实施与售后服务。\n'.repeat(3000));
  await page.getByLabel('投标文件附件').setInputFiles({ name: '技术方案.pdf', mimeType: 'application/pdf', buffer: proposal });
  await page.getByRole('button', { name: '加密并提交投标' }).click();
  await page.locator('ul.uploads').getByText('已加密上传 ✔').waitFor({ timeout: 15000 });
  assert.equal(await page.getByLabel('技术方案.pdf 上传进度').getAttribute('value'), '100');
  await page.locator('#bid-result').getByText(/✔ 回执签名有效/).waitFor({ timeout: 15000 });
  const receipt = await page.locator('#bid-result .receipt').textContent();
  assert.match(receipt, /B-\d{6}/);
  assert.match(receipt, /2026-11-27 10:00:00 北京时间/, 'received at the server clock, shown in Beijing time');
  const download = await page.locator('#bid-result').getByRole('link', { name: '下载回执' }).getAttribute('href');
  assert.match(download, /^blob:/);
  await screenshot(page, 'enterprise-03-receipt');

  // What left the browser was ciphertext: the server holds JWEs only.
  const mine = await call(stack.base, 'GET', `/api/tenders/${tender.id}/bids/mine`, { token });
  assert.deepEqual(mine.body.versions.map((v) => v.action), ['submitted', 'replaced']);
  assert.equal(mine.body.versions[1].credentials.length, 2, 'the credentials ticked in the page went with the bid');
  const attached = (await call(stack.base, 'GET', `/api/tenders/${tender.id}/attachments/mine`, { token })).body.items;
  assert.deepEqual(attached.map((a) => a.name), ['技术方案.pdf']);
  assert.notEqual(attached[0].sha256, createHash('sha256').update(proposal).digest('hex'), 'what was uploaded is ciphertext');
  assert.equal(attached[0].bytes, proposal.length + 16, 'the ciphertext and its 16-byte tag');
  // The page's check refuses a genuine receipt for another envelope, and a receipt whose payload
  // was changed after signing.
  const [v1, v2] = mine.body.versions;
  const refusals = await page.evaluate(async ({ v1, v2, tenderId, bidderId }) => {
    const { verifyReceipt } = await import('/js/receipt.js');
    const expected = { tender_id: tenderId, bidder_id: bidderId, envelope_sha256: v2.envelope_sha256 };
    const [h, p, s] = v2.receipt.split('.');
    const payload = JSON.parse(atob(p.replaceAll('-', '+').replaceAll('_', '/')));
    const forged = btoa(JSON.stringify({ ...payload, received_at: '2026-11-27T01:59:59.000000Z' }))
      .replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
    return [
      (await verifyReceipt(v2.receipt, expected)).valid,
      (await verifyReceipt(v1.receipt, expected)).valid,
      (await verifyReceipt(`${h}.${forged}.${s}`, expected)).valid,
    ];
  }, { v1, v2, tenderId: tender.id, bidderId: enterpriseId });
  assert.deepEqual(refusals, [true, false, false]);
  assert.ok(!JSON.stringify(mine.body).includes('81000050'), 'no price in the clear');

  // Two more bidders (a public tender needs three bids to open), sealed outside the browser.
  const others = [];
  for (const [i, price] of [86_000_000, 90_000_000].entries()) {
    const other = await enterprise(stack, `91440101MA5K0001${i}`, `其他投标人${i + 1}号公司`);
    const held = [];
    for (const kind of tender.qualification_requirements) {
      const added = await call(stack.base, 'POST', '/api/me/credentials', { token: other.token, body: { category: 'qualification', kind, title: kind } });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      held.push(added.body.id);
    }
    assert.equal((await submitBid(stack.base, tender.id, other, await sealBid(tender, other, price), `other-${i}`, held)).status, 201);
    others.push(other);
  }
  const bidder = { id: enterpriseId, login: code, password: 'baiyun-bids-2026' };
  await openAtDeadline(stack, tender, [people.officer1, people.officer2],
    [people.official, people.officer1, people.officer2, bidder, ...others]);
  const record = await call(stack.base, 'GET', `/api/tenders/${tender.id}/opening`);
  const browserBid = record.body.bids.find((b) => b.bidder_id === enterpriseId);
  // 'opened', not 'undecryptable': the attachment's hash matched and it decrypted with the key the
  // page sealed into the bid.
  assert.deepEqual([browserBid.status, browserBid.price_fen, browserBid.size], ['opened', 81_000_050, 'small'], JSON.stringify(browserBid));
  await page.goto(`${stack.base}/#/tenders/${tender.id}`);
  await page.getByRole('heading', { name: '开标记录' }).waitFor();
  assert.match(await page.locator('table.opening').textContent(), /广州市白云网络科技有限公司.*¥810,000\.50.*已解密/);
  await screenshot(page, 'enterprise-04-opening');
  assert.deepEqual(page.errors, []);
});

test('on a phone the tender page fits the screen, and English shows the same figures', async () => {
  const page = await strictPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${stack.base}/#/tenders/${tender.id}`);
  await page.getByRole('heading', { name: '政务云网络交换机采购项目' }).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling');
  await screenshot(page, 'phone-tender');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Opening record' }).waitFor();
  const text = await page.locator('.tender').textContent();
  assert.match(text, /¥1,000,000\.00/);
  assert.match(text, /Beijing time \(UTC\+8\)/);
  assert.deepEqual(page.errors, []);
});
