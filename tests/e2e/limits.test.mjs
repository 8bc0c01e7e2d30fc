// Limits a hostile or broken client meets: header and body size, slow clients, malformed HTTP;
// and keep-alive for well-behaved ones.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { rawExchange, startStack } from './harness.mjs';

let stack;
before(async () => {
  stack = await startStack({
    settings: { 'http.header_limit_bytes': '2048', 'http.body_limit_bytes': '4096', 'http.read_timeout_seconds': '1' },
  });
});
after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('oversized headers get 431 and the connection closes', async () => {
  const { received, closedByServer } = await rawExchange(stack.port, [
    `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(3000)}\r\n\r\n`,
  ]);
  assert.match(received, /^HTTP\/1\.1 431 /);
  assert.match(received, /headers-too-large/);
  assert.ok(closedByServer);
});

test('an oversized body gets 413 before the server reads it all', async () => {
  const { received } = await rawExchange(stack.port, [
    `POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
  ]);
  assert.match(received, /^HTTP\/1\.1 413 /);
  assert.match(received, /payload-too-large/);
});

test('a client that stops sending is disconnected after the read timeout', async () => {
  const started = Date.now();
  const { received, closedByServer } = await rawExchange(stack.port, ['GET /healthz HTTP/1.1\r\nHost: x\r\n'], { timeoutMs: 5000 });
  assert.ok(closedByServer, 'the server closed the connection');
  assert.equal(received, '');
  const waited = Date.now() - started;
  assert.ok(waited >= 900 && waited < 4000, `closed after ${waited} ms`);
});

test('a trickling client cannot hold a connection past the timeout', async () => {
  const drip = 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '.split('').concat(Array(40).fill('a'));
  const started = Date.now();
  const { closedByServer } = await rawExchange(stack.port, drip, { gapMs: 100, timeoutMs: 8000 });
  assert.ok(closedByServer);
  assert.ok(Date.now() - started < 4000);
});

test('malformed HTTP gets 400', async () => {
  const { received } = await rawExchange(stack.port, ['GET /healthz HTTP/1.1\r\nHost x\r\n\r\n']);
  assert.match(received, /^HTTP\/1\.1 400 /);
});

test('keep-alive serves several requests on one connection', async () => {
  const one = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
  const last = 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
  const { received } = await rawExchange(stack.port, [one + one + last]);
  assert.equal(received.match(/HTTP\/1\.1 200 OK/g).length, 3);
});
