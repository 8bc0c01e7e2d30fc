// Accounts as people use them: an enterprise registers and signs in, an admin creates staff, the
// browser keeps an HttpOnly cookie, API clients use bearer tokens, failures are throttled, and
// every route answers 401 / 403 to those who may not call it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { binaries, json, post, runCli, startStack } from './harness.mjs';

const ROLES = ['enterprise', 'official', 'expert', 'supervisor', 'department', 'reviewer', 'admin'];
const ENTERPRISE = {
  name: '深圳市示例科技有限公司',
  uscc: '91440300708461136T',
  contact_name: '张伟',
  contact_phone: '+86 755 8888 0000',
  contact_email: 'bids@example.cn',
  password: 'enterprise-secret-1',
};

let stack;
const tokens = {};
// Who signs in as each role.
const credentials = {
  admin: { login: 'root.admin', password: 'admin-password-123' },
  enterprise: { login: ENTERPRISE.uscc, password: ENTERPRISE.password },
};
for (const role of ROLES.filter((r) => !(r in credentials))) {
  credentials[role] = { login: `${role}.one`, password: `${role}-password-1` };
}

async function login(loginName, password) {
  const res = await post(stack.base, '/api/session', { login: loginName, password });
  return { res, body: await json(res) };
}

before(async () => {
  stack = await startStack({ settings: { 'auth.max_failures_per_login': '3', 'auth.max_failures_per_address': '50' } });
  // The first admin comes from the console, as an operator would do it.
  const made = runCli(['user', 'add', '--role', 'admin', '--login', 'root.admin', '--name', 'Operator', '--password-stdin'], {
    dbUrl: stack.schema.url,
    input: 'admin-password-123\n',
  });
  assert.equal(made.status, 0, made.stderr);
  const { res, body } = await login('root.admin', 'admin-password-123');
  assert.equal(res.status, 201);
  tokens.admin = body.token;
});
after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('an enterprise registers with a valid USCC and a typo is explained', async () => {
  const typo = await post(stack.base, '/api/enterprises', { ...ENTERPRISE, uscc: '91440300708461136X' });
  assert.equal(typo.status, 422);
  const problem = await json(typo);
  assert.equal(problem.errors[0].field, 'uscc');
  assert.match(problem.errors[0].detail, /should be T/);

  const ok = await post(stack.base, '/api/enterprises', ENTERPRISE);
  assert.equal(ok.status, 201);
  const body = await json(ok);
  assert.match(body.enterprise_id, /^E-\d{6}$/);
  assert.equal(ok.headers.get('location'), `/api/enterprises/${body.enterprise_id}`);

  const twice = await post(stack.base, '/api/enterprises', ENTERPRISE);
  assert.equal(twice.status, 409);
  assert.equal((await json(twice)).type, '/problems/uscc-taken');
});

test('signing in sets an HttpOnly SameSite=Strict cookie that the browser can use', async () => {
  const { res, body } = await login(ENTERPRISE.uscc, ENTERPRISE.password);
  assert.equal(res.status, 201);
  assert.equal(body.account.role, 'enterprise');
  assert.equal(body.token.length, 43);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /^gp_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  tokens.enterprise = body.token;

  const me = await fetch(`${stack.base}/api/session`, { headers: { cookie: cookie.split(';')[0] } });
  assert.equal(me.status, 200);
  assert.equal((await json(me)).account.display_name, ENTERPRISE.name);
});

test('signing out revokes the token', async () => {
  const { body } = await login(ENTERPRISE.uscc, ENTERPRISE.password);
  const auth = { authorization: `Bearer ${body.token}` };
  assert.equal((await fetch(`${stack.base}/api/session`, { headers: auth })).status, 200);
  const out = await fetch(`${stack.base}/api/session`, { method: 'DELETE', headers: auth });
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  const after = await fetch(`${stack.base}/api/session`, { headers: auth });
  assert.equal(after.status, 401);
  assert.equal(after.headers.get('www-authenticate'), 'Bearer realm="gongping"');
});

