// Informatization project filing, end to end with the real server and PostgreSQL: the system
// registry imported with `gongping registry import`, the data catalogue, a department's application
// through every review step (returned once and resubmitted as version 2), compliance findings and
// duplicate matches shown to the reviewer and resolved, the expert panel drawn (re-run here from its
// audit entry) without the department's own expert, the experts' scores, the approval with a budget,
// the project code capping the tenders' budgets, the stage durations and overdue items, the
// project's tender carried through to its contract (which starts construction) and the final
// acceptance recording the delivered system in the registry, each role allowed and refused where it
// should be, and every step in the audit log.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { runCli, startStack } from './harness.mjs';
import {
  DAY_MS,
  call,
  draftTerms,
  drawOrder,
  enterprise,
  instantPlusMicros,
  officerWithJsKey,
  openAtDeadline,
  pinClock,
  sealBid,
  signInAgain,
  staff,
  submitBid,
} from './tendering.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
const DEPARTMENT = '广东省自然资源厅';
let stack;
let tmp;
const people = { experts: [] };
const state = {};

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();

const api = (who, method, route, body) => call(stack.base, method, route, { token: who?.token, body });
const step = (who, id, body) => api(who, 'POST', `/api/applications/${id}/steps`, body);

function auditEntries() {
  return stack.schema
    .sql('SELECT entry FROM audit_log ORDER BY idx')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

function draft(overrides = {}) {
  return {
    name: '不动产登记电子证照系统',
    type: 'build',
    requested_budget_fen: 800_000_000,
    functions:
      '建设不动产登记业务受理、审核、登簿和不动产权证书电子证照签发功能，实现与自然资源部不动产登记信息平台的对接，' +
      '提供不动产登记信息查询服务。',
    consumes: ['人口基础信息'],
    produces: ['不动产登记数据', '电子证照库'],
    hosting: 'own_machine_room',
    security_level: 3,
    domestic_technology: '国产操作系统与数据库',
    schedule_start: '2027-01-01',
    schedule_end: '2027-12-31',
    ...overrides,
  };
}

before(async () => {
  stack = await startStack({
    settings: { 'testing.clock_control': 'true', 'approvals.review_panel_size': '3' },
  });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gp-approvals-'));
  await pinClock(stack.base, NOW);
  people.admin = await staff(stack, 'admin', 'zhou.admin');
  people.reviewer = await staff(stack, 'reviewer', 'liang.reviewer');
  people.supervisor = await staff(stack, 'supervisor', 'xie.supervisor');
  people.official = await staff(stack, 'official', 'deng.official');
  people.officer1 = await officerWithJsKey(stack, 'cai.officer');
  people.officer2 = await officerWithJsKey(stack, 'yuan.officer');
  people.department = await staff(stack, 'department', 'natres.dept', DEPARTMENT);
  people.otherDepartment = await staff(stack, 'department', 'edu.dept', '广东省教育厅');
  people.company = await enterprise(stack, '91440101MA5F00001', '审批测试信息技术有限公司');
  for (let i = 0; i < 5; i++) {
    const expert = await staff(stack, 'expert', `it.expert.${i}`);
    // it.expert.0 worked for the applying department: never on its panel.
    const profile = { specialties: ['informatization'], departments: i === 0 ? [DEPARTMENT] : [] };
    const r = await api(people.admin, 'PUT', `/api/experts/${expert.id}/profile`, profile);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    people.experts.push(expert);
  }
});

after(async () => {
  rmSync(tmp, { recursive: true, force: true });
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('the registry imports from CSV and JSON, reporting each rejected row; the catalogue takes resources', async () => {
  const csv = path.join(tmp, 'systems.csv');
  writeFileSync(
    csv,
    'owner_department,name,functions,data_resources,hosting,status\n' +
      `${DEPARTMENT},不动产登记系统,"不动产登记业务受理、审核、登簿，不动产权证书打印与不动产登记信息查询",不动产登记数据；宗地图,provincial_government_cloud,in_use\n` +
      '广东省教育厅,学籍管理系统,学生学籍注册、转学、休学与学籍信息查询,学籍数据,provincial_government_cloud,in_use\n' +
      '广东省人力资源和社会保障厅,社保经办系统,社会保险参保登记、缴费核定与待遇发放,,other_cloud,in_use\n' +
      '广东省卫生健康委员会,,没有名字的系统,,mainframe,in_use\n',
  );
  const imported = runCli(['registry', 'import', csv], { dbUrl: stack.schema.url });
  assert.equal(imported.status, 1, 'a rejected row makes the exit code 1');
  assert.match(imported.stdout, /imported 3 system\(s\); rejected 1 row\(s\)/);
  assert.match(imported.stdout, /row 4: name: is required/);
  assert.match(imported.stdout, /row 4: hosting: must be provincial_government_cloud/);

  const jsonFile = path.join(tmp, 'systems.json');
  writeFileSync(
    jsonFile,
    JSON.stringify([
      { owner_department: '广东省公安厅', name: '人口信息管理系统', functions: '户籍与人口信息管理', hosting: 'provincial_government_cloud', data_resources: ['人口基础信息'] },
      { owner_department: DEPARTMENT, name: '不动产登记系统', functions: '重复的一行', hosting: 'provincial_government_cloud' },
      { owner_department: '广东省公安厅', name: 42, functions: 'x', hosting: 'provincial_government_cloud' },
    ]),
  );
  const again = runCli(['registry', 'import', jsonFile], { dbUrl: stack.schema.url });
  assert.equal(again.status, 1);
  assert.match(again.stdout, /imported 1 system\(s\); rejected 2 row\(s\)/);
  assert.match(again.stdout, /row 2: name: 广东省自然资源厅 already registered a system named "不动产登记系统"/);
  assert.match(again.stdout, /row 3: name: must be text/);

  const listed = await api(people.department, 'GET', `/api/registry/systems?q=${encodeURIComponent('不动产')}`);
  assert.equal(listed.status, 200);
  assert.equal(listed.body.total, 1);
  assert.deepEqual(listed.body.items[0].data_resources, ['不动产登记数据', '宗地图']);
  assert.equal((await api(people.company, 'GET', '/api/registry/systems')).status, 403);
  assert.equal((await api(null, 'GET', '/api/registry/systems')).status, 401);
  const entries = auditEntries().filter((e) => e.action === 'registry.system_recorded');
  assert.equal(entries.length, 4, 'each imported system has its audit entry');

  for (const resource of [
    { name: '不动产登记数据', owner_department: DEPARTMENT, fields: ['不动产单元号', '权利人'], update_frequency: 'daily', sharing: 'unconditional' },
    { name: '人口基础信息', owner_department: '广东省公安厅', fields: ['身份证号', '姓名'], update_frequency: 'daily', sharing: 'conditional', reason: '涉及个人信息，按需申请' },
  ]) {
    const r = await api(people.reviewer, 'POST', '/api/catalogue/resources', resource);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const noReason = await api(people.reviewer, 'POST', '/api/catalogue/resources', {
    name: '内部考勤', owner_department: DEPARTMENT, fields: [], update_frequency: 'monthly', sharing: 'not_shared',
  });
  assert.equal(noReason.status, 422);
  const byDepartment = await api(people.department, 'POST', '/api/catalogue/resources', {
    name: 'x', owner_department: DEPARTMENT, fields: [], update_frequency: 'daily', sharing: 'unconditional',
  });
  assert.equal(byDepartment.status, 403);
  const catalogue = await api(people.supervisor, 'GET', '/api/catalogue/resources');
  assert.equal(catalogue.body.items.length, 2);
});

test('a department drafts, attaches and submits; nobody else may', async () => {
  for (const who of [people.company, people.official, people.reviewer]) {
    assert.equal((await api(who, 'POST', '/api/applications', draft())).status, 403, who.login);
  }
  const bad = await api(people.department, 'POST', '/api/applications', draft({ security_level: 9, schedule_end: '2026-12-31' }));
  assert.equal(bad.status, 422);
  const fields = bad.body.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['schedule_end', 'security_level']);

  const created = await api(people.department, 'POST', '/api/applications', draft());
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.state, 'draft');
  assert.equal(created.body.department, DEPARTMENT);
  state.id = created.body.id;

  const early = await step(people.department, state.id, { step: 'submit' });
  assert.equal(early.status, 409);
  assert.equal(early.body.type, '/problems/application-transition-refused');
  assert.match(early.body.detail, /proposal and feasibility_study/);

  const proposal = Buffer.from('%PDF-1.7 项目建议书 \x00\x01\x02');
  const put = await call(stack.base, 'PUT', `/api/applications/${state.id}/attachments/proposal`, {
    token: people.department.token,
    body: new Uint8Array(proposal),
    headers: { 'content-type': 'application/pdf' },
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.sha256, sha256(proposal).toString('hex'));
  const byOther = await call(stack.base, 'PUT', `/api/applications/${state.id}/attachments/feasibility_study`, {
    token: people.otherDepartment.token,
    body: new Uint8Array(Buffer.from('x')),
  });
  assert.equal(byOther.status, 404, "another department's application is not found");
  await call(stack.base, 'PUT', `/api/applications/${state.id}/attachments/feasibility_study`, {
    token: people.department.token,
    body: new Uint8Array(Buffer.from('可行性研究报告')),
    headers: { 'content-type': 'application/pdf' },
  });

  assert.equal((await step(people.reviewer, state.id, { step: 'submit' })).status, 403, 'a reviewer does not submit');
  const empty = await step(people.department, state.id, { step: '' });
  assert.equal(empty.status, 422);
  assert.deepEqual(empty.body.errors, [{ field: 'step', detail: 'must not be empty' }]);
  const submitted = await step(people.department, state.id, { step: 'submit' });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  assert.equal(submitted.body.state, 'submitted');
  assert.equal(submitted.body.steps.at(-1).actor, people.department.id);
  assert.equal((await api(people.department, 'PUT', `/api/applications/${state.id}`, draft())).status, 409);

  const download = await fetch(`${stack.base}/api/applications/${state.id}/attachments/proposal`, {
    headers: { authorization: `Bearer ${people.reviewer.token}` },
  });
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'application/pdf');
  assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), proposal);

  assert.equal((await api(people.otherDepartment, 'GET', `/api/applications/${state.id}`)).status, 404);
  assert.equal((await api(people.experts[1], 'GET', `/api/applications/${state.id}`)).status, 404);
  assert.equal((await api(people.company, 'GET', `/api/applications/${state.id}`)).status, 403);
  const mine = await api(people.otherDepartment, 'GET', '/api/applications');
  assert.equal(mine.body.total, 0, 'a department lists only its own applications');
});

