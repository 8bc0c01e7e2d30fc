// The live auction room's fan-out (simulations/auction_fanout): an ascending auction on a running
// gongping-server, WATCHERS public WebSocket watchers of its live room, and BIDS bids; for each bid,
// the time from sending it to its message reaching the last watcher. Beside it, in the same run, the
// same bids watched by one watcher (the floor: a bid's round trip and one delivery). Also the
// server's resident memory before the watchers connect, with them connected, and after the bids.
// The watchers are one live-watchers process (server/bench/live_watchers.cpp: epoll, no library),
// which reports when each bid reached the last of them on the clock process.hrtime reads. The
// baseline, in the same run: the same watchers of bare-broadcast-server (plain send() loops on two
// threads, a prepared frame the size of the room's message), from its `send` to the last watcher.
//
//   node simulations/lib/auction_fanout.mjs --base URL --cli PATH --db-url URL --server-pid PID
//        --live-watchers PATH --bare-broadcast PATH [--watchers 10000] [--bids 50]
//
// Prints one JSON line.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';

import { uscc } from '../../tests/e2e/tender_fixtures.mjs';

const opt = { watchers: 10000, bids: 50 };
for (let i = 2; i < process.argv.length; i += 2) opt[process.argv[i].slice(2)] = process.argv[i + 1];
for (const k of ['base', 'cli', 'db-url', 'server-pid', 'live-watchers', 'bare-broadcast']) if (!opt[k]) throw new Error(`--${k} is required`);
const WATCHERS = Number(opt.watchers), BIDS = Number(opt.bids);

async function call(method, route, { token, body, headers = {}, expect } = {}) {
  const res = await fetch(opt.base + route, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (expect !== undefined && res.status !== expect) throw new Error(`${method} ${route}: ${res.status}: ${text.slice(0, 400)}`);
  return text ? JSON.parse(text) : null;
}

const rssMiB = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${opt['server-pid']}/status`, 'utf8'));
  return Math.round(Number(m[1]) / 1024);
};

async function official() {
  const password = 'fanout-official-password-1';
  const made = spawnSync(opt.cli, ['user', 'add', '--role', 'official', '--login', 'fanout.official', '--name', '拍卖出让人', '--password-stdin'],
    { encoding: 'utf8', input: `${password}\n`, env: { ...process.env, GONGPING_DATABASE_URL: opt['db-url'] } });
  if (made.status !== 0) throw new Error(made.stderr);
  return (await call('POST', '/api/session', { body: { login: 'fanout.official', password }, expect: 201 })).token;
}

async function bidder(i) {
  const code = uscc(`91440300MB${String(i).padStart(7, '0')}`);
  const password = `bidder-${code}-pw`;
  const made = await call('POST', '/api/enterprises', {
    body: { name: `竞买人${i}有限公司`, uscc: code, contact_name: '王芳', contact_phone: `+86 20 8000 ${1000 + i}`, contact_email: `fan${i}@example.cn`, password },
    expect: 201,
  });
  const session = await call('POST', '/api/session', { body: { login: code, password }, expect: 201 });
  return { id: made.enterprise_id, token: session.token };
}

// Opens `n` watchers of `path` on `port`: → { arrivals: Map(seq → { ns: when its message reached
// the last watcher, bytes: its size }), close() }, once every watcher has its first message.
async function watch(port, path, n) {
  const child = spawn(opt['live-watchers'], [String(port), path, String(n)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const arrivals = new Map();
  await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`live-watchers exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [what, seq, ns, bytes] = line.split(' ');
      if (what === 'ready') resolve();
      else if (what === 'bid') arrivals.set(Number(seq), { ns: BigInt(ns), bytes: Number(bytes) });
      else if (what === 'failed') console.error(`live-watchers: ${line}`);
    });
  });
  return { arrivals, close: () => child.stdin.end() };
}

const watchAuction = (auction, n) => watch(new URL(opt.base).port, `/api/auctions/${auction}/live`, n);

// Waits until bid `seq` reached every watcher: → ms from `sent` (process.hrtime) to the last one.
async function toLastWatcher(arrivals, seq, sent) {
  const deadline = Date.now() + 30_000;
  while (!arrivals.has(seq)) {
    if (Date.now() > deadline) throw new Error(`bid ${seq} did not reach every watcher in 30 s`);
    await new Promise((r) => setTimeout(r, 1));
  }
  return Number(arrivals.get(seq).ns - sent) / 1e6;
}