test('an admin creates staff of every role; others may not', async () => {
  for (const role of ROLES.filter((r) => r !== 'enterprise' && r !== 'admin')) {
    const res = await post(stack.base, '/api/admin/accounts', {
      login: `${role}.one`, role, display_name: `Staff ${role}`, password: `${role}-password-1`,
    }, { authorization: `Bearer ${tokens.admin}` });
    assert.equal(res.status, 201, `${role}: ${await res.clone().text()}`);
    assert.match((await json(res)).id, /^U-\d{6}$/);
    const { res: signedIn, body } = await login(`${role}.one`, `${role}-password-1`);
    assert.equal(signedIn.status, 201);
    tokens[role] = body.token;
  }
  const byOfficial = await post(stack.base, '/api/admin/accounts', {
    login: 'sneaky', role: 'admin', display_name: 'x', password: 'sneaky-password-1',
  }, { authorization: `Bearer ${tokens.official}` });
  assert.equal(byOfficial.status, 403);

  const listed = await json(await fetch(`${stack.base}/api/admin/accounts?limit=50`, { headers: { authorization: `Bearer ${tokens.admin}` } }));
  assert.deepEqual([...new Set(listed.items.map((a) => a.role))].sort(), [...ROLES].sort());
  const badLimit = await fetch(`${stack.base}/api/admin/accounts?limit=abc`, { headers: { authorization: `Bearer ${tokens.admin}` } });
  assert.equal(badLimit.status, 422);
});

test('every route answers 401 without a session and 403 to a role it does not list', async () => {
  const routes = JSON.parse(spawnSync(binaries.server, ['--print-routes'], { encoding: 'utf8' }).stdout);
  assert.equal(Object.keys(tokens).length, ROLES.length, 'a session for every role');
  for (const route of routes) {
    const target = stack.base + route.path.replace(/\{[^}]+\}/g, 'X-000001');
    const call = (headers = {}) => fetch(target, {
      method: route.method,
      headers: { 'content-type': 'application/json', ...headers },
      body: ['GET', 'HEAD', 'DELETE'].includes(route.method) ? undefined : '{}',
    });
    const anonymous = await call();
    if (route.roles === 'anyone') {
      assert.notEqual(anonymous.status, 401, `${route.method} ${route.path} is public`);
      assert.notEqual(anonymous.status, 403, `${route.method} ${route.path} is public`);
    } else {
      assert.equal(anonymous.status, 401, `${route.method} ${route.path} without a session`);
    }
    for (const role of ROLES) {
      // Signing out would end the session the next route needs: use a fresh one for DELETE.
      let token = tokens[role];
      if (route.method === 'DELETE' && route.path === '/api/session') {
        token = (await login(credentials[role].login, credentials[role].password)).body.token;
      }
      const res = await call({ authorization: `Bearer ${token}` });
      const allowed = route.roles === 'anyone' || route.roles.includes(role);
      if (allowed) {
        assert.ok(![401, 403].includes(res.status), `${role} may call ${route.method} ${route.path} (got ${res.status})`);
      } else {
        assert.equal(res.status, 403, `${role} may not call ${route.method} ${route.path}`);
        assert.equal((await json(res)).type, '/problems/forbidden');
      }
    }
  }
});

test('repeated wrong passwords are throttled with Retry-After', async () => {
  for (let i = 0; i < 3; i++) {
    const { res } = await login('expert.one', 'not-the-password');
    assert.equal(res.status, 401);
  }
  const { res, body } = await login('expert.one', 'expert-password-1');
  assert.equal(res.status, 429);
  assert.equal(body.type, '/problems/rate-limited');
  assert.ok(Number(res.headers.get('retry-after')) > 0);
});

test('the log has one line per request and never a password or a token', async () => {
  const lines = stack.server.output.split('\n').filter((l) => l.includes('"msg":"request"'));
  assert.ok(lines.length > 20);
  for (const line of lines) {
    const entry = JSON.parse(line);
    assert.match(entry.request_id, /^[0-9a-f]{24}$/);
  }
  const everything = stack.server.output;
  for (const secret of ['admin-password-123', ENTERPRISE.password, 'expert-password-1', ...Object.values(tokens)]) {
    assert.ok(!everything.includes(secret), 'a secret leaked into the log');
  }
});

