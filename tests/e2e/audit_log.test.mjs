// The verifiable audit log (specs/audit-log.md) with the real server and PostgreSQL: signed
// checkpoints checked here with Node's own Ed25519 against the JWKS key, a bidder proving its
// receipt's entry, consistency between checkpoints, entries withheld while bidding is open, the
// server's role refused any change, and `gongping audit verify` finding tampering by the superuser
// (a changed, a deleted and a reordered row) at the right index.
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { after, before, test } from 'node:test';

import { runCli, startStack } from './harness.mjs';
import { call, draftTerms, enterprise, jose, officerWithJsKey, pinClock, sealBid, staff, submitBid } from './tendering.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
let stack;
const people = {};
const state = {};

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (entry) => sha256(Buffer.from([0]), Buffer.from(entry));
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);

// RFC 9162 2.1.3.2, written again from the RFC.
function rootFromInclusion(index, treeSize, leaf, proof) {
  let fn = BigInt(index);
  let sn = BigInt(treeSize - 1);
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : null;
}

// RFC 9162 2.1.4.2, written again from the RFC: whether `proof` shows the first tree is a prefix of
// the second.
function consistent(first, second, firstRoot, secondRoot, proof) {
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && fr.equals(firstRoot) && sr.equals(secondRoot);
}

// Opens a C2SP signed note with the platform key: the checkpoint, or a thrown error.
function openCheckpoint(note, publicKey) {
  const [body, signatures] = note.split('\n\n');
  const lines = body.split('\n');
  const origin = lines[0];
  const sigLine = signatures.split('\n').find((l) => l.startsWith(`— ${origin} `));
  assert.ok(sigLine, 'a signature by the log itself');
  const blob = Buffer.from(sigLine.slice(`— ${origin} `.length), 'base64');
  const raw = publicKey.export({ format: 'jwk' });
  const keyBytes = Buffer.from(raw.x, 'base64url');
  const keyId = sha256(Buffer.from(`${origin}\n`), Buffer.from([1]), keyBytes).subarray(0, 4);
  assert.deepEqual(blob.subarray(0, 4), keyId, 'key ID = SHA-256(name || 0x0A || 0x01 || key)[:4]');
  assert.ok(verify(null, Buffer.from(`${body}\n`), publicKey, blob.subarray(4)), 'the signature verifies');
  assert.match(lines[3], /^time \d{4}-\d\d-\d\dT/);
  return { origin, size: Number(lines[1]), root: Buffer.from(lines[2], 'base64') };
}

async function checkpointCovering(size) {
  for (let i = 0; i < 100; i++) {
    const r = await fetch(`${stack.base}/api/audit/checkpoint`);
    if (r.status === 200) {
      const note = await r.text();
      const c = openCheckpoint(note, state.publicKey);
      if (c.size >= size) return c;
    }
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`no checkpoint covers ${size} entries`);
}

const verifyLog = () => runCli(['audit', 'verify', '--set', `platform.signing_key_file=${stack.keyFile}`], {
  dbUrl: stack.schema.url,
});

before(async () => {
  stack = await startStack({
    withEngine: false,
    settings: { 'testing.clock_control': 'true', 'audit.checkpoint_interval_ms': '100' },
  });
  await pinClock(stack.base, NOW);
  people.supervisor = await staff(stack, 'supervisor', 'lin.supervisor');
  people.official = await staff(stack, 'official', 'mo.official');
  people.officer1 = await officerWithJsKey(stack, 'tang.officer');
  people.officer2 = await officerWithJsKey(stack, 'wei.officer');
  people.bidder = await enterprise(stack, '91440101MA5G00001', '审计测试一号公司');
  people.other = await enterprise(stack, '91440101MA5G00002', '审计测试二号公司');
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, [people.officer1, people.officer2]),
  });
  state.tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).body;
  const jwks = (await call(stack.base, 'GET', '/.well-known/jwks.json')).body;
  state.publicKey = createPublicKey({ key: jwks.keys[0], format: 'jwk' });
  state.jwks = jose.createLocalJWKSet(jwks);
});