test('the reviewer sees compliance findings and duplicate matches; a returned application comes back as version 2', async () => {
  const id = state.id;
  assert.equal((await step(people.department, id, { step: 'start_check' })).status, 403);
  assert.equal((await step(people.reviewer, id, { step: 'start_check' })).status, 200);
  assert.equal((await step(people.reviewer, id, { step: 'pass_completeness' })).body.state, 'compliance_review');

  const checks = await api(people.reviewer, 'GET', `/api/applications/${id}/checks`);
  assert.equal(checks.status, 200, JSON.stringify(checks.body));
  const rules = checks.body.findings.filter((f) => f.severity === 'blocking').map((f) => f.rule);
  assert.deepEqual(rules.sort(), ['data_catalogue', 'hosting']);
  assert.match(checks.body.findings.find((f) => f.rule === 'data_catalogue').message, /电子证照库/);
  const match = checks.body.matches.find((m) => m.name === '不动产登记系统');
  assert.ok(match, JSON.stringify(checks.body.matches));
  assert.equal(match.kind, 'system');
  assert.ok(match.score >= checks.body.threshold && match.needs_resolution);
  assert.ok(match.phrases.some((p) => p.includes('不动产登记')), JSON.stringify(match.phrases));
  assert.equal(match.resolution, null);
  assert.equal(checks.body.blocked, true);
  assert.equal((await api(people.experts[1], 'GET', `/api/applications/${id}/checks`)).status, 403);
  assert.equal((await api(people.department, 'GET', `/api/applications/${id}/checks`)).status, 403,
    'the matches name other departments\' plans: reviewers and supervisors only');

  const refused = await step(people.reviewer, id, { step: 'pass_compliance' });
  assert.equal(refused.status, 409);
  assert.match(refused.body.detail, /provincial government cloud/);

  assert.equal((await step(people.reviewer, id, { step: 'return_for_revision' })).status, 422, 'a return needs reasons');
  const returned = await step(people.reviewer, id, {
    step: 'return_for_revision',
    reason: '请迁移至省政务云，并将电子证照库登记到数据资源目录。',
  });
  assert.equal(returned.body.state, 'returned');
  const revised = await step(people.department, id, { step: 'revise' });
  assert.equal(revised.body.state, 'draft');
  assert.equal(revised.body.version, 2);
  assert.deepEqual(revised.body.versions, [1, 2]);
  assert.equal(revised.body.attachments.length, 2, 'the attachments carry over to the new version');

  const v2 = await api(people.department, 'PUT', `/api/applications/${id}`, draft({
    hosting: 'provincial_government_cloud',
    produces: ['不动产登记数据'],
  }));
  assert.equal(v2.status, 200, JSON.stringify(v2.body));
  const v1 = await api(people.supervisor, 'GET', `/api/applications/${id}/versions/1`);
  assert.equal(v1.body.hosting, 'own_machine_room', 'version 1 is kept as it was returned');
  assert.equal((await api(people.supervisor, 'GET', `/api/applications/${id}/versions/3`)).status, 404);

  for (const [who, s] of [
    [people.department, 'submit'],
    [people.reviewer, 'start_check'],
    [people.reviewer, 'pass_completeness'],
  ]) {
    const r = await step(who, id, { step: s });
    assert.equal(r.status, 200, `${s}: ${JSON.stringify(r.body)}`);
  }
  const second = await api(people.reviewer, 'GET', `/api/applications/${id}/checks`);
  assert.equal(second.body.version, 2);
  assert.equal(second.body.findings.filter((f) => f.severity === 'blocking').length, 0);
  assert.equal(second.body.blocked, true, 'the duplicate match still needs its resolution');
  const systemId = second.body.matches.find((m) => m.name === '不动产登记系统').id;
  const stillBlocked = await step(people.reviewer, id, { step: 'pass_compliance' });
  assert.equal(stillBlocked.status, 409);
  assert.match(stillBlocked.body.detail, new RegExp(`${systemId}.*has no resolution`));

  const resolution = { resolution: 'extend', note: '在现有不动产登记系统上扩展电子证照功能，不另建系统。' };
  assert.equal((await api(people.department, 'POST', `/api/applications/${id}/duplicates/${systemId}/resolution`, resolution)).status, 403);
  assert.equal((await api(people.reviewer, 'POST', `/api/applications/${id}/duplicates/S-999999/resolution`, resolution)).status, 404);
  const resolved = await api(people.reviewer, 'POST', `/api/applications/${id}/duplicates/${systemId}/resolution`, resolution);
  assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
  assert.equal(resolved.body.blocked, false);
  assert.equal(resolved.body.matches.find((m) => m.id === systemId).resolution.reviewer, people.reviewer.id);
});

