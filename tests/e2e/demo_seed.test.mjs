// `gongping demo-seed` on a fresh database: the demo accounts, tender and filing demo appear, a second
// run changes nothing, and the demo reviewer finds the demo application with its duplicate match.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { runCli, startStack } from './harness.mjs';
import { call } from './tendering.mjs';

let stack;
let keysDir;

before(async () => {
  stack = await startStack({ withEngine: false });
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
});