after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('a bidder proves its receipt is in the log against a checkpoint signed with the platform key', async () => {
  const jwe = await sealBid(state.tender, people.bidder, 80_000_000);
  const bid = await submitBid(stack.base, state.tender.id, people.bidder, jwe, 'audit-1');
  assert.equal(bid.status, 201, JSON.stringify(bid.body));
  const { payload } = await jose.compactVerify(bid.body.receipt, state.jwks);
  const receipt = JSON.parse(new TextDecoder().decode(payload));
  const checkpoint = await checkpointCovering(receipt.audit_index + 1);

  const route = `/api/audit/proof/inclusion?index=${receipt.audit_index}&tree_size=${checkpoint.size}`;
  const proof = await call(stack.base, 'GET', route, { token: people.bidder.token });
  assert.equal(proof.status, 200, JSON.stringify(proof.body));
  const entry = JSON.parse(proof.body.entry);
  assert.equal(entry.index, receipt.audit_index);
  assert.equal(entry.action, 'bid.submitted');
  assert.equal(entry.data.envelope_sha256, receipt.envelope_sha256, 'the entry is the receipt’s bid');
  const root = rootFromInclusion(receipt.audit_index, checkpoint.size, leafHash(proof.body.entry),
    proof.body.hashes.map((h) => Buffer.from(h, 'base64')));
  assert.deepEqual(root, checkpoint.root, 'the audit path leads to the signed root');

  assert.equal((await call(stack.base, 'GET', route, { token: people.other.token })).status, 404, 'not another bidder’s entry');
  assert.equal((await call(stack.base, 'GET', route)).status, 401);
  assert.equal((await call(stack.base, 'GET', route, { token: people.official.token })).status, 403);
  const beyond = await call(stack.base, 'GET', `/api/audit/proof/inclusion?index=0&tree_size=99999`, {
    token: people.supervisor.token,
  });
  assert.equal(beyond.status, 422);
  state.firstCheckpoint = checkpoint;
});

test('later checkpoints are consistent with earlier ones; open bids stay withheld from the entries', async () => {
  await submitBid(stack.base, state.tender.id, people.other, await sealBid(state.tender, people.other, 82_000_000), 'audit-2');
  const first = state.firstCheckpoint;
  const later = await checkpointCovering(first.size + 1);
  const r = await call(stack.base, 'GET', `/api/audit/proof/consistency?first=${first.size}&second=${later.size}`);
  assert.equal(r.status, 200);
  const hashes = r.body.hashes.map((h) => Buffer.from(h, 'base64'));
  assert.ok(consistent(first.size, later.size, first.root, later.root, hashes), 'the later log extends the earlier one');
  assert.ok(!consistent(first.size, later.size, sha256(Buffer.from('forged')), later.root, hashes));
  const beyond = await call(stack.base, 'GET', `/api/audit/proof/consistency?first=1&second=${later.size + 100000}`);
  assert.equal(beyond.status, 422, 'a size beyond the log is refused at once');

  // A supervisor reads every entry, bytes as hashed; the open tender's bids only as leaf hashes.
  const entries = await fetch(`${stack.base}/api/audit/entries?start=0&end=${later.size}`, {
    headers: { authorization: `Bearer ${people.supervisor.token}` },
  });
  assert.equal(entries.status, 200);
  assert.equal(entries.headers.get('content-type'), 'application/x-ndjson');
  const lines = (await entries.text()).trimEnd().split('\n');
  assert.equal(lines.length, later.size);
  const leaves = lines.map((line) => {
    const e = JSON.parse(line);
    return e.withheld ? Buffer.from(e.leaf_hash, 'base64') : leafHash(line);
  });
  const withheld = lines.map((l) => JSON.parse(l)).filter((e) => e.withheld);
  assert.equal(withheld.length, 2, 'both bids are withheld while bidding is open');
  assert.ok(!lines.some((l) => l.includes('"bid.submitted"')));
  // The tree of what the supervisor read is the signed one.
  const mth = (ls) => {
    if (ls.length === 1) return ls[0];
    let k = 1;
    while (k * 2 < ls.length) k *= 2;
    return nodeHash(mth(ls.slice(0, k)), mth(ls.slice(k)));
  };
  assert.deepEqual(mth(leaves), later.root);
  assert.equal((await call(stack.base, 'GET', '/api/audit/entries?start=0&end=2000', { token: people.supervisor.token })).status, 422);
  assert.equal((await call(stack.base, 'GET', '/api/audit/entries?start=0&end=1', { token: people.bidder.token })).status, 403);
});

