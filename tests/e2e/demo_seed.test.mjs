// `gongping demo-seed` on a fresh database: the demo accounts, tender, filing demo and auctions
// appear, a second run changes nothing, the demo reviewer finds the demo application with its
// duplicate match, and a demo enterprise bids in the demo land auction once it starts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { runCli, startStack } from './harness.mjs';
import { call, instantPlusMicros, pinClock } from './tendering.mjs';

let stack;
let keysDir;

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  keysDir = mkdtempSync(path.join(os.tmpdir(), 'gp-demo-keys-'));
});

after(async () => {
  rmSync(keysDir, { recursive: true, force: true });
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('demo-seed loads the demo once and is idempotent', async () => {
  const first = runCli(['demo-seed', '--keys-dir', keysDir], { dbUrl: stack.schema.url });
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /application A-\d{6} submitted for review/);
  const countAudit = () => Number(stack.schema.sql('SELECT count(*) FROM audit_log'));
  const entries = countAudit();
  const second = runCli(['demo-seed', '--keys-dir', keysDir], { dbUrl: stack.schema.url });
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /demo registry: already there/);
  assert.equal(countAudit(), entries, 'the second run wrote nothing');

  const session = await call(stack.base, 'POST', '/api/session', {
    body: { login: 'reviewer', password: 'demo-reviewer-2026' },
  });
  assert.equal(session.status, 201, JSON.stringify(session.body));
  const token = session.body.token;
  const list = await call(stack.base, 'GET', '/api/applications?state=submitted', { token });
  assert.equal(list.body.total, 1);
  const id = list.body.items[0].id;
  assert.equal(list.body.items[0].department, '广东省教育厅');
  for (const s of ['start_check', 'pass_completeness']) {
    const r = await call(stack.base, 'POST', `/api/applications/${id}/steps`, { token, body: { step: s } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const checks = await call(stack.base, 'GET', `/api/applications/${id}/checks`, { token });
  assert.ok(
    checks.body.matches.some((m) => m.name === '广东省中小学生学籍管理系统' && m.needs_resolution),
    JSON.stringify(checks.body.matches),
  );
  assert.deepEqual(checks.body.findings.filter((f) => f.severity === 'blocking'), []);

  const official = (await call(stack.base, 'POST', '/api/session', { body: { login: 'official', password: 'demo-official-2026' } })).body;
  const auctions = (await call(stack.base, 'GET', '/api/auctions')).body.items;
  assert.deepEqual(auctions.map((a) => [a.kind, a.state]).sort(), [['english', 'scheduled'], ['reverse', 'scheduled']]);
  for (const a of auctions) {
    const startsIn = Date.parse(a.starts_at) - Date.now();
    assert.ok(startsIn > 0 && startsIn <= 11 * 60_000, `${a.id} starts soon: ${a.starts_at}`);
  }
  const land = (await call(stack.base, 'GET', `/api/auctions/${auctions.find((a) => a.kind === 'english').id}`, { token: official.token })).body;
  assert.equal(land.registrations.length, 3);
  assert.ok(land.registrations.every((r) => r.confirmed_at), 'the demo enterprises may bid from the start');
  const reverse = (await call(stack.base, 'GET', `/api/auctions/${auctions.find((a) => a.kind === 'reverse').id}`, { token: official.token })).body;
  assert.equal(reverse.terms.bidders.length, 3);

  // The keeper opens the demo auctions in the engine; from the start a demo enterprise bids.
  const login = /^(\S+)\s+enterprise\s/m.exec(first.stdout)[1];
  const bidder = (await call(stack.base, 'POST', '/api/session', { body: { login, password: 'demo-enterprise-2026' } })).body;
  await pinClock(stack.base, instantPlusMicros(land.starts_at, 1_000_000));
  let bid;
  for (let i = 0; i < 50 && bid?.status !== 201; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));  // until the keeper has opened it
    bid = await call(stack.base, 'POST', `/api/auctions/${land.id}/bids`, {
      token: bidder.token, body: { price_fen: land.terms.starting_price_fen }, headers: { 'idempotency-key': 'demo-1' },
    });
  }
  assert.equal(bid.status, 201, JSON.stringify(bid.body));
});