test('passing the review draws the expert panel without the department’s own expert; experts score', async () => {
  const id = state.id;
  const passed = await step(people.reviewer, id, { step: 'pass_compliance' });
  assert.equal(passed.status, 200, JSON.stringify(passed.body));
  assert.equal(passed.body.state, 'expert_review');
  const seated = passed.body.panel.filter((p) => p.seated).map((p) => p.expert);
  assert.equal(seated.length, 3);
  assert.ok(!passed.body.panel.some((p) => p.expert === people.experts[0].id), 'the department’s expert is excluded');

  // Anyone can re-run the draw from the audit log: the secret committed at the latest submission,
  // the leaf hash of the step's entry, the eligible list, the order.
  const entries = auditEntries();
  const draw = entries.find((e) => e.action === 'application.panel_drawn' && e.object.id === id).data;
  // A fresh secret is committed at every submission: the draw uses the latest one.
  const submissions = entries.filter((e) => e.action === 'application.submitted' && e.object.id === id);
  assert.equal(submissions.length, 2);
  assert.notEqual(submissions[0].data.review_seed_commitment, submissions[1].data.review_seed_commitment);
  const submittedEntry = submissions.at(-1);
  assert.equal(sha256(Buffer.from(draw.secret, 'hex')).toString('hex'), submittedEntry.data.review_seed_commitment);
  const stepLine = stack.schema.sql(
    `SELECT entry FROM audit_log WHERE entry::json->>'action' = 'application.compliance_passed' ORDER BY idx DESC LIMIT 1`,
  );
  assert.equal(sha256(Buffer.from([0]), Buffer.from(stepLine)).toString('hex'), draw.step_digest);
  const seed = sha256(Buffer.from('gongping panel seed v1'), Buffer.from(draw.secret, 'hex'), Buffer.from(draw.step_digest, 'hex'));
  assert.equal(seed.toString('hex'), draw.seed);
  assert.deepEqual(draw.order, drawOrder(seed, draw.eligible));
  assert.deepEqual(draw.order.slice(0, 3), seated);
  assert.deepEqual(draw.excluded.map((x) => x.expert), [people.experts[0].id]);

  const early = await step(people.reviewer, id, { step: 'approve', approved_budget_fen: 700_000_000 });
  assert.equal(early.status, 409);
  assert.match(early.body.detail, /3 seated expert\(s\) have not reviewed/);

  const experts = people.experts.filter((e) => seated.includes(e.id));
  const outsider = people.experts.find((e) => !seated.includes(e.id) && e !== people.experts[0]);
  const scores = { necessity: 85, feasibility: 78, security: 90, budget: 70, opinion: '建设必要，预算略高。' };
  if (outsider) assert.equal((await api(outsider, 'PUT', `/api/applications/${id}/reviews/mine`, scores)).status, 404);
  assert.equal((await api(experts[0], 'PUT', `/api/applications/${id}/reviews/mine`, { ...scores, security: 101 })).status, 422);
  for (const [i, expert] of experts.entries()) {
    const r = await api(expert, 'PUT', `/api/applications/${id}/reviews/mine`, { ...scores, necessity: 80 + i });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.reviews.length, 1, 'an expert sees their own review only');
  }
  const view = await api(people.reviewer, 'GET', `/api/applications/${id}`);
  assert.equal(view.body.reviews.length, 3);
  assert.equal(view.body.review_summary.necessity_x100, 8100);
  const departmentView = (await api(people.department, 'GET', `/api/applications/${id}`)).body;
  assert.deepEqual([departmentView.panel, departmentView.reviews], [[], []], 'the department does not see its reviewers');
  assert.equal(departmentView.review_summary.reviews, 0, 'nor the scores before the decision');
});

