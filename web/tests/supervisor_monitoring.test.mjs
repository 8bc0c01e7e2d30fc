// A supervision case in real browsers: the supervisor opens a case from the tender's page with its
// reason and evidence and freezes the tender; the official, whose every step on it is now refused,
// finds the case under 监督案件 without the evidence and answers the supervisor's question; the
// supervisor reads the answer, unfreezes and closes the case with a conclusion, and the official
// may act on the tender again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from '../../tests/e2e/harness.mjs';
import { call, draftTerms, officerWithJsKey, staff } from '../../tests/e2e/tendering.mjs';
import { closeAll, launchBrowser, screenshot, signInAt, strictPage } from './browser.mjs';

let stack;
let browser;
let tender;
const people = {};

before(async () => {
  stack = await startStack();
  people.official = await staff(stack, 'official', 'case.official', '周采购');
  people.officer1 = await officerWithJsKey(stack, 'case.officer1');
  people.officer2 = await officerWithJsKey(stack, 'case.officer2');
  people.supervisor = await staff(stack, 'supervisor', 'case.supervisor', '钱监督');
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(Date.now(), [people.officer1, people.officer2], { title: '全省视频会议系统升级改造' }),
  });
  tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).body;
  assert.equal(tender.state, 'published');
  browser = await launchBrowser();
});

after(() => closeAll(browser, stack));

test('a supervisor opens a case on a tender, freezes it, asks; the official answers; the case is closed', async () => {
  const supervisor = await strictPage(browser);
  await signInAt(supervisor, stack.base, people.supervisor, `/tenders/${tender.id}`);
  await supervisor.getByRole('link', { name: '立案监督' }).click();
  await supervisor.getByRole('heading', { name: '立案监督' }).waitFor();
  assert.equal(await supervisor.getByLabel('对象编号').inputValue(), tender.id, 'the tender is filled in');
  await supervisor.getByLabel('立案理由').fill('有投标人反映招标文件设置了倾向性技术参数。');
  await supervisor.getByLabel('证据与线索').fill('举报人：某系统集成公司，电话 020-8888 0000。');
  await supervisor.getByRole('button', { name: '立案监督' }).click();
  await supervisor.getByRole('heading', { name: /^监督案件 M-\d{6}$/ }).waitFor();
  const caseId = (await supervisor.getByRole('heading', { level: 1 }).textContent()).match(/M-\d{6}/)[0];
  await supervisor.getByText('举报人：某系统集成公司').waitFor();

  await supervisor.getByLabel('冻结理由').fill('调查期间暂停一切操作');
  await supervisor.getByRole('button', { name: '冻结', exact: true }).click();
  await supervisor.getByText('监督对象已被冻结：解除冻结前，其状态变更一律被拒绝。').waitFor();
  await supervisor.getByLabel('向被监督方提问').fill('请说明第 3.2 条技术参数的依据。');
  await supervisor.getByRole('button', { name: '提问' }).click();
  await supervisor.locator('li.event-question').getByText('请说明第 3.2 条技术参数的依据。').waitFor();
  await screenshot(supervisor, 'supervisor-06-case-frozen');

  // Frozen, the tender refuses its official's steps.
  const cancel = await call(stack.base, 'POST', `/api/tenders/${tender.id}/cancel`, { token: people.official.token, body: { reason: '需求变更' } });
  assert.equal(cancel.status, 409);
  assert.equal(cancel.body.type, '/problems/frozen-by-supervision');

  // The official finds the case, without the evidence (it names the complainant), and answers.
  const official = await strictPage(browser);
  await signInAt(official, stack.base, people.official, '/');
  await official.getByRole('link', { name: '监督案件' }).click();
  await official.getByRole('link', { name: caseId }).click();
  await official.getByRole('heading', { name: `监督案件 ${caseId}` }).waitFor();
  assert.equal(await official.getByText('举报人').count(), 0, 'the owner never sees the evidence');
  assert.equal(await official.getByLabel('冻结理由').count(), 0, 'no supervisor actions for the owner');
  await official.getByLabel(/^答复问题 #\d+$/).fill('依据省政务云视频会议接入规范第 5 章，已附标准原文。');
  await official.getByRole('button', { name: '提交' }).click();
  await official.locator('li.event-answer').getByText('依据省政务云视频会议接入规范第 5 章').waitFor();
  assert.equal(await official.getByLabel(/^答复问题 #\d+$/).count(), 0, 'an answered question takes no second answer');
  await screenshot(official, 'official-05-case-answered');

  await supervisor.reload();
  await supervisor.locator('li.event-answer').getByText(/（针对问题 #\d+）/).waitFor();
  await supervisor.getByLabel('解除冻结的理由').fill('已核实参数依据');
  await supervisor.getByRole('button', { name: '解除冻结' }).click();
  await supervisor.locator('li.event-unfrozen').waitFor();
  await supervisor.getByLabel('结案结论').fill('技术参数有国家标准依据，不构成倾向性条款，举报不成立。');
  await supervisor.getByRole('button', { name: '结案' }).click();
  await supervisor.locator('.state').filter({ hasText: '已结案' }).waitFor();
  assert.equal(await supervisor.getByLabel('结案结论').count(), 0, 'a closed case takes no more steps');
  // The case's record: each event once, in order, each with its audit entry.
  const kinds = await supervisor.locator('ol.events > li').evaluateAll((items) => items.map((li) => li.className));
  assert.deepEqual(kinds, ['opened', 'frozen', 'question', 'answer', 'unfrozen', 'closed'].map((k) => `event event-${k}`));
  assert.equal(await supervisor.locator('ol.events > li', { hasText: /审计日志第 \d+ 条/ }).count(), 6);
  await screenshot(supervisor, 'supervisor-07-case-closed');

  // The list shows it closed; open cases only, none.
  await supervisor.getByRole('link', { name: '监督案件' }).click();
  await supervisor.locator('table.cases tr', { hasText: caseId }).getByText('已结案').waitFor();
  await supervisor.getByRole('link', { name: '只看未结案件' }).click();
  await supervisor.getByText('没有监督案件。').waitFor();

  // Unfrozen, the official's step goes through again.
  const after = await call(stack.base, 'POST', `/api/tenders/${tender.id}/cancel`, { token: people.official.token, body: { reason: '需求变更' } });
  assert.equal(after.status, 200, JSON.stringify(after.body));
  assert.deepEqual([...supervisor.errors, ...official.errors], []);
});
