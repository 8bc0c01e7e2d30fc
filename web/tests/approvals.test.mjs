// Project filing in real browsers: a department drafts an application and uploads its documents,
// submits it; the reviewer takes it through the completeness and compliance checks, with the
// duplicate-construction match beside the application and its resolution recorded; the experts
// review (one in the browser); the reviewer approves with a budget and files it, and the project
// code appears on the department's page. The project's page names its purchasers (the department
// names one there) and, once an official publishes a tender under it, the tender and the budget it
// commits, for anyone to read.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { runCli, startStack } from '../../tests/e2e/harness.mjs';
import { call, draftTerms, officerWithJsKey, staff } from '../../tests/e2e/tendering.mjs';
import { closeAll, launchBrowser, screenshot, signInAt, strictPage } from './browser.mjs';

const DEPARTMENT = '广东省自然资源厅';
let stack;
let browser;
const people = { experts: [] };


before(async () => {
  stack = await startStack({ settings: { 'approvals.review_panel_size': '3' } });
  people.admin = await staff(stack, 'admin', 'file.admin');
  people.department = await staff(stack, 'department', 'file.dept', DEPARTMENT);
  people.reviewer = await staff(stack, 'reviewer', 'file.reviewer', '梁审核');
  people.official = await staff(stack, 'official', 'file.official', '何采购');
  people.supervisor = await staff(stack, 'supervisor', 'file.supervisor', '钱监督');
  people.officers = [await officerWithJsKey(stack, 'file.officer1'), await officerWithJsKey(stack, 'file.officer2')];
  for (let i = 0; i < 3; i++) {
    const expert = await staff(stack, 'expert', `file.expert.${i}`, `信息化专家${i + 1}`);
    await call(stack.base, 'PUT', `/api/experts/${expert.id}/profile`, { token: people.admin.token, body: { specialties: ['informatization'] } });
    people.experts.push(expert);
  }
  // The registry already holds a land registration system of the same department.
  const csv = path.join(mkdtempSync(path.join(os.tmpdir(), 'gp-registry-')), 'systems.csv');
  writeFileSync(csv, 'owner_department,name,functions,data_resources,hosting,status\n' +
    `${DEPARTMENT},不动产登记系统,"不动产登记业务受理、审核、登簿，不动产权证书打印与不动产登记信息查询",不动产登记数据,provincial_government_cloud,in_use\n`);
  const imported = runCli(['registry', 'import', csv], { dbUrl: stack.schema.url });
  rmSync(path.dirname(csv), { recursive: true, force: true });
  assert.equal(imported.status, 0, imported.stdout + imported.stderr);
  browser = await launchBrowser();
});

after(() => closeAll(browser, stack));

