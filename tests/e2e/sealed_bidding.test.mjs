// From draft to opening record through the API alone, with the real server and PostgreSQL: an
// official publishes, enterprises seal bids with an independent JOSE library (`jose`), receipts are
// verified with it, the deadline is judged to the microsecond, k of n officers open, and nothing
// about the bids leaks before the opening.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { runCli, startStack } from './harness.mjs';
import {
  call,
  draftTerms,
  enterprise,
  instantPlusMicros,
  jose,
  officerWithJsKey,
  pinClock,
  sealBid,
  signInAgain,
  staff,
  submitBid,
} from './tendering.mjs';

let stack;
const NOW = '2026-11-27T02:00:00.000000Z'; // Friday 10:00 in Shanghai
const people = {};
let tender; // the published tender as the public API shows it
const receipts = {};

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true', 'platform.origin': 'https://gongping.test' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'li.official');
  people.outsider = await staff(stack, 'official', 'other.official');
  people.supervisor = await staff(stack, 'supervisor', 'zhao.supervisor');
  people.expert = await staff(stack, 'expert', 'qian.expert');
  // Officer 1 makes a key file with the CLI; officer 2 makes a key in JavaScript, as a browser would.
  people.officer1 = await staff(stack, 'official', 'chen.officer');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gp-officer-'));
  people.officer1.keyFile = path.join(dir, 'officer1.jwk');
  const keygen = runCli(['keygen', '--out', people.officer1.keyFile]);
  assert.equal(keygen.status, 0, keygen.stderr);
  const registered = await call(stack.base, 'PUT', '/api/me/opening-key', {
    token: people.officer1.token,
    body: keygen.stdout.trim(),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(registered.status, 200, JSON.stringify(registered.body));
  people.officer2 = await officerWithJsKey(stack, 'sun.supervisor', 'supervisor');
  people.a = await enterprise(stack, '91440300MA5F00001', '广州甲科技有限公司');
  people.b = await enterprise(stack, '91440300MA5F00002', '深圳乙信息有限公司');
  people.c = await enterprise(stack, '91440300MA5F00003', '佛山丙网络有限公司');
  people.d = await enterprise(stack, '91440300MA5F00004', '东莞丁系统有限公司');
  people.e = await enterprise(stack, '91440300MA5F00005', '珠海戊通信有限公司');
});
after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('publishing refuses broken rules, naming each one', async () => {
  const officers = [people.officer1, people.officer2];
  const bad = draftTerms(NOW, [...officers, people.expert], {
    ceiling_fen: 120_000_000,
    bid_bond_fen: 2_000_001,
    bid_deadline: new Date(Date.parse(NOW) + 5 * 86_400_000).toISOString(),
    clarification_deadline: new Date(Date.parse(NOW) + 2 * 86_400_000).toISOString(),
  });
  const draft = await call(stack.base, 'POST', '/api/tenders', { token: people.official.token, body: bad });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  assert.equal(draft.body.state, 'draft');
  const refused = await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, {
    token: people.official.token,
  });
  assert.equal(refused.status, 422);
  assert.equal(refused.headers.get('content-type'), 'application/problem+json');
  const fields = refused.body.errors.map((e) => e.field);
  assert.deepEqual(fields, ['ceiling_fen', 'bid_bond_fen', 'bid_deadline', 'opening_officers']);
  assert.match(refused.body.errors[3].detail, /U-\d+ is not an official or supervisor with a registered opening key/);
  // Drafts never leak: not to the public, not to another official.
  assert.equal((await call(stack.base, 'GET', `/api/tenders/${draft.body.id}`)).status, 404);
  assert.equal(
    (await call(stack.base, 'GET', `/api/tenders/${draft.body.id}`, { token: people.outsider.token })).status,
    404,
  );
  const list = await call(stack.base, 'GET', '/api/tenders');
  assert.equal(list.body.items.some((t) => t.id === draft.body.id), false);
});