test('the bureau approves with a budget and files; the project code caps the tenders of the project', async () => {
  const id = state.id;
  const tooMuch = await step(people.reviewer, id, { step: 'approve', approved_budget_fen: 800_000_001 });
  assert.equal(tooMuch.status, 422);
  assert.equal((await step(people.department, id, { step: 'approve', approved_budget_fen: 1 })).status, 403);
  const approved = await step(people.reviewer, id, { step: 'approve', approved_budget_fen: 600_000_000, reason: '核减运维费用' });
  assert.equal(approved.body.state, 'approved');
  assert.equal(approved.body.approved_budget_fen, 600_000_000);
  const filed = await step(people.reviewer, id, { step: 'file' });
  assert.equal(filed.body.state, 'filed');
  assert.match(filed.body.project_code, /^GD-2026-\d{6}$/);
  const code = filed.body.project_code;
  state.code = code;
  const platformStep = await step(people.reviewer, id, { step: 'start_procurement' });
  assert.equal(platformStep.status, 403, 'the platform itself starts procurement');

  const afterDecision = (await api(people.department, 'GET', `/api/applications/${id}`)).body;
  assert.equal(afterDecision.review_summary.necessity_x100, 8100, 'the department sees the outcome after the decision');

  // The department names the official who procures under the project.
  const purchaserRoute = `/api/projects/${code}/purchasers/${people.official.id}`;
  assert.equal((await api(people.otherDepartment, 'PUT', purchaserRoute)).status, 404);
  assert.equal((await api(people.reviewer, 'PUT', purchaserRoute)).status, 403);
  assert.equal((await api(people.department, 'PUT', `/api/projects/${code}/purchasers/${people.reviewer.id}`)).status, 422);
  const named = await api(people.department, 'PUT', purchaserRoute);
  assert.equal(named.status, 200, JSON.stringify(named.body));
  assert.deepEqual(named.body.purchasers, [people.official.id]);

  const officers = [people.officer1, people.officer2];
  const newTender = async (budget, extra = {}) => {
    const r = await api(people.official, 'POST', '/api/tenders', draftTerms(NOW, officers, {
      budget_fen: budget,
      ceiling_fen: budget,
      bid_bond_fen: 0,
      project_code: code,
      ...extra,
    }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id;
  };
  const over = await newTender(600_000_001, { title: '不动产登记电子证照系统建设' });
  const refused = await api(people.official, 'POST', `/api/tenders/${over}/publish`);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.type, '/problems/project-budget-exceeded');
  assert.match(refused.body.detail, new RegExp(`${code}.*6,000,000.00 yuan approved.*exceeds what is left by 0.01 yuan`));

  const first = await newTender(400_000_000, { title: '不动产登记电子证照系统软件开发' });
  const published = await api(people.official, 'POST', `/api/tenders/${first}/publish`);
  assert.equal(published.status, 200, JSON.stringify(published.body));
  state.tender = published.body;
  const inProcurement = await api(people.department, 'GET', `/api/applications/${id}`);
  assert.equal(inProcurement.body.state, 'in_procurement');
  const auto = inProcurement.body.steps.at(-1);
  assert.equal(auto.step, 'start_procurement');
  assert.equal(auto.actor, null, 'the platform took the step');

  const second = await newTender(200_000_001, { title: '电子证照系统等保测评' });
  const left = await api(people.official, 'POST', `/api/tenders/${second}/publish`);
  assert.equal(left.status, 409, 'the second tender does not fit in what the first left');
  const unknown = await api(people.official, 'POST', `/api/tenders/${await newTender(1_000_000, { project_code: 'GD-2026-999999' })}/publish`);
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.errors[0].field, 'project_code');
  const malformed = await api(people.official, 'POST', '/api/tenders', draftTerms(NOW, officers, { project_code: 'GD-26-1' }));
  assert.equal(malformed.status, 422);
  // Another official may not spend the project's budget.
  const byOther = await call(stack.base, 'POST', '/api/tenders', {
    token: people.officer1.token,
    body: draftTerms(NOW, officers, { budget_fen: 1_000_000, ceiling_fen: 1_000_000, bid_bond_fen: 0, project_code: code }),
  });
  assert.equal(byOther.status, 201, JSON.stringify(byOther.body));
  const notPurchaser = await api(people.officer1, 'POST', `/api/tenders/${byOther.body.id}/publish`);
  assert.equal(notPurchaser.status, 403);
  assert.match(notPurchaser.body.detail, /not a purchaser of project/);

  const page = await call(stack.base, 'GET', `/api/projects/${code}`);
  assert.equal(page.status, 200, 'the project page is public');
  assert.equal(page.body.approved_budget_fen, 600_000_000);
  assert.equal(page.body.committed_fen, 400_000_000);
  assert.deepEqual(page.body.tenders.map((t) => t.id), [first]);
  assert.equal(page.body.tenders[0].contract, null);

  // Two tenders published at the same moment, each fitting in what is left but not both: one lands.
  const [a, b] = [await newTender(150_000_000, { title: '电子证照系统监理' }), await newTender(150_000_000, { title: '电子证照系统测评' })];
  const race = await Promise.all([a, b].map((t) => api(people.official, 'POST', `/api/tenders/${t}/publish`)));
  assert.deepEqual(race.map((r) => r.status).sort(), [200, 409], JSON.stringify(race.map((r) => r.body)));
  const after = (await call(stack.base, 'GET', `/api/projects/${code}`)).body;
  assert.equal(after.committed_fen, 550_000_000);
  assert.ok(after.committed_fen <= after.approved_budget_fen);
});