test('an admin disables a departed official: the session ends at once, sign-in is refused, until enabled again', async () => {
  const admin = { authorization: `Bearer ${tokens.admin}` };
  const made = await post(stack.base, '/api/admin/accounts', {
    login: 'leaver.one', role: 'official', display_name: '调离人员', password: 'leaver-password-1',
  }, admin);
  const leaver = await json(made);
  const { body: session } = await login('leaver.one', 'leaver-password-1');
  const me = () => fetch(`${stack.base}/api/session`, { headers: { authorization: `Bearer ${session.token}` } });
  assert.equal((await me()).status, 200);

  const refused = [
    [`/api/admin/accounts/${leaver.id}/disable`, { reason: '工作调动' }, { authorization: `Bearer ${tokens.official}` }, 403],
    [`/api/admin/accounts/${leaver.id}/disable`, {}, admin, 422],
    [`/api/admin/accounts/${leaver.id}/disable`, { reason: '' }, admin, 422],
    ['/api/admin/accounts/U-999999/disable', { reason: '工作调动' }, admin, 404],
  ];
  for (const [route, body, headers, status] of refused) {
    const r = await post(stack.base, route, body, headers);
    assert.equal(r.status, status, `${route} ${JSON.stringify(body)}`);
  }
  const self = (await json(await fetch(`${stack.base}/api/session`, { headers: admin }))).account.id;
  assert.equal((await post(stack.base, `/api/admin/accounts/${self}/disable`, { reason: 'x' }, admin)).status, 422);
  assert.equal((await me()).status, 200, 'nothing refused changed anything');

  const disabled = await post(stack.base, `/api/admin/accounts/${leaver.id}/disable`, { reason: '工作调动' }, admin);
  assert.equal(disabled.status, 200);
  assert.deepEqual((({ id, disabled: d }) => ({ id, d }))(await json(disabled)), { id: leaver.id, d: true });
  assert.equal((await me()).status, 401, 'the open session ends at once');
  assert.equal((await login('leaver.one', 'leaver-password-1')).res.status, 403);
  const enabled = await post(stack.base, `/api/admin/accounts/${leaver.id}/enable`, { reason: '调回原岗位' }, admin);
  assert.equal((await json(enabled)).disabled, false);
  assert.equal((await login('leaver.one', 'leaver-password-1')).res.status, 201);
  // An enterprise is disabled by its own id (E-…), as its people know it.
  const company = (await json(await fetch(`${stack.base}/api/admin/accounts?limit=100`, { headers: admin }))).items
    .find((a) => a.role === 'enterprise');
  assert.match(company.id, /^E-\d{6}$/);
  assert.equal((await post(stack.base, `/api/admin/accounts/${company.id}/disable`, { reason: '吊销营业执照' }, admin)).status, 200);
  assert.equal((await login(ENTERPRISE.uscc, ENTERPRISE.password)).res.status, 403);
  assert.equal((await post(stack.base, `/api/admin/accounts/${company.id}/enable`, { reason: '恢复' }, admin)).status, 200);
  assert.equal((await login(ENTERPRISE.uscc, ENTERPRISE.password)).res.status, 201);
  const entries = stack.schema.sql("SELECT entry FROM audit_log WHERE entry LIKE '%\"account.%abled\"%' ORDER BY idx")
    .split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(entries.map((e) => [e.action, e.actor.id, e.object.id, e.data.reason]),
    [['account.disabled', self, leaver.id, '工作调动'], ['account.enabled', self, leaver.id, '调回原岗位'],
      ['account.disabled', self, company.id, '吊销营业执照'], ['account.enabled', self, company.id, '恢复']]);
});

test('state changes are in the audit log, without secrets', async () => {
  const entries = stack.schema.sql('SELECT entry FROM audit_log ORDER BY idx').split('\n').map((l) => JSON.parse(l));
  const actions = entries.map((e) => e.action);
  assert.ok(actions.includes('enterprise.registered'));
  assert.ok(actions.includes('account.created'));
  assert.ok(actions.includes('session.opened'));
  assert.deepEqual(entries.map((e) => e.index), entries.map((_, i) => i), 'indices have no gaps');
  const text = JSON.stringify(entries);
  for (const secret of ['admin-password-123', ENTERPRISE.password, ...Object.values(tokens)]) assert.ok(!text.includes(secret));
});

test('a database failure is a 500 for the client and a findable log line for the operator', async () => {
  // Occupy the audit index the next change will take, so that its transaction fails and rolls back.
  const next = stack.schema.sql('SELECT next_index FROM audit_head');
  stack.schema.sql(`INSERT INTO audit_log (idx, entry, leaf_hash) VALUES (${next}, 'x', decode(repeat('00', 32), 'hex'))`);
  const res = await post(stack.base, '/api/enterprises', { ...ENTERPRISE, uscc: '914403001922038216', name: '另一家公司' });
  assert.equal(res.status, 500);
  const problem = await json(res);
  assert.equal(problem.type, '/problems/internal');
  assert.ok(!/audit_log|duplicate key|pkey/.test(JSON.stringify(problem)), 'no SQL details reach the client');
  await new Promise((r) => setTimeout(r, 200));  // the access log is flushed every 50 ms
  const line = stack.server.output.split('\n').find((l) => l.includes(`in request ${problem.request_id}`));
  assert.ok(line, 'the log names the request');
  assert.match(line, /audit_log_pkey|duplicate key/);
  assert.equal(stack.schema.sql("SELECT count(*) FROM enterprises WHERE uscc = '914403001922038216'"), '0', 'nothing half-written');
});