test('an official publishes; the public sees the tender and its opening key', async () => {
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, [people.officer1, people.officer2]),
  });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const other = await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, {
    token: people.outsider.token,
  });
  assert.equal(other.status, 404, 'only the author publishes');
  const published = await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, {
    token: people.official.token,
  });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  assert.equal(published.body.state, 'published');
  assert.equal(published.body.published_at, NOW);
  const seen = await call(stack.base, 'GET', `/api/tenders/${draft.body.id}`);
  assert.equal(seen.status, 200);
  tender = seen.body;
  assert.deepEqual(Object.keys(tender.opening_key).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  assert.equal(tender.opening_key.alg, 'ECDH-ES');
  const list = await call(stack.base, 'GET', '/api/tenders?state=published&category=goods');
  assert.equal(list.body.total, 1);
  assert.equal(list.body.items[0].id, tender.id);
  assert.equal((await call(stack.base, 'GET', '/api/tenders?state=draft')).status, 422);
  // Text search: in the title, any case, taken literally; or the whole tender id.
  const search = async (q) => (await call(stack.base, 'GET', `/api/tenders?q=${encodeURIComponent(q)}`)).body.items.map((t) => t.id);
  assert.deepEqual(await search(tender.title.slice(2, 6)), [tender.id]);
  assert.deepEqual(await search(tender.id.toLowerCase()), [tender.id]);
  assert.deepEqual(await search('%'), [], 'a percent sign is not a wildcard');
  assert.deepEqual(await search('交'.repeat(100)), [], '100 Chinese characters are within the limit');
  for (const bad of ['%FF', encodeURIComponent('交'.repeat(101))]) {
    assert.equal((await call(stack.base, 'GET', `/api/tenders?q=${bad}`)).status, 422, bad);
  }
});

test('sealed bids get receipts that an independent library verifies', async () => {
  const jwks = jose.createLocalJWKSet((await call(stack.base, 'GET', '/.well-known/jwks.json')).body);
  for (const [who, price] of [
    ['a', 88_000_000],
    ['b', 90_500_000],
    ['e', 70_000_000],
  ]) {
    const jwe = await sealBid(tender, people[who], price);
    const r = await submitBid(stack.base, tender.id, people[who], jwe, `first-${who}`);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const { payload, protectedHeader } = await jose.compactVerify(r.body.receipt, jwks);
    assert.equal(protectedHeader.alg, 'EdDSA');
    const claims = JSON.parse(new TextDecoder().decode(payload));
    assert.equal(claims.iss, 'https://gongping.test');
    assert.equal(claims.typ, 'bid-receipt');
    assert.equal(claims.tender_id, tender.id);
    assert.equal(claims.bidder_id, people[who].id);
    assert.equal(claims.action, 'submitted');
    assert.equal(claims.received_at, NOW);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(jwe));
    assert.equal(claims.envelope_sha256, Buffer.from(digest).toString('hex'));
    assert.equal(claims.audit_index, r.body.audit_index);
    receipts[who] = r.body;
  }
});

test('a retry with the same Idempotency-Key answers the same receipt; another request with it is refused', async () => {
  const jwe = await sealBid(tender, people.d, 1);
  const first = await submitBid(stack.base, tender.id, people.d, jwe, 'retry-d');
  assert.equal(first.status, 201);
  const retry = await submitBid(stack.base, tender.id, people.d, jwe, 'retry-d');
  assert.equal(retry.status, 200);
  assert.equal(retry.body.receipt, first.body.receipt);
  const mine = await call(stack.base, 'GET', `/api/tenders/${tender.id}/bids/mine`, { token: people.d.token });
  assert.equal(mine.body.versions.length, 1, 'one bid, not two');
  const otherJwe = await sealBid(tender, people.d, 2);
  const reused = await submitBid(stack.base, tender.id, people.d, otherJwe, 'retry-d');
  assert.equal(reused.status, 422);
  assert.match(reused.body.type, /idempotency-key-reused/);
  const withdrawn = await call(stack.base, 'DELETE', `/api/tenders/${tender.id}/bids/mine`, {
    token: people.d.token,
    headers: { 'idempotency-key': 'withdraw-d' },
  });
  assert.equal(withdrawn.status, 201);
  assert.equal(withdrawn.body.action, 'withdrawn');
});