test('every step is in the audit log, and the bureau sees stage durations and overdue items', async () => {
  const app = (await api(people.supervisor, 'GET', `/api/applications/${state.id}`)).body;
  const entries = auditEntries();
  for (const s of app.steps) {
    const e = entries[s.audit_index];
    assert.equal(e.object.id, state.id);
    assert.match(e.action, /^application\./);
    assert.equal(e.data.to, s.to);
  }
  const actions = new Set(entries.filter((e) => e.object.id === state.id).map((e) => e.action));
  for (const a of ['application.drafted', 'application.attachment_uploaded', 'application.draft_changed',
    'application.returned', 'application.revised', 'application.duplicate_resolved', 'application.panel_drawn',
    'application.reviewed', 'application.approved', 'application.filed', 'application.procurement_started']) {
    assert.ok(actions.has(a), a);
  }

  const durations = await api(people.supervisor, 'GET', '/api/approvals/stage-durations');
  assert.equal(durations.status, 200);
  const check = durations.body.stages.find((s) => s.stage === 'completeness_check');
  assert.equal(check.stays, 2, 'both versions went through the completeness check');
  assert.ok(check.p90_seconds >= check.median_seconds);
  assert.equal((await api(people.department, 'GET', '/api/approvals/stage-durations')).status, 403);
  assert.equal((await api(people.reviewer, 'GET', '/api/approvals/stage-durations?from=yesterday')).status, 422);

  // A second application waits for its completeness check past the 2 working days limit.
  const waiting = (await api(people.otherDepartment, 'POST', '/api/applications', draft({
    name: '教育考试报名系统',
    functions: '考生网上报名、资格审核、缴费与准考证打印。',
    produces: [],
    hosting: 'provincial_government_cloud',
  }))).body;
  for (const kind of ['proposal', 'feasibility_study']) {
    await call(stack.base, 'PUT', `/api/applications/${waiting.id}/attachments/${kind}`, {
      token: people.otherDepartment.token,
      body: new Uint8Array(Buffer.from(kind)),
    });
  }
  const submitted = await step(people.otherDepartment, waiting.id, { step: 'submit' });
  assert.equal(submitted.body.due, '2026-12-01T16:00:00.000000Z', 'due at the end of Tuesday, 2 working days on');
  assert.equal(submitted.body.overdue, false);
  await pinClock(stack.base, new Date(Date.parse(NOW) + 5 * DAY_MS).toISOString());
  await signInAgain(stack, [people.supervisor, people.otherDepartment]);
  const overdue = await api(people.supervisor, 'GET', '/api/applications?overdue=true');
  assert.equal(overdue.status, 200);
  assert.deepEqual(overdue.body.items.map((a) => a.id), [waiting.id]);
  assert.equal(overdue.body.items[0].overdue, true);
  const own = await api(people.otherDepartment, 'GET', '/api/applications?overdue=true');
  assert.deepEqual(own.body.items.map((a) => a.id), [waiting.id]);
});