test('a department files an application and a reviewer approves it, with the duplicate match resolved', async () => {
  const dept = await strictPage(browser);
  await signInAt(dept, stack.base, people.department, '/applications');
  await dept.getByRole('link', { name: '新建项目申报' }).click();
  await dept.getByLabel('项目名称').fill('不动产登记电子证照系统');
  await dept.getByLabel('申请预算（元）').fill('8,000,000');
  await dept.getByLabel('建设内容与功能').fill('建设不动产登记业务受理、审核、登簿和不动产权证书电子证照签发功能，提供不动产登记信息查询服务。');
  await dept.getByLabel('部署方式').selectOption('provincial_government_cloud');
  await dept.getByLabel('信创（国产化）方案').fill('国产操作系统与数据库');
  await dept.getByLabel('计划开工日期').fill('2027-01-01');
  await dept.getByLabel('计划完成日期').fill('2027-12-31');
  await screenshot(dept, 'department-01-application-form');
  await dept.getByRole('button', { name: '保存草稿' }).click();
  await dept.getByRole('heading', { name: '不动产登记电子证照系统' }).waitFor();
  const id = dept.url().match(/A-\d+/)[0];

  for (const [kind, label] of [['proposal', '项目建议书'], ['feasibility_study', '可行性研究报告']]) {
    await dept.getByLabel(`选择${label}文件`).setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 ${kind}`) });
    await dept.locator('li', { hasText: label }).getByText(/✔ 已上传/).waitFor();
  }
  await dept.getByRole('button', { name: '提交申报' }).click();
  await dept.locator('.state').filter({ hasText: '已提交' }).waitFor();
  await screenshot(dept, 'department-02-submitted');

  const reviewer = await strictPage(browser);
  await signInAt(reviewer, stack.base, people.reviewer, '/applications');
  await reviewer.getByRole('link', { name: '不动产登记电子证照系统' }).click();
  await reviewer.getByRole('button', { name: '开始审查' }).click();
  await reviewer.getByRole('button', { name: '材料齐全' }).click();
  await reviewer.getByRole('heading', { name: '重复建设比对' }).waitFor();
  const match = reviewer.locator('.match', { hasText: '不动产登记系统' });
  await match.getByText('相同表述').waitFor();
  await screenshot(reviewer, 'reviewer-01-duplicate-match');
  await reviewer.getByRole('button', { name: '合规审查通过' }).click();
  await reviewer.getByRole('alert').filter({ hasText: /has no resolution/ }).waitFor();
  await match.getByRole('combobox').selectOption('extend');
  await match.getByLabel('对“不动产登记系统”的处理说明').fill('在现有不动产登记系统上扩展电子证照功能，不另建系统。');
  await match.getByRole('button', { name: '记录处理意见' }).click();
  await reviewer.locator('.match', { hasText: '不动产登记系统' }).getByText(/✔ 在现有系统上扩展/).waitFor();
  await reviewer.getByRole('button', { name: '合规审查通过' }).click();
  await reviewer.locator('.state').filter({ hasText: '专家评审' }).waitFor();

  // The experts review: one in the browser, the others over the API.
  const app = (await call(stack.base, 'GET', `/api/applications/${id}`, { token: people.reviewer.token })).body;
  const seated = app.panel.filter((p) => p.seated).map((p) => people.experts.find((e) => e.id === p.expert));
  const [inBrowser, ...others] = seated;
  for (const e of others) {
    const r = await call(stack.base, 'PUT', `/api/applications/${id}/reviews/mine`, {
      token: e.token, body: { necessity: 85, feasibility: 80, security: 75, budget: 70, opinion: '同意建设，建议压减运维费用。' },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const expert = await strictPage(browser);
  await signInAt(expert, stack.base, inBrowser, `/applications/${id}`);
  for (const [label, value] of [['必要性', '90'], ['可行性', '85'], ['安全性', '80'], ['预算合理性', '75']]) await expert.getByLabel(label).fill(value);
  await expert.getByLabel('评审意见').fill('建设必要，方案可行。');
  await expert.getByRole('button', { name: '提交评审意见' }).click();
  await expert.getByText('评审意见已提交。').waitFor();

  await reviewer.reload();
  await reviewer.getByText(/3 位专家已评审/).waitFor();
  await reviewer.getByLabel('核定预算（元）').fill('6,000,000');
  await reviewer.getByLabel('理由或意见').fill('核减运维费用');
  await reviewer.getByRole('button', { name: '批准', exact: true }).click();
  await reviewer.locator('.state').filter({ hasText: '已批准' }).waitFor();
  await reviewer.getByRole('button', { name: '备案并赋码' }).click();
  await reviewer.locator('.state').filter({ hasText: '已备案' }).waitFor();
  await screenshot(reviewer, 'reviewer-02-filed');

  // The bureau's dashboard: how long the application stayed in each stage.
  await reviewer.getByRole('link', { name: '统计' }).click();
  await reviewer.getByRole('heading', { name: '审批各环节用时' }).waitFor();
  const stages = await reviewer.locator('table.stages tbody').textContent();
  for (const stage of ['已提交', '完整性审查', '合规审查', '专家评审', '已批准']) assert.ok(stages.includes(`${stage}1`), `${stage} in ${stages}`);
  await reviewer.locator('.stage-durations .chart svg').waitFor();
  await screenshot(reviewer, 'reviewer-03-stage-durations');

  await dept.reload();
  await dept.locator('.state').filter({ hasText: '已备案' }).waitFor();
  const facts = await dept.locator('.application').textContent();
  assert.match(facts, /核定预算¥6,000,000\.00/);
  assert.match(facts, /项目代码GD-\d{4}-/);
  await screenshot(dept, 'department-03-filed');

  // The project's page: the department names the official who procures under it.
  const code = facts.match(/GD-\d{4}-\d{6}/)[0];
  await dept.getByRole('link', { name: code }).click();
  await dept.getByRole('heading', { name: '不动产登记电子证照系统' }).waitFor();
  await dept.getByText('尚未指定采购经办人。').waitFor();
  await dept.getByLabel('采购人员账户编号').fill(people.reviewer.id);
  await dept.getByRole('button', { name: '指定采购经办人' }).click();
  await dept.getByRole('alert').filter({ hasText: /部分内容填写有误/ }).waitFor();
  await dept.getByLabel('采购人员账户编号').fill(people.official.id);
  await dept.getByRole('button', { name: '指定采购经办人' }).click();
  await dept.locator('ul.purchasers').getByText(people.official.id).waitFor();

  // The official publishes a tender under the project; anyone sees it there with the budget left.
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(Date.now(), people.officers, { title: '不动产登记电子证照系统软件开发', budget_fen: 450_000_000, ceiling_fen: 450_000_000, project_code: code }),
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const published = await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  const visitor = await strictPage(browser);
  await visitor.goto(`${stack.base}/#/tenders/${draft.body.id}`);
  await visitor.getByRole('link', { name: code }).click();
  await visitor.getByRole('heading', { name: '不动产登记电子证照系统' }).waitFor();
  const project = await visitor.locator('.project').textContent();
  assert.match(project, /核定预算¥6,000,000\.00/);
  assert.match(project, /已占用预算¥4,500,000\.00/);
  assert.match(project, /剩余预算¥1,500,000\.00/);
  await visitor.locator('table.project-tenders').getByRole('link', { name: '不动产登记电子证照系统软件开发' }).waitFor();
  assert.equal(await visitor.getByRole('link', { name: id }).count(), 0, 'the application itself is not public');
  assert.equal(await visitor.getByLabel('采购人员账户编号').count(), 0);
  await screenshot(visitor, 'public-project-page');

  // A supervision case on the application: the department finds it and answers the question.
  const opened = await call(stack.base, 'POST', '/api/monitoring/cases', {
    token: people.supervisor.token, body: { subject_type: 'application', subject_id: id, reason: '核查运维费用测算依据', evidence: '审计线索：某公司来信' },
  });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const asked = await call(stack.base, 'POST', `/api/monitoring/cases/${opened.body.id}/questions`, {
    token: people.supervisor.token, body: { question: '请提供运维费用的测算明细。' },
  });
  assert.equal(asked.status, 200, JSON.stringify(asked.body));
  await dept.getByRole('link', { name: '监督案件' }).click();
  await dept.locator('table.cases tr', { hasText: opened.body.id }).getByRole('link', { name: id }).waitFor();
  await dept.getByRole('link', { name: opened.body.id }).click();
  assert.equal(await dept.getByText('审计线索').count(), 0, 'the department never sees the evidence');
  await dept.getByLabel(/^答复问题 #\d+$/).fill('运维费用按硬件投资的 8% 测算，明细见附件三。');
  await dept.getByRole('button', { name: '提交' }).click();
  await dept.locator('li.event-answer').getByText('运维费用按硬件投资的 8% 测算').waitFor();
  assert.deepEqual([...dept.errors, ...reviewer.errors, ...expert.errors, ...visitor.errors], []);
});
