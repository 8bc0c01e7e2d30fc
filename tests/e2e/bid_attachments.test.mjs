// Encrypted bid attachments stream to the platform, hashed as they arrive; at the opening each
// listed attachment must have been uploaded whole before the deadline and must decrypt with the key
// inside the sealed bid. Tender documents are uploaded to drafts the same way. Real server and
// PostgreSQL; attachments sealed both with WebCrypto (as the browser will) and with `gongping seal`.
import assert from 'node:assert/strict';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { runCli, startStack } from './harness.mjs';
import {
  call,
  draftTerms,
  enterprise,
  handInShare,
  instantPlusMicros,
  officerWithJsKey,
  pinClock,
  sealBid,
  signInAgain,
  staff,
  submitBid,
} from './tendering.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
const LIMIT = 4 * 1024 * 1024;
let stack;
const people = {};
let tender;
const dir = mkdtempSync(path.join(os.tmpdir(), 'gp-attach-'));

function sha256hex(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

// AES-256-GCM with a fresh key and IV; WebCrypto returns ciphertext || tag, the spec's object form.
async function encryptAttachment(plain) {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cryptoKey = await webcrypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  const object = Buffer.from(await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv }, cryptoKey, plain));
  return { object, key: key.toString('base64url'), iv: iv.toString('base64url'), sha256: sha256hex(object) };
}

function upload(person, route, name, body, headers = {}) {
  return call(stack.base, 'POST', `${route}?name=${encodeURIComponent(name)}`, {
    token: person.token,
    body,
    headers: { 'content-type': 'application/octet-stream', ...headers },
  });
}

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true', 'uploads.max_bytes': String(LIMIT) } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'wu.official');
  people.officer1 = await officerWithJsKey(stack, 'zheng.officer');
  people.officer2 = await officerWithJsKey(stack, 'feng.officer', 'supervisor');
  people.a = await enterprise(stack, '91440101MA5G00001', '甲公司');
  people.b = await enterprise(stack, '91440101MA5G00002', '乙公司');
  people.c = await enterprise(stack, '91440101MA5G00003', '丙公司');
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, [people.officer1, people.officer2]),
  });
  assert.equal(draft.status, 201);
  tender = draft.body;
});
after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('an official attaches documents to the draft; they are public once published and frozen', async () => {
  const text = Buffer.from('招标文件正文 / tender document body\n'.repeat(1000));
  const up = await upload(people.official, `/api/tenders/${tender.id}/documents`, '招标文件.pdf', text, {
    'content-type': 'application/pdf',
  });
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body.sha256, sha256hex(text));
  assert.equal(up.body.bytes, text.length);
  assert.equal(up.body.name, '招标文件.pdf');
  assert.equal((await call(stack.base, 'GET', `/api/tenders/${tender.id}/documents`)).status, 404, 'draft hidden');
  const published = await call(stack.base, 'POST', `/api/tenders/${tender.id}/publish`, { token: people.official.token });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  tender = published.body;
  const docs = await call(stack.base, 'GET', `/api/tenders/${tender.id}/documents`);
  assert.deepEqual(
    docs.body.items.map((d) => [d.name, d.sha256]),
    [['招标文件.pdf', sha256hex(text)]],
  );
  const downloaded = await fetch(`${stack.base}/api/tenders/${tender.id}/documents/${sha256hex(text)}`);
  assert.equal(downloaded.status, 200);
  assert.equal(downloaded.headers.get('content-type'), 'application/pdf');
  assert.equal(downloaded.headers.get('content-disposition'), `attachment; filename*=UTF-8''${encodeURIComponent('招标文件.pdf')}`);
  assert.ok(Buffer.from(await downloaded.arrayBuffer()).equals(text), 'the bytes that were uploaded');
  assert.equal((await fetch(`${stack.base}/api/tenders/${tender.id}/documents/${'0'.repeat(64)}`)).status, 404);
  const late = await upload(people.official, `/api/tenders/${tender.id}/documents`, 'extra.pdf', text);
  assert.equal(late.status, 409);
});

test('uploads need a name, a session, and stay within the size limit', async () => {
  const anonymous = await call(stack.base, 'POST', `/api/tenders/${tender.id}/attachments?name=x`, {
    body: 'abc',
    headers: { 'content-type': 'application/octet-stream' },
  });
  assert.equal(anonymous.status, 401);
  const official = await upload(people.official, `/api/tenders/${tender.id}/attachments`, 'x', 'abc');
  assert.equal(official.status, 403);
  const unnamed = await call(stack.base, 'POST', `/api/tenders/${tender.id}/attachments`, {
    token: people.a.token,
    body: 'abc',
    headers: { 'content-type': 'application/octet-stream' },
  });
  assert.equal(unnamed.status, 422);
  const big = await upload(people.a, `/api/tenders/${tender.id}/attachments`, 'big.bin', randomBytes(LIMIT + 1));
  assert.equal(big.status, 413);
  const mine = await call(stack.base, 'GET', `/api/tenders/${tender.id}/attachments/mine`, { token: people.a.token });
  assert.deepEqual(mine.body.items, [], 'nothing of the refused upload is kept');
});

