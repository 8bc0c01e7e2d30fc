// The remote opening, watched live over a WebSocket by bidders who are not in the room: they see
// bidding close, each share arrive, and the opening record the moment it is published; before the
// deadline they learn nothing about the bids. Run with --experimental-websocket (scripts/test does).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from './harness.mjs';
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
let stack;
const people = {};
let tender;

// A watcher: collects messages and lets a test wait for one that matches.
function watch(tenderId) {
  const ws = new WebSocket(`ws://127.0.0.1:${stack.port}/api/tenders/${tenderId}/opening/live`);
  const messages = [];
  const waiters = [];
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.match(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  const closed = new Promise((resolve) => ws.addEventListener('close', (e) => resolve(e.code)));
  return {
    ws,
    messages,
    closed,
    next(match, timeoutMs = 5000) {
      const seen = messages.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching message; got ${JSON.stringify(messages)}`)), timeoutMs);
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
  };
}


before(async () => {
  // A short read timeout: a live watcher must outlast it (the timeout is for HTTP requests).
  stack = await startStack({ settings: { 'testing.clock_control': 'true', 'http.read_timeout_seconds': '2' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'tang.official');
  people.officer1 = await officerWithJsKey(stack, 'song.officer');
  people.officer2 = await officerWithJsKey(stack, 'yuan.officer');
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, [people.officer1, people.officer2]),
  });
  tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).body;
  for (const [i, price] of [81_000_000, 82_000_000, 83_000_000].entries()) {
    const who = await enterprise(stack, `91440111MA5K0000${i + 1}`, `观察者${i + 1}号公司`);
    people[`bidder${i}`] = who;
    const r = await submitBid(stack.base, tender.id, who, await sealBid(tender, who, price), `live-${i}`);
    assert.equal(r.status, 201);
  }
});
after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('a plain GET on the live route asks for a WebSocket', async () => {
  const r = await call(stack.base, 'GET', `/api/tenders/${tender.id}/opening/live`);
  assert.equal(r.status, 426);
  assert.equal(r.headers.get('upgrade'), 'websocket');
});

test('watchers follow the opening live and learn nothing about bids before it', async () => {
  const early = watch(tender.id);
  const first = await early.next((m) => m.type === 'status');
  // Quiet for longer than the server's read timeout: the watcher stays (it once was dropped here).
  await new Promise((resolve) => setTimeout(resolve, 3500));
  assert.deepEqual(
    { state: first.state, shares_received: first.shares_received, threshold: first.threshold, opened: first.opened },
    { state: 'published', shares_received: 0, threshold: 2, opened: false },
  );
  assert.deepEqual(Object.keys(first).sort(), ['bid_deadline', 'opened', 'shares_received', 'state', 'tender_id', 'threshold', 'type']);

  await pinClock(stack.base, instantPlusMicros(tender.bid_deadline, 1));
  await signInAgain(stack, [people.officer1, people.officer2]);
  await early.next((m) => m.type === 'status' && m.state === 'opening');
  const late = watch(tender.id); // joins the opening once it has begun

  assert.equal((await handInShare(stack.base, tender.id, people.officer1)).status, 202);
  await early.next((m) => m.type === 'status' && m.shares_received === 1);
  assert.equal((await handInShare(stack.base, tender.id, people.officer2)).status, 201);

  for (const watcher of [early, late]) {
    const { record } = await watcher.next((m) => m.type === 'record');
    assert.equal(record.tender_id, tender.id);
    assert.deepEqual(record.bids.map((b) => b.price_fen).sort(), [81_000_000, 82_000_000, 83_000_000]);
    assert.equal(await watcher.closed, 1000, 'the session ends normally once the record is out');
  }
});

test('an unknown tender closes the watch', async () => {
  const nobody = watch('T-2026-999999');
  assert.equal(await nobody.closed, 1000);
  assert.deepEqual(nobody.messages, []);
});