test('the project\'s contract starts construction; the final acceptance records the system in the registry', async () => {
  const tender = state.tender;
  const everyone = () => [people.official, people.officer1, people.officer2, people.supervisor, people.reviewer,
    people.department, people.otherDepartment, ...people.experts, ...state.bidders];
  state.bidders = [];
  for (const [i, price] of [350_000_000, 370_000_000, 390_000_000].entries()) {
    const bidder = await enterprise(stack, `91440101MA5F1000${i + 1}`, `电子证照投标${i + 1}号公司`);
    state.bidders.push(bidder);
    const r = await submitBid(stack.base, tender.id, bidder, await sealBid(tender, bidder, price), `project-${i}`);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  await openAtDeadline(stack, tender, [people.officer1, people.officer2], everyone());
  const panel = await api(people.official, 'POST', `/api/tenders/${tender.id}/panel`, {
    size: 5, specialty: 'informatization', purchaser_representatives: [],
  });
  assert.equal(panel.status, 201, JSON.stringify(panel.body));
  assert.equal((await api(people.official, 'POST', `/api/tenders/${tender.id}/evaluation`)).status, 201);
  const byId = new Map(people.experts.map((e) => [e.id, e]));
  const members = panel.body.members.filter((m) => m.status === 'seated').map((m) => byId.get(m.account));
  for (const member of members) {
    for (const bidder of state.bidders) {
      for (const [criterion, value] of [['tech', 40], ['service', 15]]) {
        const r = await api(member, 'PUT', `/api/tenders/${tender.id}/evaluation/scores`, {
          bidder: bidder.id, criterion, score: value,
        });
        assert.ok(r.status === 200 || r.status === 201, JSON.stringify(r.body));
      }
    }
  }
  for (const member of members) {
    const r = await api(member, 'POST', `/api/tenders/${tender.id}/evaluation/sign-off`);
    assert.ok(r.status === 200 || r.status === 201, JSON.stringify(r.body));
  }
  const award = await api(people.official, 'POST', `/api/tenders/${tender.id}/award`, { winner: state.bidders[0].id });
  assert.equal(award.status, 201, JSON.stringify(award.body));
  await pinClock(stack.base, instantPlusMicros(award.body.publicity_ends_at, 1));
  await signInAgain(stack, everyone());
  const notice = await api(people.official, 'POST', `/api/tenders/${tender.id}/award/notice`);
  assert.equal(notice.status, 200, JSON.stringify(notice.body));

  const acceptEarly = await step(people.reviewer, state.id, { step: 'accept' });
  assert.equal(acceptEarly.status, 409, 'no acceptance before construction');
  const contract = await api(people.official, 'POST', `/api/tenders/${tender.id}/contract`, {
    signed_at: notice.body.notice_at, amount_fen: 350_000_000,
  });
  assert.equal(contract.status, 201, JSON.stringify(contract.body));
  const building = await api(people.department, 'GET', `/api/applications/${state.id}`);
  assert.equal(building.body.state, 'in_construction');
  assert.equal(building.body.steps.at(-1).actor, null, 'the platform started construction');

  assert.equal((await step(people.department, state.id, { step: 'accept' })).status, 403);
  const accepted = await step(people.reviewer, state.id, { step: 'accept', reason: '终验通过' });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.equal(accepted.body.state, 'accepted');
  const page = (await call(stack.base, 'GET', `/api/projects/${state.code}`)).body;
  assert.equal(page.state, 'accepted');
  assert.deepEqual(page.tenders[0].contract, { amount_fen: 350_000_000, signed_at: notice.body.notice_at });
  assert.match(page.registered_system, /^S-\d{6}$/);
  const registered = await api(people.reviewer, 'GET', `/api/registry/systems?q=${encodeURIComponent('电子证照系统')}`);
  const system = registered.body.items.find((x) => x.id === page.registered_system);
  assert.equal(system.owner_department, DEPARTMENT);
  assert.equal(system.project_code, state.code);
  assert.equal(system.hosting, 'provincial_government_cloud');

  // The delivered system now counts in the duplicate check of later applications.
  const created = await api(people.otherDepartment, 'POST', '/api/applications', draft({
    name: '电子证照签发平台', hosting: 'provincial_government_cloud', produces: [],
  }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const later = created.body;
  for (const kind of ['proposal', 'feasibility_study']) {
    await call(stack.base, 'PUT', `/api/applications/${later.id}/attachments/${kind}`, {
      token: people.otherDepartment.token,
      body: new Uint8Array(Buffer.from(kind)),
    });
  }
  for (const [who, s] of [[people.otherDepartment, 'submit'], [people.reviewer, 'start_check'],
    [people.reviewer, 'pass_completeness']]) {
    assert.equal((await step(who, later.id, { step: s })).status, 200, s);
  }
  const checks = await api(people.reviewer, 'GET', `/api/applications/${later.id}/checks`);
  assert.equal(checks.status, 200, JSON.stringify(checks.body));
  assert.ok(checks.body.matches.some((m) => m.id === page.registered_system && m.needs_resolution),
    JSON.stringify(checks.body.matches));

  assert.equal((await step(people.reviewer, state.id, { step: 'evaluate' })).status, 422, 'an evaluation needs its conclusion');
  assert.equal((await step(people.reviewer, state.id, { step: 'evaluate', reason: '绩效评价：良好' })).body.state, 'evaluated');
  assert.equal((await step(people.reviewer, state.id, { step: 'close' })).body.state, 'closed');
  assert.equal((await step(people.reviewer, state.id, { step: 'close' })).status, 409, 'closed is final');
});
