// Officers, experts and the official at work in real browsers: one officer makes its opening key in
// its browser, the other imports the key file `gongping keygen` made (after a file that is no key is
// refused); at the deadline each opens its sealed share there and hands it in, and the
// bids open; the official draws the panel and opens the evaluation room; an expert scores on the
// sheet (its ranges enforced) and signs off; the official sees the ranking and announces the award.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { runCli, startStack } from '../../tests/e2e/harness.mjs';
import {
  call,
  draftTerms,
  enterprise,
  instantPlusMicros,
  jose,
  pinClock,
  sealBid,
  signInAgain,
  staff,
  submitBid,
} from '../../tests/e2e/tendering.mjs';
import { closeAll, launchBrowser, screenshot, signInAt, strictPage } from './browser.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
let stack;
let browser;
let tender;
const people = { experts: [], bidders: [] };
const pages = {};


before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'room.official', '周采购');
  people.officer1 = await staff(stack, 'official', 'room.officer1', '开标人甲');
  people.officer2 = await staff(stack, 'official', 'room.officer2', '开标人乙');
  people.admin = await staff(stack, 'admin', 'room.admin');
  for (let i = 0; i < 5; i++) {
    const expert = await staff(stack, 'expert', `room.expert.${i}`, `专家${i + 1}`);
    await call(stack.base, 'PUT', `/api/experts/${expert.id}/profile`, { token: people.admin.token, body: { specialties: ['network'] } });
    people.experts.push(expert);
  }
  for (let i = 0; i < 3; i++) people.bidders.push(await enterprise(stack, `91440101MA5L0000${i + 1}`, `评标测试${i + 1}号公司`));
  browser = await launchBrowser();
});

after(() => closeAll(browser, stack));

