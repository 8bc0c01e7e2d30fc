// Register once: an enterprise keeps its licence and certificates in its vault and each bid refers
// to them; a credential that expires before the deadline, or is withdrawn, cannot carry a bid.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from './harness.mjs';
import { call, DAY_MS, draftTerms, enterprise, officerWithJsKey, pinClock, sealBid, staff } from './tendering.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
let stack;
const people = {};
let tender;
const vault = {};

function bidWith(who, credentials, key) {
  return sealBid(tender, who, 77_000_000).then((jwe) =>
    call(stack.base, 'POST', `/api/tenders/${tender.id}/bids?credentials=${credentials.join(',')}`, {
      token: who.token,
      body: jwe,
      headers: { 'content-type': 'application/jose', 'idempotency-key': key },
    }),
  );
}

async function addCredential(who, body) {
  const r = await call(stack.base, 'POST', '/api/me/credentials', { token: who.token, body });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'xu.official');
  const officers = [await officerWithJsKey(stack, 'ma.officer'), await officerWithJsKey(stack, 'hu.officer')];
  people.a = await enterprise(stack, '91440106MA5J00001', '甲建设有限公司');
  people.b = await enterprise(stack, '91440106MA5J00002', '乙工程有限公司');
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, officers, { qualification_requirements: ['business_licence', 'iso27001'] }),
  });
  tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).body;
  assert.equal(tender.state, 'published');
});
after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('an enterprise keeps credentials once; nobody else sees its vault', async () => {
  vault.licence = await addCredential(people.a, {
    category: 'licence',
    kind: 'business_licence',
    title: '营业执照',
    number: '91440106MA5J00001',
  });
  assert.match(vault.licence.id, /^C-\d{6}$/);
  assert.equal(vault.licence.valid_until, null);
  const dayBeforeDeadline = new Date(Date.parse(tender.bid_deadline) - DAY_MS).toISOString();
  vault.expiring = await addCredential(people.a, {
    category: 'qualification',
    kind: 'iso27001',
    title: 'ISO/IEC 27001 证书',
    valid_until: dayBeforeDeadline,
  });
  const bad = await call(stack.base, 'POST', '/api/me/credentials', {
    token: people.a.token,
    body: { category: 'passport', kind: 'ISO 27001', title: '', valid_until: '2020-01-01T00:00:00Z' },
  });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['category', 'kind', 'title', 'valid_until']);
  const list = await call(stack.base, 'GET', '/api/me/credentials', { token: people.a.token });
  assert.deepEqual(list.body.items.map((c) => c.id), [vault.licence.id, vault.expiring.id]);
  const others = await call(stack.base, 'GET', '/api/me/credentials', { token: people.b.token });
  assert.deepEqual(others.body.items, []);
  assert.equal((await call(stack.base, 'GET', '/api/me/credentials', { token: people.official.token })).status, 403);
});

test('a bid must rely on credentials that cover the requirements through the deadline', async () => {
  const none = await bidWith(people.a, [], 'a-none');
  assert.equal(none.status, 422);
  assert.deepEqual(none.body.errors.map((e) => e.detail), [
    'the tender requires a valid "business_licence" credential',
    'the tender requires a valid "iso27001" credential',
  ]);
  const expiring = await bidWith(people.a, [vault.licence.id, vault.expiring.id], 'a-expiring');
  assert.equal(expiring.status, 422);
  assert.match(expiring.body.errors[0].detail, new RegExp(`${vault.expiring.id}.*before the bid deadline`));
  const foreign = await bidWith(people.b, [vault.licence.id], 'b-foreign');
  assert.equal(foreign.status, 422);
  assert.match(foreign.body.errors[0].detail, /is not a credential in your vault/);

  vault.iso = await addCredential(people.a, {
    category: 'qualification',
    kind: 'iso27001',
    title: 'ISO/IEC 27001 证书（新）',
    valid_until: '2029-06-30T16:00:00Z',
  });
  const ok = await bidWith(people.a, [vault.licence.id, vault.iso.id], 'a-ok');
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  const mine = await call(stack.base, 'GET', `/api/tenders/${tender.id}/bids/mine`, { token: people.a.token });
  assert.deepEqual(mine.body.versions[0].credentials, [vault.licence.id, vault.iso.id]);
});

test('a withdrawn credential cannot carry a new bid version', async () => {
  const withdrawn = await call(stack.base, 'DELETE', `/api/me/credentials/${vault.iso.id}`, { token: people.a.token });
  assert.equal(withdrawn.status, 204);
  const again = await call(stack.base, 'DELETE', `/api/me/credentials/${vault.iso.id}`, { token: people.a.token });
  assert.equal(again.status, 404);
  const replaced = await bidWith(people.a, [vault.licence.id, vault.iso.id], 'a-after-withdrawal');
  assert.equal(replaced.status, 422);
  assert.match(replaced.body.errors[0].detail, /withdrawn from the vault/);
});
