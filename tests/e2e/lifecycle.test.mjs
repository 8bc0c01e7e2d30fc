// Process life: the engine going away and coming back, graceful shutdown with a request in
// flight, and a server that refuses to start on an unmigrated database.
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';

import { binaries, freshSchema, json, runCli, startEngine, startStack } from './harness.mjs';
import { spawnSync } from 'node:child_process';

async function readyz(base) {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: await json(res) };
}

async function eventually(check, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last.ok) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

test('readyz follows the engine: down after kill -9, up again after a restart', async () => {
  const stack = await startStack();
  try {
    const up = await eventually(async () => ({ ok: (await readyz(stack.base)).status === 200 }));
    assert.ok(up.ok, 'ready at first');

    stack.engine.proc.kill('SIGKILL');
    await stack.engine.exited;
    const down = await readyz(stack.base);
    assert.equal(down.status, 503);
    assert.equal(down.body.checks.engine.status, 'down');
    assert.equal(down.body.checks.database.status, 'up');
    assert.equal((await fetch(`${stack.base}/healthz`)).status, 200, 'the server itself stays up');

    stack.engine = await startEngine(stack.ports);
    const back = await eventually(async () => ({ ok: (await readyz(stack.base)).status === 200 }));
    assert.ok(back.ok, 'the server reconnected by itself');
  } finally {
    const exit = await stack.stop();
    assert.deepEqual(exit, { code: 0, signal: null });
  }
});

test('the server comes back by itself when PostgreSQL drops its connections', async () => {
  const stack = await startStack();
  try {
    assert.ok((await eventually(async () => ({ ok: (await readyz(stack.base)).status === 200 }))).ok);
    // What a database restart or failover does to the pool: every server connection is cut.
    const cut = stack.schema.sql(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                      WHERE datname = current_database() AND pid <> pg_backend_pid()
                        AND query NOT ILIKE '%pg_terminate_backend%'`);
    assert.ok(Number(cut) >= 8, `the pool's connections were cut (${cut})`);
    const statuses = [];
    const back = await eventually(async () => {
      const r = await readyz(stack.base);
      statuses.push(r.status);
      return { ok: r.status === 200 && r.body.checks.database.status === 'up' };
    });
    assert.ok(back.ok, `ready again (statuses seen: ${statuses.join(', ')})`);
    assert.ok(statuses.every((s) => s === 200 || s === 503), 'failures are 503, never a crash or a 500');
    const res = await fetch(`${stack.base}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'nobody.at.all', password: 'wrong-password-1' }),
    });
    assert.ok([401, 503].includes(res.status), `sign-in answers (${res.status})`);
  } finally {
    const exit = await stack.stop();
    assert.deepEqual(exit, { code: 0, signal: null });
  }
});

test('SIGTERM finishes the request in flight, then refuses new connections and exits 0', async () => {
  const stack = await startStack();
  let stopped = false;
  try {
    // Start a request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ login: 'nobody.here', password: 'irrelevant-password' });
    const socket = net.connect(stack.port, '127.0.0.1');
    let received = '';
    socket.on('data', (d) => (received += d.toString()));
    const closed = new Promise((r) => socket.on('close', r));
    await new Promise((r) => socket.on('connect', r));
    socket.write(`POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 200));

    const exited = stack.server.stop('SIGTERM');
    stopped = true;
    await stack.server.waitFor(/"msg":"shutting down"/);
    socket.write(body.slice(10));
    await closed;
    assert.match(received, /^HTTP\/1\.1 401 /, 'the in-flight request got its answer');
    assert.match(received, /Connection: close/i);

    const refused = await new Promise((resolve) => {
      const s = net.connect(stack.port, '127.0.0.1');
      s.on('error', () => resolve(true));
      s.on('connect', () => {
        s.destroy();
        resolve(false);
      });
    });
    assert.ok(refused, 'no new connections after shutdown began');
    assert.deepEqual(await exited, { code: 0, signal: null });
  } finally {
    if (!stopped) await stack.server.stop();
    await stack.engine.stop();
    stack.schema.drop();
  }
});

test('the server will not start on a database with pending migrations unless told to', async () => {
  const schema = freshSchema();
  try {
    const env = { ...process.env, GONGPING_DATABASE_URL: schema.url };
    const refused = spawnSync(binaries.server, ['--set', 'http.port=0'], { encoding: 'utf8', env, timeout: 20000 });
    assert.equal(refused.status, 2);
    assert.match(refused.stdout + refused.stderr, /migrations are pending; run `gongping migrate`/);

    const first = runCli(['migrate'], { dbUrl: schema.url });
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /applied {2}0001_foundation\.sql/);
    const second = runCli(['migrate'], { dbUrl: schema.url });
    assert.equal(second.status, 0);
    assert.match(second.stdout, /\(0 applied now\)/);

    schema.sql("UPDATE schema_migrations SET sha256 = repeat('0', 64) WHERE version = 1");
    const changed = runCli(['migrate'], { dbUrl: schema.url });
    assert.equal(changed.status, 1);
    assert.match(changed.stderr, /Migration 0001_foundation\.sql was changed after it was applied/);
  } finally {
    schema.drop();
  }
});

test('a database that cannot be reached stops start-up with a clear message', () => {
  const env = { ...process.env, GONGPING_DATABASE_URL: 'postgresql://nobody@/nothing?host=/nonexistent&port=1' };
  const r = spawnSync(binaries.server, ['--set', 'http.port=0'], { encoding: 'utf8', env, timeout: 20000 });
  assert.equal(r.status, 2);
  assert.match(r.stdout, /"msg":"cannot start","detail":"[^"]*connection/i);
});
