// Supervisors' trading records with the real server and PostgreSQL: any record's full history (every
// version, who changed what and when, from the audit entries of the same transaction), a tender as
// it stood at a past time, and the search over tenders, opened bids, scores, awards, objections and
// applications by party, official, expert, period, state and amount. Bids stay out of both until
// the opening.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from './harness.mjs';
import {
  call,
  draftTerms,
  enterprise,
  evaluateByPanel,
  instantPlusMicros,
  officerWithJsKey,
  openAtDeadline,
  pinClock,
  sealBid,
  staff,
  submitBid,
} from './tendering.mjs';

const DRAFTED = '2026-11-27T02:00:00.000000Z';
const AMENDED = '2026-11-27T05:00:00.000000Z';
let stack;
let tender;
const people = { bidders: [], experts: [] };

const supervisor = (route) => call(stack.base, 'GET', route, { token: people.supervisor.token });
const search = async (query) => {
  const r = await supervisor(`/api/supervision/records?${query}`);
  assert.equal(r.status, 200, `${query}: ${JSON.stringify(r.body)}`);
  return r.body;
};
const historyOf = async (subject, id) => {
  const versions = [];
  for (let after = ''; after !== null;) {
    const r = await supervisor(`/api/supervision/history/${subject}/${id}?limit=7&after=${after}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    versions.push(...r.body.versions);
    after = r.body.next_after;
  }
  return versions;
};

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, DRAFTED);
  people.official = await staff(stack, 'official', 'rec.official');
  people.otherOfficial = await staff(stack, 'official', 'rec.other');
  people.officer1 = await officerWithJsKey(stack, 'rec.officer1');
  people.officer2 = await officerWithJsKey(stack, 'rec.officer2');
  people.admin = await staff(stack, 'admin', 'rec.admin');
  people.supervisor = await staff(stack, 'supervisor', 'rec.supervisor');
  people.department = await staff(stack, 'department', 'rec.dept', '广东省自然资源厅');
  for (let i = 0; i < 5; i++) {
    const expert = await staff(stack, 'expert', `rec.expert.${i}`);
    await call(stack.base, 'PUT', `/api/experts/${expert.id}/profile`, { token: people.admin.token, body: { specialties: ['network'] } });
    people.experts.push(expert);
  }
  for (let i = 0; i < 3; i++) people.bidders.push(await enterprise(stack, `91440101MA5J0000${i + 1}`, `监督检索${i + 1}号公司`));
});

after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test("a tender's history: each version with its author, action and time; bids only after the opening", async () => {
  const officers = [people.officer1, people.officer2];
  const draft = (await call(stack.base, 'POST', '/api/tenders', { token: people.official.token, body: draftTerms(DRAFTED, officers) })).body;
  tender = (await call(stack.base, 'POST', `/api/tenders/${draft.id}/publish`, { token: people.official.token })).body;
  await pinClock(stack.base, AMENDED);
  const amended = await call(stack.base, 'POST', `/api/tenders/${tender.id}/amendments`, {
    token: people.official.token,
    body: { reason: '更正描述', changes: { description: '核心与接入交换机，须支持 IPv6。' } },
  });
  assert.equal(amended.status, 201, JSON.stringify(amended.body));
  for (const [i, price] of [81_000_000, 86_000_000, 90_000_000].entries()) {
    const r = await submitBid(stack.base, tender.id, people.bidders[i], await sealBid(tender, people.bidders[i], price), `rec-${i}`);
    assert.equal(r.status, 201);
  }

  let versions = await historyOf('tender', tender.id);
  const rows = versions.filter((v) => v.record_type === 'tenders');
  assert.deepEqual(rows.map((v) => [v.version, v.operation]), [[1, 'insert'], [2, 'update'], [3, 'update']]);
  const [drafted, published, changed] = rows;
  assert.deepEqual(drafted.audit.map((a) => [a.action, a.actor.id]), [['tender.drafted', people.official.id]]);
  assert.equal(drafted.at, DRAFTED);
  assert.ok(published.audit.some((a) => a.action === 'tender.published'));
  assert.deepEqual(published.changes.find((c) => c.field === 'state'), { field: 'state', before: 'draft', after: 'published' });
  assert.equal(changed.at, AMENDED);
  assert.deepEqual(changed.audit.map((a) => a.action), ['tender.amended']);
  assert.equal(changed.changes.find((c) => c.field === 'description').after, '核心与接入交换机，须支持 IPv6。');
  assert.ok(versions.some((v) => v.record_type === 'tender_amendments'));
  const sealedTypes = ['bids', 'bid_origins', 'bid_credentials'];
  assert.ok(!versions.some((v) => sealedTypes.includes(v.record_type)), 'who bid stays sealed while bids are taken');
  assert.ok(!JSON.stringify(versions).includes(people.bidders[0].id));
  // Each version shows only the audit entries of its own subject, though bids are written in batches.
  assert.ok(versions.every((v) => v.audit.every((a) => a.object.id === tender.id)));
  assert.ok(!JSON.stringify(versions).includes('panel_secret') && !JSON.stringify(versions).includes('sealed_share'));
  assert.ok(versions.every((v) => v.audit.length > 0), 'every change has its audit entry');

  // The tender as it stood: before the amendment, after it, and before it existed.
  const asOf = (at) => supervisor(`/api/supervision/tenders/${tender.id}/as-of?at=${at}`);
  const before = await asOf('2026-11-27T04:59:59.999999Z');
  assert.equal(before.status, 200);
  assert.equal(before.body.records.tenders[0].row.state, 'published');
  assert.equal(before.body.records.tenders[0].row.description, draft.description);
  assert.equal(before.body.records.tender_amendments, undefined);
  assert.equal(before.body.records.bids, undefined);
  const afterAmendment = (await asOf(AMENDED)).body;
  assert.equal(afterAmendment.records.tenders[0].row.description, '核心与接入交换机，须支持 IPv6。');
  assert.equal(afterAmendment.records.tender_amendments.length, 1);
  assert.equal((await asOf('2026-11-27T01:59:59Z')).status, 404);
  assert.equal((await asOf('yesterday')).status, 422);
  assert.equal((await supervisor(`/api/supervision/tenders/${tender.id}/as-of`)).status, 422);

  await openAtDeadline(stack, tender, officers, [people.official, people.otherOfficial, people.officer1, people.officer2,
    people.admin, people.supervisor, people.department, ...people.experts, ...people.bidders]);
  versions = await historyOf('tender', tender.id);
  const bids = versions.filter((v) => v.record_type === 'bids');
  assert.equal(bids.length, 3);
  assert.ok(bids.every((v) => v.audit[0].action === 'bid.submitted' && !('envelope' in v.row) && v.row.envelope_sha256));
  assert.equal(versions.filter((v) => v.record_type === 'bid_origins').length, 3);
  assert.equal(versions.filter((v) => v.record_type === 'opened_bids').length, 3);
  assert.ok(versions.every((v) => v.audit.length > 0 && v.audit.every((a) => a.object.id === tender.id)));
  const opened = (await asOf(instantPlusMicros(tender.bid_deadline, 1))).body.records;
  assert.equal(opened.bids.length, 3, 'after the deadline the tender as it stood shows its bids');
  // No secret in any kept version, whatever the table.
  assert.equal(stack.schema.sql("SELECT count(*) FROM record_versions WHERE row_data ?| array['password_hash', " +
    "'envelope', 'sealed_share', 'panel_secret', 'review_secret', 'content']"), '0');
  const kept = stack.schema.sql("SELECT string_agg(DISTINCT record_type, ',') FROM record_versions WHERE record_type IN " +
    "('accounts', 'bids', 'tender_officers', 'tenders')");
  assert.equal(kept, 'accounts,bids,tender_officers,tenders', 'the tables with secrets are kept, without them');

  for (const [route, status] of [['/api/supervision/history/tender/T-2026-999999', 404], ['/api/supervision/history/planet/X-1', 422],
    ['/api/supervision/history/application/A-999999', 404], [`/api/supervision/history/tender/${tender.id}?after=7`, 422]]) {
    assert.equal((await supervisor(route)).status, status, route);
  }
});

test('supervisors search every record by party, official, expert, period, state and amount', async () => {
  const members = await evaluateByPanel(stack, tender, people.official, people.experts, people.bidders);
  const award = await call(stack.base, 'POST', `/api/tenders/${tender.id}/award`, { token: people.official.token, body: { winner: people.bidders[0].id } });
  assert.equal(award.status, 201, JSON.stringify(award.body));
  const objection = await call(stack.base, 'POST', `/api/tenders/${tender.id}/award/objections`, {
    token: people.bidders[1].token, body: { objection: '中标人的业绩证明不实。' },
  });
  assert.equal(objection.status, 201, JSON.stringify(objection.body));
  const application = await call(stack.base, 'POST', '/api/applications', {
    token: people.department.token,
    body: {
      name: '不动产登记电子证照系统', type: 'build', requested_budget_fen: 800_000_000, functions: '不动产登记电子证照签发与查询。',
      consumes: [], produces: ['电子证照库'], hosting: 'provincial_government_cloud', security_level: 3,
      domestic_technology: '国产数据库', schedule_start: '2027-01-01', schedule_end: '2027-12-31',
    },
  });
  assert.equal(application.status, 201, JSON.stringify(application.body));

  const [winner, objector] = people.bidders;
  let found = await search(`kind=bid&party=${winner.id}`);
  assert.deepEqual(found.items.map((h) => [h.kind, h.subject_id, h.state, h.amount_fen, h.parties]),
    [['bid', tender.id, 'opened', 81_000_000, [winner.id]]]);
  found = await search('kind=bid&min_amount_fen=85000000&max_amount_fen=90000000');
  assert.deepEqual(found.items.map((h) => h.amount_fen).sort(), [86_000_000, 90_000_000]);
  assert.deepEqual((await search(`kind=tender&official=${people.official.id}`)).items.map((h) => h.id), [tender.id]);
  assert.deepEqual((await search(`kind=tender&official=${people.otherOfficial.id}`)).items, []);
  found = await search(`kind=score&expert=${members[0].id}&party=${objector.id}`);
  assert.deepEqual(found.items.map((h) => h.detail).sort(), [`service = 15 by ${members[0].id}`, `tech = 40 by ${members[0].id}`]);
  found = await search(`kind=award&state=publicity&party=${winner.id}`);
  assert.deepEqual(found.items.map((h) => [h.subject_id, h.amount_fen]), [[tender.id, 81_000_000]]);
  found = await search('kind=objection&state=open');
  assert.deepEqual(found.items.map((h) => [h.parties, h.detail]), [[[objector.id], '中标人的业绩证明不实。']]);
  found = await search(`party=${people.department.id}`);
  assert.deepEqual(found.items.map((h) => [h.kind, h.id, h.state, h.amount_fen]),
    [['application', application.body.id, 'draft', 800_000_000]]);
  // The period: the tender was published on the 27th, before the amendment.
  assert.deepEqual((await search(`kind=tender&from=2026-11-27T00:00:00Z&to=${AMENDED}`)).items.map((h) => h.id), [tender.id]);
  assert.deepEqual((await search(`kind=tender&from=${AMENDED}`)).items, []);

  // Across kinds, newest first; pages join up to the whole list.
  const everything = (await search(`party=${winner.id}&limit=200`)).items;
  assert.deepEqual([...new Set(everything.map((h) => h.kind))].sort(), ['award', 'bid', 'score', 'tender']);
  assert.equal(everything.filter((h) => h.kind === 'score').length, members.length * 2);
  assert.ok(everything.every((h, i) => i === 0 || everything[i - 1].at >= h.at));
  const paged = [];
  for (let offset = 0; offset !== null;) {
    const page = await search(`party=${winner.id}&limit=4&offset=${offset}`);
    paged.push(...page.items);
    offset = page.next_offset;
  }
  assert.deepEqual(paged.map((h) => h.id), everything.map((h) => h.id));

  // The application's history: the department drafted it.
  const versions = await historyOf('application', application.body.id);
  assert.ok(versions.some((v) => v.record_type === 'application_versions' && v.row.name === '不动产登记电子证照系统'));
  assert.ok(versions.every((v) => v.audit.some((a) => a.actor.id === people.department.id)));

  for (const query of ['party=X-1', 'min_amount_fen=-5', 'kind=tender,planet', 'limit=0', 'from=monday', 'state=DROP%20TABLE']) {
    const r = await supervisor(`/api/supervision/records?${query}`);
    assert.equal(r.status, 422, query);
    assert.equal(r.body.status, 422);
  }
  // Supervisors only.
  for (const who of [people.official, people.department, people.experts[0], winner]) {
    for (const route of ['/api/supervision/records', `/api/supervision/history/tender/${tender.id}`,
      `/api/supervision/tenders/${tender.id}/as-of?at=${AMENDED}`]) {
      assert.equal((await call(stack.base, 'GET', route, { token: who.token })).status, 403, `${who.login ?? who.id} ${route}`);
    }
  }
  assert.equal((await call(stack.base, 'GET', '/api/supervision/records')).status, 401);
});
