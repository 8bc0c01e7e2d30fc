// Live auctions through the API, with the real server, engine and PostgreSQL. An ascending auction:
// an official creates it; enterprises ask to bid with their deposits and the official confirms two;
// the engine decides every bid at the server's clock (too low, unregistered, retried, reused key);
// each watcher of the live room sees every accepted bid as it may; the engine killed with -9 (no
// journal) comes back restored from the database with every accepted bid; the server killed with -9
// between the engine's decision and the store comes back and stores the bid; the auction ends by its countdown, the reserve is revealed, and its transcript
// replays to the same result with `gongping auction replay`. Then a reverse auction, end to end, with
// the engine and the server killed with -9 during a bidder's turn; last, a reverse auction whose
// bidders and starting prices come from a tender's opening record.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';

import { runCli, startEngine, startStack } from './harness.mjs';
import { call, enterprise, instantPlusMicros, pinClock, staff, tenderOpenedWithBids } from './tendering.mjs';

// In the future: a restarted server's clock (unpinned until the test pins it again) stays before
// the auction, so the keeper's advance cannot end it early.
const NOW = '2030-03-01T02:00:00.000000Z';
const at = (seconds) => new Date(Date.parse(NOW) + seconds * 1000).toISOString();
let stack;
const people = {};
let auction;

const terms = {
  starting_price_fen: 100_000_000_00,
  reserve_price_fen: 120_000_000_00,
  increment: { fixed_fen: 1_000_000_00 },
  starts_at: at(3600),
  free_bidding_ends_at: at(5400),
  countdown_seconds: 180,
  hard_stop_at: at(18000),
};

const bid = (who, body, key) => call(stack.base, 'POST', `/api/auctions/${auction}/bids`, {
  token: who.token, body, headers: { 'idempotency-key': key },
});

// The keeper runs every second: wait until `check` holds of auction `id` as `who` sees it.
async function until(check, who, id = auction, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await call(stack.base, 'GET', `/api/auctions/${id}`, { token: who?.token })).body;
    if (check(view)) return view;
    if (Date.now() > deadline) throw new Error(`never: ${JSON.stringify(view)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A WebSocket on the auction's live room, as `who` (none: the public): its messages, parsed.
function watchAuction(who) {
  const ws = new WebSocket(`ws://127.0.0.1:${stack.port}/api/auctions/${auction}/live`,
    who ? { headers: { authorization: `Bearer ${who.token}` } } : undefined);
  const messages = [];
  ws.addEventListener('message', (event) => messages.push(JSON.parse(event.data)));
  return {
    ws,
    messages,
    async until(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (predicate(messages)) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`not seen in time: ${JSON.stringify(messages)}`);
    },
  };
}

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'au.official', '国有土地出让处');
  people.supervisor = await staff(stack, 'supervisor', 'au.supervisor');
  people.a = await enterprise(stack, '91440101MA5P00001', '广州置业甲公司');
  people.b = await enterprise(stack, '91440101MA5P00002', '广州置业乙公司');
  people.c = await enterprise(stack, '91440101MA5P00003', '广州置业丙公司');
});

