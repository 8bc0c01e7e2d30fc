// Supervision cases with the real server and PostgreSQL: a supervisor opens a case on a tender and
// on an application, freezes them (every step refused until unfrozen, the deadline sweep included),
// asks the owner, who answers, then unfreezes and closes; each role allowed and refused; every
// change audited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from './harness.mjs';
import { call, draftTerms, enterprise, instantPlusMicros, officerWithJsKey, pinClock, signInAgain, staff } from './tendering.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
let stack;
const people = {};
let tender;

const api = (who, method, route, body) => call(stack.base, method, route, { token: who?.token, body });

before(async () => {
  stack = await startStack({ withEngine: false, settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.supervisor = await staff(stack, 'supervisor', 'gao.supervisor');
  people.official = await staff(stack, 'official', 'ren.official');
  people.other = await staff(stack, 'official', 'shen.official');
  people.officer1 = await officerWithJsKey(stack, 'fu.officer');
  people.officer2 = await officerWithJsKey(stack, 'kong.officer');
  people.department = await staff(stack, 'department', 'water.dept', '广东省水利厅');
  people.reviewer = await staff(stack, 'reviewer', 'tao.reviewer');
  people.company = await enterprise(stack, '91440101MA5J00001', '监督测试公司');
  const draft = await api(people.official, 'POST', '/api/tenders', draftTerms(NOW, [people.officer1, people.officer2]));
  tender = (await api(people.official, 'POST', `/api/tenders/${draft.body.id}/publish`)).body;
});

after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('a frozen tender takes no step, not even at its deadline, until the supervisor unfreezes it', async () => {
  const body = { subject_type: 'tender', subject_id: tender.id, reason: '举报：疑似围标', evidence: '举报信编号 2026-118' };
  for (const who of [people.official, people.company, people.reviewer]) {
    assert.equal((await api(who, 'POST', '/api/monitoring/cases', body)).status, 403, who.login);
  }
  assert.equal((await api(people.supervisor, 'POST', '/api/monitoring/cases', { ...body, subject_id: 'T-2026-999999' })).status, 404);
  const opened = await api(people.supervisor, 'POST', '/api/monitoring/cases', body);
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const id = opened.body.id;
  assert.match(id, /^M-\d{6}$/);

  const frozen = await api(people.supervisor, 'POST', `/api/monitoring/cases/${id}/freeze`, { reason: '调查期间暂停' });
  assert.equal(frozen.body.frozen, true);
  const cancel = await api(people.official, 'POST', `/api/tenders/${tender.id}/cancel`, { reason: '想取消' });
  assert.equal(cancel.status, 409);
  assert.equal(cancel.body.type, '/problems/frozen-by-supervision');
  assert.match(cancel.body.detail, new RegExp(id));

  // Past the deadline the sweep leaves the frozen tender as it is.
  await pinClock(stack.base, instantPlusMicros(tender.bid_deadline, 1));
  await signInAgain(stack, Object.values(people));
  await new Promise((res) => setTimeout(res, 1500));
  assert.equal((await call(stack.base, 'GET', `/api/tenders/${tender.id}`)).body.state, 'published');

  // Questions go to the tender's author, who answers; nobody else may.
  const asked = await api(people.supervisor, 'POST', `/api/monitoring/cases/${id}/questions`, { question: '请说明资格条件的设定依据。' });
  const question = asked.body.events.at(-1).id;
  assert.equal((await api(people.other, 'POST', `/api/monitoring/cases/${id}/answers`, { question, answer: 'x' })).status, 404);
  assert.equal((await api(people.other, 'GET', `/api/monitoring/cases/${id}`)).status, 404);
  assert.equal((await api(people.other, 'GET', '/api/monitoring/cases')).body.items.length, 0);
  const answered = await api(people.official, 'POST', `/api/monitoring/cases/${id}/answers`, { question, answer: '依据采购需求论证报告。' });
  assert.equal(answered.status, 200, JSON.stringify(answered.body));
  assert.equal(answered.body.events.at(-1).answers, question);
  const seenByAuthor = (await api(people.official, 'GET', '/api/monitoring/cases')).body.items;
  assert.equal(seenByAuthor.length, 1, 'the author sees the case');
  assert.equal(seenByAuthor[0].evidence, '', 'but not the evidence: it may name the complainant');
  assert.equal(answered.body.evidence, '');
  assert.equal((await api(people.supervisor, 'GET', `/api/monitoring/cases/${id}`)).body.evidence, '举报信编号 2026-118');

  const unfrozen = await api(people.supervisor, 'POST', `/api/monitoring/cases/${id}/unfreeze`, { reason: '未发现问题' });
  assert.equal(unfrozen.body.frozen, false);
  let state = 'published';
  for (let i = 0; i < 40 && state === 'published'; i++) {
    await new Promise((res) => setTimeout(res, 100));
    state = (await call(stack.base, 'GET', `/api/tenders/${tender.id}`)).body.state;
  }
  assert.notEqual(state, 'published', 'once unfrozen, the sweep closes bidding');
  const closed = await api(people.supervisor, 'POST', `/api/monitoring/cases/${id}/close`, { conclusion: '经核查，未发现违规。' });
  assert.equal(closed.body.conclusion, '经核查，未发现违规。');
  assert.equal((await api(people.supervisor, 'POST', `/api/monitoring/cases/${id}/freeze`, { reason: 'x' })).status, 409);

  const kinds = closed.body.events.map((e) => e.kind);
  assert.deepEqual(kinds, ['opened', 'frozen', 'question', 'answer', 'unfrozen', 'closed']);
  const actions = stack.schema.sql("SELECT entry::json->>'action' FROM audit_log WHERE entry::json->'object'->>'type' = 'case' ORDER BY idx").split('\n');
  assert.deepEqual(actions, kinds.map((k) => `monitoring.${k}`));
});

test('a frozen application takes no review step until its case is closed', async () => {
  const draft = {
    name: '水利工程监管平台', type: 'build', requested_budget_fen: 300_000_000, functions: '水利工程建设项目监管与质量安全巡查。',
    consumes: [], produces: [], hosting: 'provincial_government_cloud', security_level: 3,
    domestic_technology: '国产数据库', schedule_start: '2027-01-01', schedule_end: '2027-12-31',
  };
  const app = (await api(people.department, 'POST', '/api/applications', draft)).body;
  for (const kind of ['proposal', 'feasibility_study']) {
    await call(stack.base, 'PUT', `/api/applications/${app.id}/attachments/${kind}`, { token: people.department.token, body: new Uint8Array(Buffer.from(kind)) });
  }
  assert.equal((await api(people.department, 'POST', `/api/applications/${app.id}/steps`, { step: 'submit' })).status, 200);
  const opened = await api(people.supervisor, 'POST', '/api/monitoring/cases', { subject_type: 'application', subject_id: app.id, reason: '预算异常' });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  await api(people.supervisor, 'POST', `/api/monitoring/cases/${opened.body.id}/freeze`, { reason: '核查预算' });
  const refused = await api(people.reviewer, 'POST', `/api/applications/${app.id}/steps`, { step: 'start_check' });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.type, '/problems/frozen-by-supervision');
  assert.equal((await api(people.department, 'GET', `/api/monitoring/cases/${opened.body.id}`)).status, 200, 'the department sees the case');
  await api(people.supervisor, 'POST', `/api/monitoring/cases/${opened.body.id}/close`, { conclusion: '预算合理' });
  assert.equal((await api(people.reviewer, 'POST', `/api/applications/${app.id}/steps`, { step: 'start_check' })).status, 200,
    'closing the case lifts the freeze');
});