test('officers make or import their opening keys in their browsers, and open the bids there at the deadline', async () => {
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'gp-officer-key-'));
  const keyFile = path.join(keyDir, 'officer2.jwk');
  const made = runCli(['keygen', '--out', keyFile]);
  assert.equal(made.status, 0, made.stderr);
  const keyText = readFileSync(keyFile);
  rmSync(keyDir, { recursive: true, force: true });
  for (const name of ['officer1', 'officer2']) {
    const page = await strictPage(browser);
    await signInAt(page, stack.base, people[name], '/me/opening-key');
    await page.getByText('本浏览器还没有开标密钥。').waitFor();
    if (name === 'officer1') {
      await page.getByRole('button', { name: '生成并登记开标密钥' }).click();
      await page.getByRole('status').filter({ hasText: /已登记开标密钥 / }).waitFor();
    } else {
      const publicOnly = JSON.stringify({ ...JSON.parse(keyText), d: undefined });
      await page.getByLabel('开标密钥文件（.jwk）').setInputFiles({ name: 'public.jwk', mimeType: 'application/json', buffer: Buffer.from(publicOnly) });
      await page.getByRole('status').getByText('该文件不是 P-256 私钥（JWK）。').waitFor();
      await page.getByLabel('开标密钥文件（.jwk）').setInputFiles({ name: 'officer2.jwk', mimeType: 'application/json', buffer: keyText });
      await page.getByRole('status').filter({ hasText: /已导入并登记开标密钥 / }).waitFor();
      // Kept as a key this browser can use but never export.
      const extractable = await page.evaluate(() => new Promise((resolve, reject) => {
        const opened = indexedDB.open('gongping', 2);
        opened.onerror = () => reject(opened.error);
        opened.onsuccess = () => {
          const all = opened.result.transaction('opening-keys').objectStore('opening-keys').getAll();
          all.onsuccess = () => resolve(all.result.map((k) => k.privateKey.extractable));
          all.onerror = () => reject(all.error);
        };
      }));
      assert.deepEqual(extractable, [false]);
      await screenshot(page, 'officer-01b-key-imported');
    }
    await page.reload();
    await page.getByRole('status').filter({ hasText: /本浏览器持有开标密钥 / }).waitFor();
    pages[name] = page;
  }
  await screenshot(pages.officer1, 'officer-01-opening-key');

  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token, body: draftTerms(NOW, [people.officer1, people.officer2], { title: '智慧政务大厅排队叫号系统' }),
  });
  tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).body;
  assert.equal(tender.state, 'published', JSON.stringify(tender));
  // The key registered from the file is the file's: officer2's share opens with it.
  const sealedShare = await call(stack.base, 'GET', `/api/tenders/${tender.id}/sealed-share`, { token: people.officer2.token });
  await jose.compactDecrypt(sealedShare.body.sealed_share, await jose.importJWK(JSON.parse(keyText), 'ECDH-ES'));
  for (const [i, price] of [81_000_000, 86_000_000, 90_000_000].entries()) {
    const b = people.bidders[i];
    assert.equal((await submitBid(stack.base, tender.id, b, await sealBid(tender, b, price), `room-${i}`)).status, 201);
  }

  // The deadline passes; bidding closes.
  await pinClock(stack.base, instantPlusMicros(tender.bid_deadline, 1));
  await signInAgain(stack, [people.official, people.admin, ...people.experts]);
  await call(stack.base, 'GET', `/api/tenders/${tender.id}/opening`);
  for (let i = 0; i < 50 && (await call(stack.base, 'GET', `/api/tenders/${tender.id}`)).body.state !== 'opening'; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }

  // The sessions of the morning have ended: each officer signs in again, on the tender's page.
  const hand = async (name, expected) => {
    const page = pages[name];
    await signInAt(page, stack.base, people[name], `/tenders/${tender.id}`);
    await page.getByRole('link', { name: '开标', exact: true }).click();
    await page.getByRole('button', { name: '打开并提交我的份额' }).click();
    await page.locator('#opening-progress').filter({ hasText: expected }).waitFor({ timeout: 15000 });
  };
  // A bidder follows the opening from its office, without signing in: the page updates itself.
  const watcher = await strictPage(browser);
  await watcher.goto(`${stack.base}/#/tenders/${tender.id}`);
  await watcher.locator('#live-opening').filter({ hasText: '开标进行中：已收到 0 / 2 份开标份额。' }).waitFor();
  await hand('officer1', '已收到 1 / 2 份份额，等待其他开标人。');
  await watcher.locator('#live-opening').filter({ hasText: '开标进行中：已收到 1 / 2 份开标份额。' }).waitFor();
  await screenshot(watcher, 'public-01-live-opening');
  await screenshot(pages.officer1, 'officer-02-share-handed-in');
  await hand('officer2', '份额已齐，投标已全部开启。');
  await pages.officer2.getByRole('link', { name: '查看开标记录' }).click();
  await pages.officer2.getByRole('heading', { name: '开标记录' }).waitFor();
  const record = await pages.officer2.locator('table.opening').textContent();
  for (const price of ['¥810,000.00', '¥860,000.00', '¥900,000.00']) assert.ok(record.includes(price), price);
  await screenshot(pages.officer2, 'officer-03-opening-record');
  // The watcher's page showed the record as it was published, without a reload.
  await watcher.getByRole('heading', { name: '开标记录' }).waitFor();
  assert.ok((await watcher.locator('table.opening').textContent()).includes('¥810,000.00'));
  assert.deepEqual([...pages.officer1.errors, ...pages.officer2.errors, ...watcher.errors], []);
});

