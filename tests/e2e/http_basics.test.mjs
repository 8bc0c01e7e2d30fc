// The server as a browser or an API client meets it: health, readiness, metrics, the API
// description, errors as problem JSON, static files with their caching.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { json, post, startStack } from './harness.mjs';

let stack;
before(async () => {
  stack = await startStack();
});
after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null }, 'the server exits cleanly on SIGTERM');
});

test('healthz answers while the process is up', async () => {
  const res = await fetch(`${stack.base}/healthz`);
  assert.equal(res.status, 200);
  assert.deepEqual(await json(res), { status: 'up' });
  assert.match(res.headers.get('x-request-id'), /^[0-9a-f]{24}$/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('readyz reports the database and the engine up, with a real engine round trip', async () => {
  // The engine client connects in the background; give it a moment on a slow machine.
  let res;
  for (let i = 0; i < 50; i++) {
    res = await fetch(`${stack.base}/readyz`);
    if (res.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const body = await json(res);
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.equal(body.status, 'ready');
  assert.equal(body.checks.database.status, 'up');
  assert.equal(body.checks.engine.status, 'up');
  assert.equal(body.checks.engine.reply.nonce, 'readyz');
  assert.ok(body.checks.engine.reply.commands_handled >= 1);
});

test('metrics expose request counts, latency histograms, pools and engine round trips', async () => {
  await fetch(`${stack.base}/healthz`);
  await fetch(`${stack.base}/readyz`);
  // Heartbeats come once a second; the first may have gone out before the server subscribed.
  let res;
  let text = '';
  for (let i = 0; i < 40 && !text.includes('type="heartbeat"'); i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    res = await fetch(`${stack.base}/metrics`);
    text = await res.text();
  }
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  assert.match(text, /gongping_http_requests_total\{route="\/healthz",method="GET",status="200"\} \d+/);
  assert.match(text, /gongping_http_request_duration_seconds_bucket\{route="\/readyz",method="GET",le="\+Inf"\} \d+/);
  assert.match(text, /gongping_engine_requests_total\{command="ping",outcome="ok"\} \d+/);
  assert.match(text, /gongping_engine_round_trip_seconds_count\{command="ping"\} \d+/);
  assert.match(text, /gongping_db_pool_connections 8/);
  assert.match(text, /gongping_worker_pool_queued \d+/);
  assert.match(text, /gongping_engine_events_total\{type="heartbeat"\} \d+/);
});

test('openapi.json is an OpenAPI 3.1 document of every route the server has', async () => {
  const doc = await json(await fetch(`${stack.base}/openapi.json`));
  assert.equal(doc.openapi, '3.1.0');
  const { spawnSync } = await import('node:child_process');
  const { binaries } = await import('./harness.mjs');
  const routes = JSON.parse(spawnSync(binaries.server, ['--print-routes'], { encoding: 'utf8' }).stdout);
  assert.ok(routes.length >= 10);
  for (const r of routes) {
    const op = doc.paths[r.path]?.[r.method.toLowerCase()];
    assert.ok(op, `${r.method} ${r.path} is documented`);
    assert.deepEqual(op['x-roles'], r.roles, `${r.method} ${r.path} documents its roles`);
  }
});

test('unknown paths are 404 and wrong methods 405, as problem JSON', async () => {
  const missing = await fetch(`${stack.base}/api/no-such-thing`);
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('content-type'), 'application/problem+json');
  const problem = await json(missing);
  assert.equal(problem.type, '/problems/not-found');
  assert.equal(problem.status, 404);
  assert.equal(problem.instance, '/api/no-such-thing');
  assert.equal(problem.request_id, missing.headers.get('x-request-id'));

  const wrong = await fetch(`${stack.base}/api/session`, { method: 'PUT' });
  assert.equal(wrong.status, 405);
  assert.equal(wrong.headers.get('allow'), 'POST, GET, DELETE');
  assert.equal((await json(wrong)).type, '/problems/method-not-allowed');
});

test('bad request bodies are named precisely', async () => {
  const notJson = await post(stack.base, '/api/session', '{"login": ');
  assert.equal(notJson.status, 400);
  assert.match((await json(notJson)).detail, /not valid JSON/);

  const wrongType = await fetch(`${stack.base}/api/session`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
  assert.equal(wrongType.status, 415);

  const fields = await post(stack.base, '/api/session', { login: 42, passwd: 'x' });
  assert.equal(fields.status, 422);
  const problem = await json(fields);
  assert.deepEqual(problem.errors, [
    { field: 'login', detail: 'must be a string' },
    { field: 'password', detail: 'is required' },
    { field: 'passwd', detail: 'is not a known field' },
  ]);
});

test('the web UI is served with content types, caching and revalidation', async () => {
  const page = await fetch(`${stack.base}/`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.match(page.headers.get('content-security-policy'), /default-src 'self'/);
  assert.match(await page.text(), /公平/);
  const etag = page.headers.get('etag');
  const again = await fetch(`${stack.base}/`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);

  const script = await fetch(`${stack.base}/app.js`);
  assert.equal(script.status, 200);
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(script.headers.get('cache-control'), 'public, max-age=300');

  const head = await fetch(`${stack.base}/app.js`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(await script.text())));
});