test('envelopes with wrong bindings are refused at submission', async () => {
  const cases = [
    [{ header: { kid: 'another-key' } }, /"kid"/],
    [{ header: { gp_bidder: people.b.id } }, /"gp_bidder"/],
    [{ header: { gp_tender: 'T-2026-999999' } }, /"gp_tender"/],
    [{ header: { cty: 'application/json' } }, /"cty"/],
  ];
  for (const [options, detail] of cases) {
    const jwe = await sealBid(tender, people.c, 1, options);
    const r = await submitBid(stack.base, tender.id, people.c, jwe, `bad-${Math.random()}`);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.match(r.body.detail, detail);
  }
  const notJwe = await submitBid(stack.base, tender.id, people.c, 'not.a.jwe', 'bad-form');
  assert.equal(notJwe.status, 422);
  const json = await call(stack.base, 'POST', `/api/tenders/${tender.id}/bids`, {
    token: people.c.token,
    body: { price: 1 },
    headers: { 'idempotency-key': 'json' },
  });
  assert.equal(json.status, 415);
  const noKey = await call(stack.base, 'POST', `/api/tenders/${tender.id}/bids`, {
    token: people.c.token,
    body: await sealBid(tender, people.c, 1),
    headers: { 'content-type': 'application/jose' },
  });
  assert.equal(noKey.status, 422);
  assert.equal(noKey.body.errors[0].field, 'Idempotency-Key');
});

test('before the opening nobody learns anything about the bids, not even their number', async () => {
  // Enterprise C bids with an envelope that its header binds correctly but that was encrypted to
  // another key: the server cannot tell before the opening, and must not try.
  const stranger = await jose.generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  const strangerJwk = { ...(await jose.exportJWK(stranger.publicKey)), kid: tender.opening_key.kid };
  const bad = await sealBid(tender, people.c, 85_000_000, { recipientJwk: strangerJwk });
  const accepted = await submitBid(stack.base, tender.id, people.c, bad, 'c-undecryptable');
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));

  const tokens = [null, people.official.token, people.supervisor.token, people.officer1.token, people.expert.token];
  for (const token of tokens) {
    const record = await call(stack.base, 'GET', `/api/tenders/${tender.id}/opening`, { token });
    assert.equal(record.status, 404);
    const detail = await call(stack.base, 'GET', `/api/tenders/${tender.id}`, { token });
    const text = JSON.stringify(detail.body);
    assert.doesNotMatch(text, /bid_count|bids|E-0000/);
    const mine = await call(stack.base, 'GET', `/api/tenders/${tender.id}/bids/mine`, { token });
    assert.equal(mine.status, token ? 403 : 401);
  }
  // Another enterprise sees only its own versions.
  const mine = await call(stack.base, 'GET', `/api/tenders/${tender.id}/bids/mine`, { token: people.a.token });
  assert.equal(mine.body.versions.length, 1);
  assert.equal(mine.body.versions[0].receipt, receipts.a.receipt);
  // Shares cannot be handed in early.
  const early = await call(stack.base, 'POST', `/api/tenders/${tender.id}/opening/shares`, {
    token: people.officer1.token,
    body: { share: `gp-share-v1.${tender.id}.1.${'A'.repeat(43)}` },
  });
  assert.equal(early.status, 409);
  assert.match(early.body.type, /opening-not-due/);
  // A dump of the database holds no plaintext price.
  const dump = execFileSync('pg_dump', ['--schema', stack.schema.name, '--data-only', dumpTarget()], {
    encoding: 'utf8',
  });
  assert.match(dump, /eyJ/, 'the dump has the envelopes');
  for (const price of ['88000000', '90500000', '85000000', '70000000']) assert.equal(dump.includes(price), false, price);
  assert.equal(dump.includes('"price_fen"'), false, 'no decrypted bid JSON');
});

test('replace and withdraw until the deadline; the last version counts', async () => {
  const jwe = await sealBid(tender, people.a, 86_000_000);
  const replaced = await submitBid(stack.base, tender.id, people.a, jwe, 'replace-a');
  assert.equal(replaced.status, 201);
  assert.equal(replaced.body.action, 'replaced');
  const withdrawn = await call(stack.base, 'DELETE', `/api/tenders/${tender.id}/bids/mine`, {
    token: people.e.token,
    headers: { 'idempotency-key': 'withdraw-e' },
  });
  assert.equal(withdrawn.status, 201);
  const none = await call(stack.base, 'DELETE', `/api/tenders/${tender.id}/bids/mine`, {
    token: people.e.token,
    headers: { 'idempotency-key': 'withdraw-e-again' },
  });
  assert.equal(none.status, 404);
  const versions = await call(stack.base, 'GET', `/api/tenders/${tender.id}/bids/mine`, { token: people.a.token });
  assert.deepEqual(
    versions.body.versions.map((v) => v.action),
    ['submitted', 'replaced'],
  );
});