// The baseline: the same watchers of bare-broadcast-server, BIDS messages of `bytes` bytes, each
// from the `send` line to the last watcher. → ms per message.
async function bareBroadcast(bytes) {
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address();
      probe.close(() => resolve(p));
    });
  });
  const server = spawn(opt['bare-broadcast'], [String(port), '2', String(bytes)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: server.stdout });
  await new Promise((resolve) => lines.once('line', resolve));  // listening
  const crowd = await watch(port, '/bare', WATCHERS);
  const toLast = [];
  for (let seq = 1; seq <= BIDS; seq++) {
    const sent = process.hrtime.bigint();
    server.stdin.write(`send ${seq}\n`);
    toLast.push(await toLastWatcher(crowd.arrivals, seq, sent));
    await new Promise((r) => setTimeout(r, 100));  // as the bids come, one at a time
  }
  crowd.close();
  server.kill();
  return toLast;
}

const percentile = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(p * v.length))];

const token = await official();
const [a, b] = [await bidder(1), await bidder(2)];
const startsAt = new Date(Date.now() + 8000).toISOString();
const auction = (await call('POST', '/api/auctions', {
  token, expect: 201,
  body: {
    title: '压测：国有建设用地使用权', kind: 'english', deposit_fen: 0,
    terms: {
      starting_price_fen: 100_000_000, reserve_price_fen: 0, increment: { fixed_fen: 100 }, starts_at: startsAt,
      free_bidding_ends_at: new Date(Date.now() + 3_600_000).toISOString(), countdown_seconds: 180,
      hard_stop_at: new Date(Date.now() + 7_200_000).toISOString(),
    },
  },
})).id;
for (const who of [a, b]) {
  await call('POST', `/api/auctions/${auction}/registrations`, { token: who.token, body: { deposit_reference: `REF-${who.id}` }, expect: 200 });
  await call('POST', `/api/auctions/${auction}/registrations/${who.id}/confirm`, { token, expect: 200 });
}

let price = 100_000_000;
// Sends BIDS bids, each once the previous one reached every watcher: → per bid, ms to the last one.
async function bids({ arrivals }) {
  const toLast = [];
  for (let i = 0; i < BIDS; i++) {
    const who = i % 2 === 0 ? a : b;
    const sent = process.hrtime.bigint();
    const r = await call('POST', `/api/auctions/${auction}/bids`, { token: who.token, body: { price_fen: price }, headers: { 'idempotency-key': `fan-${price}` }, expect: 201 });
    price += 100;
    toLast.push(await toLastWatcher(arrivals, r.bid.seq, sent));
  }
  return toLast;
}

const rssBefore = rssMiB();
await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(startsAt) - Date.now() + 1500)));
const one = await watchAuction(auction, 1);
const floor = await bids(one);
one.close();

const connectStart = performance.now();
const crowd = await watchAuction(auction, WATCHERS);
const connectSeconds = (performance.now() - connectStart) / 1000;
const rssConnected = rssMiB();
const fanout = await bids(crowd);
const rssAfter = rssMiB();
const messageBytes = Math.max(...[...crowd.arrivals.values()].map((m) => m.bytes));
crowd.close();
const bare = await bareBroadcast(messageBytes);
const ms = (v) => Number(v.toFixed(1));

console.log(JSON.stringify({
  measure: 'bid to its message at the last of the live room\'s watchers',
  watchers: WATCHERS,
  bids: BIDS,
  message_bytes: messageBytes,
  p50_ms: ms(percentile(fanout, 0.5)),
  p99_ms: ms(percentile(fanout, 0.99)),
  floor_one_watcher_p50_ms: ms(percentile(floor, 0.5)),
  floor_one_watcher_p99_ms: ms(percentile(floor, 0.99)),
  bare_broadcast_p50_ms: ms(percentile(bare, 0.5)),
  bare_broadcast_p99_ms: ms(percentile(bare, 0.99)),
  ratio_to_bare_p50: Number((percentile(fanout, 0.5) / percentile(bare, 0.5)).toFixed(2)),
  ratio_to_bare_p99: Number((percentile(fanout, 0.99) / percentile(bare, 0.99)).toFixed(2)),
  connect_seconds: Number(connectSeconds.toFixed(1)),
  server_rss_mib: { before: rssBefore, watchers_connected: rssConnected, after_bids: rssAfter },
}));
process.exit(0);
