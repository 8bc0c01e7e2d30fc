// After publication every change is an amendment with a reason and a diff; a late substantive one
// moves the deadline so that 15 days remain; bidders are told and may replace their bids. Questions
// are answered to everyone and nobody learns who asked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from './harness.mjs';
import {
  call,
  DAY_MS,
  draftTerms,
  enterprise,
  officerWithJsKey,
  pinClock,
  sealBid,
  signInAgain,
  staff,
  submitBid,
} from './tendering.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
let stack;
const people = {};
let tender;

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'he.official');
  people.other = await staff(stack, 'official', 'lu.official');
  people.supervisor = await staff(stack, 'supervisor', 'shi.supervisor');
  const officers = [await officerWithJsKey(stack, 'gao.officer'), await officerWithJsKey(stack, 'lin.officer')];
  people.a = await enterprise(stack, '91440104MA5H00001', '甲数据有限公司');
  people.b = await enterprise(stack, '91440104MA5H00002', '乙软件有限公司');
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, officers),
  });
  tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).body;
  assert.equal(tender.state, 'published');
  const bid = await submitBid(stack.base, tender.id, people.a, await sealBid(tender, people.a, 80_000_000), 'a-1');
  assert.equal(bid.status, 201);
});
after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('an early amendment keeps the deadline; its diff and reason are public', async () => {
  const refused = await call(stack.base, 'POST', `/api/tenders/${tender.id}/amendments`, {
    token: people.other.token,
    body: { reason: 'x', changes: { description: 'y' } },
  });
  assert.equal(refused.status, 404, 'only the author amends');
  const bad = await call(stack.base, 'POST', `/api/tenders/${tender.id}/amendments`, {
    token: people.official.token,
    body: { reason: 'raise', changes: { ceiling_fen: 200_000_000, bid_deadline: NOW } },
  });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.errors.map((e) => e.field), ['changes.ceiling_fen', 'changes.bid_deadline']);
  const amended = await call(stack.base, 'POST', `/api/tenders/${tender.id}/amendments`, {
    token: people.official.token,
    body: { reason: '技术参数更正', changes: { ceiling_fen: 90_000_000 } },
  });
  assert.equal(amended.status, 201, JSON.stringify(amended.body));
  assert.deepEqual(amended.body.diff, [{ field: 'ceiling_fen', before: '95000000', after: '90000000' }]);
  assert.equal(amended.body.deadline_after, tender.bid_deadline);
  const list = await call(stack.base, 'GET', `/api/tenders/${tender.id}/amendments`);
  assert.equal(list.body.items.length, 1);
  assert.equal(list.body.items[0].reason, '技术参数更正');
  assert.equal((await call(stack.base, 'GET', `/api/tenders/${tender.id}`)).body.ceiling_fen, 90_000_000);
});

test('questions are answered to all without naming the asker', async () => {
  const asked = await call(stack.base, 'POST', `/api/tenders/${tender.id}/questions`, {
    token: people.b.token,
    body: { question: '交换机是否需要支持 IPv6？' },
  });
  assert.equal(asked.status, 201);
  const forAuthor = await call(stack.base, 'GET', `/api/tenders/${tender.id}/questions`, { token: people.official.token });
  assert.equal(forAuthor.status, 200);
  assert.equal(forAuthor.body.items[0].question, '交换机是否需要支持 IPv6？');
  assert.doesNotMatch(JSON.stringify(forAuthor.body), new RegExp(`${people.b.id}|乙软件`));
  assert.equal(
    (await call(stack.base, 'GET', `/api/tenders/${tender.id}/questions`, { token: people.other.token })).status,
    404,
  );
  assert.deepEqual((await call(stack.base, 'GET', `/api/tenders/${tender.id}/clarifications`)).body.items, []);
  const answered = await call(
    stack.base,
    'POST',
    `/api/tenders/${tender.id}/questions/${asked.body.id}/answer`,
    { token: people.official.token, body: { answer: '需要支持 IPv6。', substantive: false } },
  );
  assert.equal(answered.status, 200, JSON.stringify(answered.body));
  const again = await call(stack.base, 'POST', `/api/tenders/${tender.id}/questions/${asked.body.id}/answer`, {
    token: people.official.token,
    body: { answer: 'again' },
  });
  assert.equal(again.status, 409);
  const publicList = await call(stack.base, 'GET', `/api/tenders/${tender.id}/clarifications`);
  assert.equal(publicList.body.items[0].answer, '需要支持 IPv6。');
  assert.doesNotMatch(JSON.stringify(publicList.body), new RegExp(`${people.b.id}|乙软件`));
  // The asker (no bid yet) and the bidder with a live bid are both told.
  for (const who of [people.a, people.b]) {
    const n = await call(stack.base, 'GET', '/api/me/notifications', { token: who.token });
    assert.ok(n.body.items.some((i) => i.kind === 'clarification' && i.tender_id === tender.id), who.id);
  }
});

test('a late substantive amendment moves the deadline to leave 15 days and bidders are told', async () => {
  const tenDaysBefore = new Date(Date.parse(tender.bid_deadline) - 10 * DAY_MS).toISOString();
  await pinClock(stack.base, tenDaysBefore);
  await signInAgain(stack, [people.official, people.a, people.b]);
  const amended = await call(stack.base, 'POST', `/api/tenders/${tender.id}/amendments`, {
    token: people.official.token,
    body: { reason: '调整最高限价', substantive: true, changes: { ceiling_fen: 88_000_000 } },
  });
  assert.equal(amended.status, 201, JSON.stringify(amended.body));
  const moved = new Date(Date.parse(tender.bid_deadline) + 5 * DAY_MS).toISOString().replace('.000Z', '.000000Z');
  assert.equal(amended.body.deadline_after, moved);
  assert.deepEqual(
    amended.body.diff.map((d) => d.field),
    ['ceiling_fen', 'bid_deadline'],
  );
  const seen = await call(stack.base, 'GET', `/api/tenders/${tender.id}`);
  assert.equal(seen.body.bid_deadline, moved);
  const told = await call(stack.base, 'GET', '/api/me/notifications', { token: people.a.token });
  assert.match(told.body.items[0].message, /amended.*You may replace your bid/);
  // A bidder replaces its bid after the amendment.
  const replaced = await submitBid(stack.base, tender.id, people.a, await sealBid(tender, people.a, 79_000_000), 'a-2');
  assert.equal(replaced.status, 201);
  assert.equal(replaced.body.action, 'replaced');
});

test('questions close at the clarification deadline and nothing changes after the bid deadline', async () => {
  const late = await call(stack.base, 'POST', `/api/tenders/${tender.id}/questions`, {
    token: people.b.token,
    body: { question: 'too late?' },
  });
  assert.equal(late.status, 409, 'the clarification deadline has passed');
  const current = (await call(stack.base, 'GET', `/api/tenders/${tender.id}`)).body;
  await pinClock(stack.base, current.bid_deadline);
  await signInAgain(stack, [people.official]);
  const after = await call(stack.base, 'POST', `/api/tenders/${tender.id}/amendments`, {
    token: people.official.token,
    body: { reason: 'too late', changes: { description: 'z' } },
  });
  assert.equal(after.status, 409);
});