test('the deadline is judged to the microsecond by the server clock', async () => {
  const deadline = tender.bid_deadline;
  const justBefore = instantPlusMicros(deadline, -1);
  await pinClock(stack.base, justBefore);
  await signInAgain(stack, Object.values(people));
  const onTimeJwe = await sealBid(tender, people.b, 89_900_000);
  const onTime = await submitBid(stack.base, tender.id, people.b, onTimeJwe, 'b-late-ok');
  assert.equal(onTime.status, 201, JSON.stringify(onTime.body));
  assert.equal(onTime.body.received_at, justBefore);
  await pinClock(stack.base, instantPlusMicros(deadline, 1));
  const late = await submitBid(stack.base, tender.id, people.e, await sealBid(tender, people.e, 60_000_000), 'e-late');
  assert.equal(late.status, 409);
  assert.match(late.body.type, /bid-deadline-passed/);
  // A retry of a bid accepted in time still gets its receipt after the deadline.
  const retry = await submitBid(stack.base, tender.id, people.b, onTimeJwe, 'b-late-ok');
  assert.equal(retry.status, 200);
  assert.equal(retry.body.receipt, onTime.body.receipt);
});

async function decryptedShare(officer) {
  const sealed = await call(stack.base, 'GET', `/api/tenders/${tender.id}/sealed-share`, { token: officer.token });
  assert.equal(sealed.status, 200, JSON.stringify(sealed.body));
  if (officer.keyFile) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gp-share-'));
    const file = path.join(dir, 'sealed.jwe');
    writeFileSync(file, sealed.body.sealed_share);
    const opened = runCli(['share', 'open', '--key', officer.keyFile, file]);
    assert.equal(opened.status, 0, opened.stderr);
    return opened.stdout.trim();
  }
  const { plaintext } = await jose.compactDecrypt(sealed.body.sealed_share, officer.privateKey);
  return new TextDecoder().decode(plaintext);
}

test('k of n officers open; k-1 open nothing; wrong and repeated shares are refused', async () => {
  const outsider = await call(stack.base, 'GET', `/api/tenders/${tender.id}/sealed-share`, {
    token: people.supervisor.token,
  });
  assert.equal(outsider.status, 403);
  const share1 = await decryptedShare(people.officer1);
  const share2 = await decryptedShare(people.officer2);
  assert.match(share1, new RegExp(`^gp-share-v1\\.${tender.id}\\.1\\.[A-Za-z0-9_-]{43}$`));

  const wrong = await call(stack.base, 'POST', `/api/tenders/${tender.id}/opening/shares`, {
    token: people.officer1.token,
    body: { share: share1.slice(0, -2) + (share1.endsWith('AA') ? 'BA' : 'AA') },
  });
  assert.equal(wrong.status, 422);
  assert.match(wrong.body.type, /share-invalid/);
  const others = await call(stack.base, 'POST', `/api/tenders/${tender.id}/opening/shares`, {
    token: people.officer1.token,
    body: { share: share2 },
  });
  assert.equal(others.status, 422, "another officer's share");

  const first = await call(stack.base, 'POST', `/api/tenders/${tender.id}/opening/shares`, {
    token: people.officer1.token,
    body: { share: share1 },
  });
  assert.equal(first.status, 202, JSON.stringify(first.body));
  assert.deepEqual(first.body, { shares_received: 1, threshold: 2, opened: false });
  const again = await call(stack.base, 'POST', `/api/tenders/${tender.id}/opening/shares`, {
    token: people.officer1.token,
    body: { share: share1 },
  });
  assert.equal(again.status, 409);
  assert.match(again.body.type, /share-duplicate/);
  assert.equal((await call(stack.base, 'GET', `/api/tenders/${tender.id}/opening`)).status, 404, 'k-1 shares open nothing');

  const second = await call(stack.base, 'POST', `/api/tenders/${tender.id}/opening/shares`, {
    token: people.officer2.token,
    body: { share: share2 },
  });
  assert.equal(second.status, 201, JSON.stringify(second.body));
  assert.equal(second.body.opened, true);

  const record = await call(stack.base, 'GET', `/api/tenders/${tender.id}/opening`);
  assert.equal(record.status, 200);
  const byBidder = Object.fromEntries(record.body.bids.map((b) => [b.bidder_id, b]));
  assert.deepEqual(Object.keys(byBidder).sort(), [people.a.id, people.b.id, people.c.id].sort());
  assert.equal(byBidder[people.a.id].price_fen, 86_000_000, 'the replacement counts');
  assert.equal(byBidder[people.a.id].status, 'opened');
  assert.equal(byBidder[people.b.id].price_fen, 89_900_000);
  assert.equal(byBidder[people.b.id].bidder_name, '深圳乙信息有限公司');
  assert.equal(byBidder[people.c.id].status, 'undecryptable');
  assert.equal(byBidder[people.c.id].price_fen, null);
  assert.match(byBidder[people.c.id].reason, /does not decrypt/);
  const state = await call(stack.base, 'GET', `/api/tenders/${tender.id}`);
  assert.equal(state.body.state, 'opening');
  // The handed-in shares are gone with the key.
  assert.equal(stack.schema.sql('SELECT count(*) FROM opening_share_submissions').trim(), '0');

  const late = await call(stack.base, 'POST', `/api/tenders/${tender.id}/opening/shares`, {
    token: people.officer1.token,
    body: { share: share1 },
  });
  assert.equal(late.status, 409, 'nothing to open twice');
});