test('the official opens the room, an expert scores within range and signs off, the official awards', async () => {
  const official = await strictPage(browser);
  await signInAt(official, stack.base, people.official, `/tenders/${tender.id}`);
  await official.getByRole('link', { name: '评标室' }).click();
  await official.getByLabel('专业').fill('network');
  await official.getByRole('button', { name: '抽取专家并开启评标室' }).click();
  await official.getByRole('heading', { name: '实时排名' }).waitFor();

  const panel = (await call(stack.base, 'GET', `/api/tenders/${tender.id}/panel`, { token: people.official.token })).body;
  const byId = new Map(people.experts.map((e) => [e.id, e]));
  const members = panel.members.filter((m) => m.status === 'seated').map((m) => byId.get(m.account));
  const [inBrowser, ...others] = members;
  const scores = { tech: [45, 40, 35], service: [18, 15, 12] };
  for (const m of others) {
    for (const [i, b] of people.bidders.entries()) {
      for (const criterion of ['tech', 'service']) {
        const r = await call(stack.base, 'PUT', `/api/tenders/${tender.id}/evaluation/scores`, {
          token: m.token, body: { bidder: b.id, criterion, score: scores[criterion][i] },
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
    }
  }

  const expert = await strictPage(browser);
  await signInAt(expert, stack.base, inBrowser, `/tenders/${tender.id}/evaluation`);
  await expert.getByRole('heading', { name: '评分表' }).waitFor();
  const cell = (bidder, criterion, max) => expert.getByLabel(`${bidder.name} 的 ${criterion} 得分（0–${max}）`);
  await cell(people.bidders[0], 'tech', 50).fill('60');
  await cell(people.bidders[0], 'tech', 50).press('Tab');
  await expert.getByText('须在 0 至 50 之间，最多四位小数').waitFor();
  for (const [i, b] of people.bidders.entries()) {
    for (const [criterion, max] of [['tech', 50], ['service', 20]]) {
      await cell(b, criterion, max).fill(String(scores[criterion][i]));
      await cell(b, criterion, max).press('Tab');
    }
  }
  await expect6Saved(expert);
  await screenshot(expert, 'expert-01-scoring-sheet');
  // The official's page, open all along, shows the ranking as the scores arrive: no reload.
  await official.locator('table.ranking tbody tr').nth(2).waitFor({ timeout: 15000 });
  await screenshot(official, 'official-01a-live-ranking');
  // The panel signs once every member has scored everything.
  await expert.getByRole('button', { name: '签署评标结果' }).click();
  await expert.getByText('您已签署。').waitFor();
  for (const m of others) {
    const r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/evaluation/sign-off`, { token: m.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  // The panel's last sign-off closes the room: the page shows the result and the award form by itself.
  await official.getByRole('heading', { name: '评标结果' }).waitFor({ timeout: 15000 });
  const ranking = await official.locator('table.ranking').textContent();
  assert.match(ranking, /1评标测试1号公司/, 'the lowest price with the best scores ranks first');
  await screenshot(official, 'official-01-ranking');
  await official.getByRole('button', { name: '公示中标结果' }).click();
  await official.getByRole('heading', { name: '中标结果' }).waitFor();
  assert.match(await official.locator('.tender').textContent(), /评标测试1号公司 \(E-\d{6}\)/);
  await screenshot(official, 'official-02-award');

  // During the publicity a bidder objects in its browser; the official answers on the same page.
  const objector = await strictPage(browser);
  await signInAt(objector, stack.base, people.bidders[1], `/tenders/${tender.id}`);
  await objector.getByLabel('质疑内容').fill('中标人的业绩证明存疑，请核查。');
  await objector.getByRole('button', { name: '提出质疑' }).click();
  await objector.locator('ol.objections').getByText('中标人的业绩证明存疑，请核查。').waitFor();
  await official.reload();
  await official.getByText(/有 1 项质疑待答复/).waitFor();
  await official.getByLabel(/^答复质疑/).fill('经核查，中标人业绩证明真实有效。');
  await official.getByRole('button', { name: '答复', exact: true }).click();
  await official.locator('ol.objections').getByText(/已答复 .*经核查，中标人业绩证明真实有效。/).waitFor();
  await objector.reload();
  await objector.locator('ol.objections').getByText(/已答复/).waitFor();
  await screenshot(objector, 'enterprise-05-objection-answered');
  assert.deepEqual([...official.errors, ...expert.errors, ...objector.errors], []);
});

async function expect6Saved(page) {
  for (let i = 0; i < 100; i++) {
    if ((await page.locator('.cell-note .up').count()) === 6) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`six saved cells expected, saw ${await page.locator('.cell-note .up').count()}`);
}