after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('an official creates an ascending auction; the reserve stays hidden from everyone else', async () => {
  const body = { title: '白云区 AB0101 地块国有建设用地使用权', kind: 'english', deposit_fen: 10_000_000_00, terms };
  assert.equal((await call(stack.base, 'POST', '/api/auctions', { token: people.a.token, body })).status, 403);
  const bad = await call(stack.base, 'POST', '/api/auctions', {
    token: people.official.token, body: { ...body, terms: { ...terms, countdown_seconds: 5 } },
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.errors[0].field, 'terms.countdown_seconds');
  const created = await call(stack.base, 'POST', '/api/auctions', { token: people.official.token, body });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  auction = created.body.id;
  assert.match(auction, /^AU-\d{6}$/);
  assert.equal(created.body.terms.reserve_price_fen, 120_000_000_00, 'the author sees the reserve');
  const open = await until((v) => v.live?.phase === 'registration');
  assert.equal(open.terms.reserve_price_fen, undefined, 'the public does not');
  assert.equal(open.live.minimum_next_fen, 100_000_000_00);
});

test('enterprises register with their deposits; only confirmed ones bid, each bid decided at the server clock', async () => {
  for (const who of [people.a, people.b, people.c]) {
    const r = await call(stack.base, 'POST', `/api/auctions/${auction}/registrations`, {
      token: who.token, body: { deposit_reference: `ICBC-${who.id}` },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.you.registration.confirmed, false);
  }
  const confirm = (who, by = people.official) => call(stack.base, 'POST', `/api/auctions/${auction}/registrations/${who.id}/confirm`, { token: by.token });
  assert.equal((await confirm(people.a, people.supervisor)).status, 403);
  for (const who of [people.a, people.b]) assert.equal((await confirm(who)).status, 200);
  const staffView = (await call(stack.base, 'GET', `/api/auctions/${auction}`, { token: people.official.token })).body;
  assert.deepEqual(staffView.registrations.map((r) => [r.enterprise, r.confirmed_at !== null]),
    [[people.a.id, true], [people.b.id, true], [people.c.id, false]]);
  assert.deepEqual((await bid(people.a, { price_fen: 100_000_000_00 }, 'early')).body.type, '/problems/auction-not-open');

  // The room, live: the public, bidder A, and the author.
  const watchers = { public: watchAuction(), a: watchAuction(people.a), official: watchAuction(people.official) };
  for (const w of Object.values(watchers)) await w.until((m) => m[0]?.type === 'state');
  assert.equal(watchers.public.messages[0].live.phase, 'registration');

  await pinClock(stack.base, at(3660));  // a minute into free bidding
  const first = await bid(people.a, { price_fen: 100_000_000_00 }, 'a-1');
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.bid.seq, 1);
  assert.equal(first.body.bid.at, `${at(3660).slice(0, 19)}.000000Z`, 'the server clock decided');
  const low = await bid(people.b, { price_fen: 100_500_000_00 }, 'b-1');
  assert.equal(low.status, 422);
  assert.equal(low.body.type, '/problems/bid-short-of-step');
  assert.match(low.body.detail, /101,000,000\.00 yuan/);
  const stranger = await bid(people.c, { price_fen: 110_000_000_00 }, 'c-1');
  assert.equal(stranger.status, 403);
  assert.equal(stranger.body.type, '/problems/auction-not-registered');
  const second = await bid(people.b, { price_fen: 110_000_000_00 }, 'b-2');
  assert.equal(second.status, 201);
  const retried = await bid(people.b, { price_fen: 110_000_000_00 }, 'b-2');
  assert.deepEqual([retried.status, retried.body.replayed, retried.body.bid.seq], [200, true, 2]);
  const reused = await bid(people.b, { price_fen: 111_000_000_00 }, 'b-2');
  assert.equal(reused.body.type, '/problems/idempotency-key-reused');
  assert.equal((await bid(people.b, {}, 'b-3')).status, 422);

  // Every accepted bid reached every watcher once, as each may see it.
  const bids = (w) => w.messages.filter((m) => m.type === 'auction_bid');
  for (const w of Object.values(watchers)) await w.until(() => bids(w).length === 2);
  const [publicFirst, publicSecond] = bids(watchers.public);
  assert.deepEqual([publicFirst.bid.seq, publicFirst.bid.price_fen, publicFirst.bid.bidder], [1, 100_000_000_00, undefined]);
  assert.equal(publicSecond.live.current_price_fen, 110_000_000_00);
  assert.equal(publicSecond.live.leader, undefined, 'the public does not see who leads');
  assert.deepEqual(bids(watchers.a).map((m) => [m.bid.yours ?? false, m.live.you.leading]), [[true, true], [false, false]]);
  assert.deepEqual(bids(watchers.official).map((m) => m.bid.bidder), [people.a.id, people.b.id]);
  assert.equal(bids(watchers.official)[1].live.leader, people.b.id);
  for (const w of Object.values(watchers)) w.ws.close();

  const seenByA = (await call(stack.base, 'GET', `/api/auctions/${auction}`, { token: people.a.token })).body;
  assert.equal(seenByA.live.you.leading, false);
  assert.equal(seenByA.live.current_price_fen, 110_000_000_00);
  assert.equal(seenByA.live.leader, undefined, 'bidders do not see who leads');
  const seenByB = (await call(stack.base, 'GET', `/api/auctions/${auction}`, { token: people.b.token })).body;
  assert.equal(seenByB.live.you.leading, true);
});

test('the engine killed with -9 comes back rebuilt from the database with every accepted bid', async () => {
  await stack.engine.stop('SIGKILL');
  assert.equal((await bid(people.a, { price_fen: 115_000_000_00 }, 'a-during')).status, 503, 'no engine: no decision');
  stack.engine = await startEngine(stack.ports);
  const back = await until((v) => v.live?.accepted === 2, people.official);
  assert.equal(back.live.leader, people.b.id);
  assert.equal(back.live.current_price_fen, 110_000_000_00);
  const retried = await bid(people.b, { price_fen: 110_000_000_00 }, 'b-2');
  assert.deepEqual([retried.status, retried.body.bid.seq], [200, 2], 'the key survived in the rebuilt auction');
  assert.equal((await bid(people.a, { price_fen: 115_000_000_00 }, 'a-2')).status, 201);
});

test('the server killed with -9 between the engine\'s decision and the store loses no bid; the auction ends and replays', async () => {
  // The record is held (a row lock, from another session) while B bids: the engine accepts the bid,
  // the server waits to store it, and is killed there.
  const locker = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', stack.schema.url], { stdio: ['pipe', 'pipe', 'pipe'] });
  let locked = '';
  locker.stdout.on('data', (d) => { locked += d; });
  locker.stdin.write(`BEGIN; SELECT 'locked' FROM auctions WHERE public_id = '${auction}' FOR UPDATE;\n`);
  while (!locked.includes('locked')) await new Promise((r) => setTimeout(r, 20));
  const pending = bid(people.b, { price_fen: 120_000_000_00 }, 'b-lost').catch(() => null);
  await new Promise((r) => setTimeout(r, 500));
  await stack.server.stop('SIGKILL');
  await pending;
  locker.stdin.end('ROLLBACK;\n');
  await new Promise((r) => locker.once('exit', r));
  assert.equal(stack.schema.sql(`SELECT count(*) FROM auction_bids b JOIN auctions a ON a.id = b.auction_id WHERE a.public_id = '${auction}'`), '3');

  const restarted = await stack.startServer();
  Object.assign(stack, { server: restarted.child, port: restarted.port, base: restarted.base });
  // The keeper finds the bid the engine accepted and stores it (with its audit entry).
  await until((v) => v.stored_bids === 4);
  const retried = await bid(people.b, { price_fen: 120_000_000_00 }, 'b-lost');
  assert.deepEqual([retried.status, retried.body.bid.seq], [200, 4], 'the retry finds its bid');
  await pinClock(stack.base, at(5400 + 100));  // in the countdown
  assert.equal((await bid(people.a, { price_fen: 125_000_000_00 }, 'a-4')).status, 201);
  // The countdown restarted at that bid: it ends 180 s later.
  const live = (await call(stack.base, 'GET', `/api/auctions/${auction}`)).body.live;
  assert.equal(live.ends_at, `${at(5500 + 180).slice(0, 19)}.000000Z`);
  await pinClock(stack.base, instantPlusMicros(live.ends_at, 0));
  const late = await bid(people.b, { price_fen: 130_000_000_00 }, 'b-late');
  assert.equal(late.body.type, '/problems/auction-not-open');
  const decided = await until((v) => v.state === 'won');
  assert.deepEqual([decided.winner, decided.winning_price_fen], [people.a.id, 125_000_000_00]);
  assert.equal(decided.terms.reserve_price_fen, 120_000_000_00, 'revealed after the end');
  assert.equal(decided.stored_bids, 5);

  const transcript = await call(stack.base, 'GET', `/api/auctions/${auction}/transcript`);
  assert.equal(transcript.status, 200);
  assert.equal(transcript.body.bids.length, 5);
  const replay = runCli(['auction', 'replay', '-'], { input: JSON.stringify(transcript.body) });
  assert.equal(replay.status, 0, replay.stdout + replay.stderr);
  const out = JSON.parse(replay.stdout);
  assert.deepEqual([out.winner, out.winning_price_fen, out.matches_recorded], [people.a.id, 125_000_000_00, true]);

  // Every accepted bid is in the audit log, once, with the bid the auction stores.
  const logged = stack.schema.sql(
    "SELECT (entry::jsonb)->>'action', count(*) FROM audit_log WHERE (entry::jsonb)->>'action' LIKE 'auction.%' GROUP BY 1 ORDER BY 1");
  assert.equal(logged, ['auction.bid|5', 'auction.bidder_registered|2', 'auction.created|1', 'auction.ended|1',
    'auction.registration_requested|3'].join('\n'));
});

test('a reverse auction: turns from the worst price to the best, the step, passes, adjusted prices, and its replay', async () => {
  const start = at(20000);
  const reverseTerms = {
    expected_value_fen: 10_000_000_00, min_step_bp: 50, rounds: 2, turn_seconds: 120, starts_at: start,
    bidders: [
      { bidder: people.a.id, initial_price_fen: 9_500_000_00 },
      { bidder: people.b.id, initial_price_fen: 9_800_000_00, coefficient_bp: 1000 },  // 8,909,090.91 adjusted
      { bidder: people.c.id, initial_price_fen: 9_200_000_00 },
    ],
  };
  const created = await call(stack.base, 'POST', '/api/auctions', {
    token: people.official.token, body: { title: '政务云运维服务反向竞价', kind: 'reverse', terms: reverseTerms },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const rbid = (who, body, key) => call(stack.base, 'POST', `/api/auctions/${id}/bids`, { token: who.token, body, headers: { 'idempotency-key': key } });
  const view = async (who) => (await call(stack.base, 'GET', `/api/auctions/${id}`, { token: who?.token })).body;
  await pinClock(stack.base, instantPlusMicros(start, 5_000_000));
  // Worst first: A (9,500,000), then C (9,200,000), then B (8,909,090.91 adjusted).
  const seenByC = await view(people.c);
  assert.equal(seenByC.live.turn.label, 'Bidder #1');
  assert.equal(seenByC.live.turn.bidder, undefined, 'bidders are shown by number');
  assert.equal(seenByC.live.you.your_turn, false);
  const b = seenByC.live.standings.find((s) => s.label === 'Bidder #2');
  assert.deepEqual([b.rank, b.price_fen, b.coefficient_bp, b.adjusted_fen], [1, 9_800_000_00, 1000, 8_909_090_91]);
  const notYours = await rbid(people.c, { price_fen: 8_000_000_00 }, 'c-early');
  assert.equal(notYours.body.type, '/problems/auction-not-open');
  assert.match(notYours.body.detail, /Bidder #1's turn/);
  const small = await rbid(people.a, { price_fen: 9_460_000_00 }, 'a-small');  // the step is 50,000 yuan
  assert.equal(small.body.type, '/problems/bid-short-of-step');
  assert.equal((await rbid(people.a, { price_fen: 8_800_000_00 }, 'a-r1')).status, 201);
  assert.equal((await rbid(people.c, { pass: true }, 'c-r1')).status, 201);
  // B's turn. The engine, then the server, killed with -9: the auction comes back as it was, down to
  // the instant B's turn ends.
  const before = (await view(people.official)).live;
  assert.deepEqual([before.accepted, before.turn.bidder], [2, people.b.id]);
  await stack.engine.stop('SIGKILL');
  stack.engine = await startEngine(stack.ports);
  const rebuilt = (await until((v) => v.live?.accepted === 2, people.official, id)).live;
  assert.deepEqual(rebuilt, before, 'the engine rebuilt from the database is the engine that was');
  await stack.server.stop('SIGKILL');
  const restarted = await stack.startServer();
  Object.assign(stack, { server: restarted.child, port: restarted.port, base: restarted.base });
  await pinClock(stack.base, instantPlusMicros(start, 5_000_000));
  assert.deepEqual((await view(people.official)).live, before, 'and the same after the server\'s restart');
  assert.deepEqual((await rbid(people.c, { pass: true }, 'c-r1')).status, 200, 'a retried pass is found, not taken twice');
  assert.equal((await rbid(people.b, { price_fen: 9_600_000_00 }, 'b-r1')).status, 201);  // 8,727,272.73 adjusted
  // Round 2: C's and A's and B's turns run out.
  await pinClock(stack.base, instantPlusMicros(start, (5 + 3 * 120) * 1_000_000));
  const ended = await until((v) => v.state === 'ended', null, id);
  assert.deepEqual([ended.state, ended.winner, ended.winning_price_fen], ['ended', people.b.id, 9_600_000_00]);
  const transcript = await call(stack.base, 'GET', `/api/auctions/${id}/transcript`);
  const replay = runCli(['auction', 'replay', '-'], { input: JSON.stringify(transcript.body) });
  assert.equal(replay.status, 0, replay.stdout + replay.stderr);
  assert.equal(JSON.parse(replay.stdout).matches_recorded, true);
});

test('a reverse auction after a tender takes its bidders and their starting prices from the opening record', async () => {
  const tender = await tenderOpenedWithBids(stack, people.official, at(40000),
    [[people.a, 95_000_000], [people.b, 98_000_000], [people.c, 92_000_000]], 'au');
  const other = await staff(stack, 'official', 'au.official2');
  const starts_at = instantPlusMicros(tender.bid_deadline, 3_600_000_000);
  const terms = { min_step_bp: 100, rounds: 1, turn_seconds: 60, starts_at };
  const create = (who, body) => call(stack.base, 'POST', '/api/auctions', { token: who.token, body: { title: '反向竞价（依据开标记录）', ...body } });

  const refusals = [
    [people.official, { kind: 'english', tender: tender.id, terms }, 'tender', /only a reverse auction/],
    [other, { kind: 'reverse', tender: tender.id, terms }, 'tender', /a tender of yours/],
    [people.official, { kind: 'reverse', tender: tender.id, terms: { ...terms, bidders: [{ bidder: 'E-999999', coefficient_bp: 100 }] } },
      'terms.bidders[0].bidder', /E-999999 has no bid opened/],
    [people.official, { kind: 'reverse', tender: tender.id, terms: { ...terms, bidders: [{ bidder: people.a.id, initial_price_fen: 90_000_000 }] } },
      'terms.bidders[0].initial_price_fen', /the price the bid opened at \(95000000 fen\)/],
  ];
  for (const [who, body, field, problem] of refusals) {
    const r = await create(who, body);
    assert.equal(r.status, 422, JSON.stringify(r.body));
    const named = r.body.errors.find((e) => e.field === field);
    assert.match(named?.detail ?? '', problem, JSON.stringify(r.body));
  }

  const prices = (body) => body.terms.bidders.map((b) => [b.bidder, b.initial_price_fen, b.coefficient_bp ?? 0]).sort();
  const all = await create(people.official, { kind: 'reverse', tender: tender.id, terms });
  assert.equal(all.status, 201, JSON.stringify(all.body));
  assert.equal(all.body.tender, tender.id);
  assert.equal(all.body.terms.expected_value_fen, 100_000_000, 'the tender\'s budget');
  assert.deepEqual(prices(all.body), [[people.a.id, 95_000_000, 0], [people.b.id, 98_000_000, 0], [people.c.id, 92_000_000, 0]].sort());
  // C disqualified in the non-price evaluation: the official names who takes part, with coefficients.
  const named = await create(people.official, {
    kind: 'reverse', tender: tender.id, terms: { ...terms, bidders: [{ bidder: people.a.id }, { bidder: people.b.id, coefficient_bp: 500 }] },
  });
  assert.equal(named.status, 201, JSON.stringify(named.body));
  assert.deepEqual(prices(named.body), [[people.a.id, 95_000_000, 0], [people.b.id, 98_000_000, 500]].sort());
});