test('bidders confirm the record or object on the spot', async () => {
  const objection = await call(stack.base, 'POST', `/api/tenders/${tender.id}/opening/responses`, {
    token: people.c.token,
    body: { kind: 'objection', text: '我方投标文件在提交时完好，请核查解密失败原因。' },
  });
  assert.equal(objection.status, 204);
  const confirm = await call(stack.base, 'POST', `/api/tenders/${tender.id}/opening/responses`, {
    token: people.a.token,
    body: { kind: 'confirmed' },
  });
  assert.equal(confirm.status, 204);
  const outsider = await call(stack.base, 'POST', `/api/tenders/${tender.id}/opening/responses`, {
    token: people.e.token,
    body: { kind: 'confirmed' },
  });
  assert.equal(outsider.status, 403, 'a bidder that withdrew is not in the record');
  const entries = stack.schema.sql("SELECT entry FROM audit_log WHERE entry LIKE '%opening.objection%'");
  assert.match(entries, /请核查解密失败原因/);
});

test('a tender with fewer than three bids fails at the deadline instead of opening', async () => {
  await pinClock(stack.base, NOW);
  await signInAgain(stack, Object.values(people));
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, [people.officer1, people.officer2], { title: 'Two bidders only' }),
  });
  const published = await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, {
    token: people.official.token,
  });
  assert.equal(published.status, 200);
  const thin = published.body;
  for (const who of ['a', 'b']) {
    const r = await submitBid(stack.base, thin.id, people[who], await sealBid(thin, people[who], 50_000_000), `thin-${who}`);
    assert.equal(r.status, 201);
  }
  await pinClock(stack.base, instantPlusMicros(thin.bid_deadline, 1));
  await signInAgain(stack, [people.officer1]);
  let state;
  for (let i = 0; i < 50; i++) {
    state = await call(stack.base, 'GET', `/api/tenders/${thin.id}`);
    if (state.body.state !== 'published') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(state.body.state, 'failed');
  assert.match(state.body.state_reason, /Fewer than 3 bids/);
  const share = await call(stack.base, 'POST', `/api/tenders/${thin.id}/opening/shares`, {
    token: people.officer1.token,
    body: { share: `gp-share-v1.${thin.id}.1.${'A'.repeat(43)}` },
  });
  assert.equal(share.status, 409);
});

// pg_dump's target: the test database URL without our search_path option.
function dumpTarget() {
  return process.env.GONGPING_TEST_DATABASE_URL;
}