test('attachments sealed in JavaScript and with the CLI are opened and checked', async () => {
  // A: WebCrypto-encrypted 3 MiB proposal, streamed in several chunks.
  const proposal = randomBytes(3 * 1024 * 1024);
  const enc = await encryptAttachment(proposal);
  const upA = await upload(people.a, `/api/tenders/${tender.id}/attachments`, 'technical-proposal.pdf', enc.object);
  assert.equal(upA.status, 201, JSON.stringify(upA.body));
  assert.equal(upA.body.sha256, enc.sha256);
  const bidA = await sealBid(tender, people.a, 88_000_000, {
    content: { attachments: [{ name: 'technical-proposal.pdf', bytes: proposal.length, key: enc.key, iv: enc.iv, sha256: enc.sha256 }] },
  });
  assert.equal((await submitBid(stack.base, tender.id, people.a, bidA, 'a-1')).status, 201);

  // B: sealed entirely by `gongping seal`, attachment included.
  const keyFile = path.join(dir, 'tender.jwk');
  writeFileSync(keyFile, JSON.stringify(tender.opening_key));
  const plainFile = path.join(dir, 'priced-bill.xlsx');
  writeFileSync(plainFile, randomBytes(200_000));
  const sealed = runCli([
    'seal', '--tender-key', keyFile, '--tender', tender.id, '--bidder', people.b.id, '--price', '90500000',
    '--size', 'medium', '--attach', plainFile, '--attach-out', dir,
  ]);
  assert.equal(sealed.status, 0, sealed.stderr);
  const encB = readFileSync(path.join(dir, 'priced-bill.xlsx.enc'));
  const upB = await upload(people.b, `/api/tenders/${tender.id}/attachments`, 'priced-bill.xlsx', encB);
  assert.equal(upB.status, 201);
  assert.equal((await submitBid(stack.base, tender.id, people.b, sealed.stdout.trim(), 'b-1')).status, 201);

  // C: uploads its attachment but seals the wrong key into the bid: the opening must say so.
  const encC = await encryptAttachment(randomBytes(10_000));
  assert.equal((await upload(people.c, `/api/tenders/${tender.id}/attachments`, 'qualification.pdf', encC.object)).status, 201);
  const wrongKey = randomBytes(32).toString('base64url');
  const bidC = await sealBid(tender, people.c, 85_000_000, {
    content: { attachments: [{ name: 'qualification.pdf', bytes: 10_000, key: wrongKey, iv: encC.iv, sha256: encC.sha256 }] },
  });
  assert.equal((await submitBid(stack.base, tender.id, people.c, bidC, 'c-1')).status, 201);

  // Each bidder sees only its own uploads.
  const mineA = await call(stack.base, 'GET', `/api/tenders/${tender.id}/attachments/mine`, { token: people.a.token });
  assert.deepEqual(mineA.body.items.map((i) => i.sha256), [enc.sha256]);
});

test('an upload still streaming at the deadline does not count', async () => {
  const object = (await encryptAttachment(randomBytes(600_000))).object;
  let release;
  const gate = new Promise((r) => (release = r));
  const body = new ReadableStream({
    async start(controller) {
      controller.enqueue(object.subarray(0, 300_000));
      await gate;
      controller.enqueue(object.subarray(300_000));
      controller.close();
    },
  });
  const pending = fetch(`${stack.base}/api/tenders/${tender.id}/attachments?name=late.pdf`, {
    method: 'POST',
    headers: { authorization: `Bearer ${people.a.token}`, 'content-type': 'application/octet-stream' },
    body,
    duplex: 'half',
  });
  await new Promise((r) => setTimeout(r, 200));
  await pinClock(stack.base, instantPlusMicros(tender.bid_deadline, 1));
  release();
  const res = await pending;
  const problem = await res.json();
  assert.equal(res.status, 409, JSON.stringify(problem));
  assert.match(problem.detail, /does not count/);
});

test('the opening checks every attachment: present, same hash, decrypts', async () => {
  await signInAgain(stack, [people.officer1, people.officer2, people.a]);
  for (const officer of [people.officer1, people.officer2]) {
    const r = await handInShare(stack.base, tender.id, officer);
    assert.ok([201, 202].includes(r.status), JSON.stringify(r.body));
  }
  const record = await call(stack.base, 'GET', `/api/tenders/${tender.id}/opening`);
  assert.equal(record.status, 200);
  const by = Object.fromEntries(record.body.bids.map((b) => [b.bidder_id, b]));
  assert.equal(by[people.a.id].status, 'opened');
  assert.equal(by[people.a.id].price_fen, 88_000_000);
  assert.equal(by[people.b.id].status, 'opened', JSON.stringify(by[people.b.id]));
  assert.equal(by[people.b.id].price_fen, 90_500_000);
  assert.equal(by[people.b.id].size, 'medium');
  assert.equal(by[people.c.id].status, 'undecryptable');
  assert.match(by[people.c.id].reason, /qualification\.pdf.*does not decrypt/);
});