test('the server’s database role may add to the log but never change it', async () => {
  assert.throws(() => stack.schema.sql('UPDATE audit_log SET entry = entry WHERE idx = 0'), /permission denied/);
  assert.throws(() => stack.schema.sql('DELETE FROM audit_log WHERE idx = 0'), /permission denied/);
  assert.throws(() => stack.schema.sql('DELETE FROM audit_checkpoints'), /permission denied/);
  // Even the superuser is stopped by the trigger unless it turns triggers off.
  assert.throws(() => stack.schema.superuserSql('DELETE FROM audit_log WHERE idx = 0'), /append-only/);
});

test('audit verify passes on the untouched log and finds each kind of tampering at its index', async () => {
  const size = (await checkpointCovering(state.firstCheckpoint.size + 1)).size;
  const ok = verifyLog();
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^verified \d+ entries against \d+ checkpoints; root /);

  const asSuperuser = (sql) => stack.schema.superuserSql(`SET session_replication_role = replica; ${sql}`);
  const target = 3;
  const original = stack.schema.sql(`SELECT entry FROM audit_log WHERE idx = ${target}`);

  // A changed entry.
  asSuperuser(`UPDATE audit_log SET entry = replace(entry, '"at":"', '"at":"1') WHERE idx = ${target}`);
  let r = verifyLog();
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`entry ${target} does not hash to its stored leaf hash`));

  // The same change with its leaf hash recomputed: the checkpoints catch it.
  asSuperuser(`UPDATE audit_log SET leaf_hash = sha256('\\x00'::bytea || convert_to(entry, 'UTF8')) WHERE idx = ${target}`);
  r = verifyLog();
  assert.equal(r.status, 1);
  assert.match(r.stdout, /do not match their checkpoint: an entry from \d+ to \d+ was changed/);
  const [, from, to] = r.stdout.match(/from (\d+) to (\d+)/).map(Number);
  assert.ok(from <= target && target <= to, r.stdout);
  asSuperuser(`UPDATE audit_log SET entry = $e$${original}$e$, leaf_hash = sha256('\\x00'::bytea || convert_to($e$${original}$e$, 'UTF8')) WHERE idx = ${target}`);
  assert.equal(verifyLog().status, 0, 'restored');

  // Two rows swapped.
  asSuperuser(`UPDATE audit_log SET idx = 999999999 WHERE idx = 4; UPDATE audit_log SET idx = 4 WHERE idx = 5; UPDATE audit_log SET idx = 5 WHERE idx = 999999999`);
  r = verifyLog();
  assert.equal(r.status, 1);
  assert.match(r.stdout, /entry 4 says it is entry 5: entries were deleted or reordered/);
  asSuperuser(`UPDATE audit_log SET idx = 999999999 WHERE idx = 4; UPDATE audit_log SET idx = 4 WHERE idx = 5; UPDATE audit_log SET idx = 5 WHERE idx = 999999999`);
  assert.equal(verifyLog().status, 0, 'restored');

  // A row deleted.
  asSuperuser(`DELETE FROM audit_log WHERE idx = ${target}`);
  r = verifyLog();
  assert.equal(r.status, 1);
  assert.match(r.stdout, new RegExp(`entry ${target} is missing`));
  assert.ok(size > target);
});
