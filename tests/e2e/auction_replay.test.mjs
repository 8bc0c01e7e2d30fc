// `gongping auction replay` as anyone would run it: a transcript replays to its recorded result
// (exit 0); a transcript with a bid the rules refuse, or with another recorded winner, does not
// (exit 1, saying why); a file that is no transcript is refused (exit 2).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { runCli } from './harness.mjs';

const transcript = {
  v: 1,
  open: {
    auction: 'AU-2027-000001',
    kind: 'english',
    terms: {
      starting_price_fen: 100_000_000, reserve_price_fen: 120_000_000, increment: { fixed_fen: 1_000_000 },
      starts_at: '2027-01-15T02:00:00Z', free_bidding_ends_at: '2027-01-15T02:30:00Z', countdown_seconds: 180,
      hard_stop_at: '2027-01-15T06:00:00Z',
    },
  },
  registrations: ['E-000001', 'E-000002'].map((bidder) => ({ bidder, at: '2027-01-15T01:00:00Z' })),
  bids: [
    { key: 'k1', bidder: 'E-000001', price_fen: 100_000_000, at: '2027-01-15T02:05:00Z' },
    { key: 'k2', bidder: 'E-000002', price_fen: 121_000_000, at: '2027-01-15T02:31:00Z' },
    { key: 'k3', bidder: 'E-000001', price_fen: 122_000_000, at: '2027-01-15T02:33:30Z' },
  ],
  recorded: { winner: 'E-000001', winning_price_fen: 122_000_000, ended_at: '2027-01-15T02:36:30.000000Z' },
};

const replay = (doc) => runCli(['auction', 'replay', '-'], { input: typeof doc === 'string' ? doc : JSON.stringify(doc) });

test('a transcript replays to its recorded result', () => {
  const r = replay(transcript);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual([out.bids_replayed, out.phase, out.winner, out.winning_price_fen, out.matches_recorded],
    [3, 'won', 'E-000001', 122_000_000, true]);
});

test('a bid the rules refuse, or another recorded winner, does not replay', () => {
  const short = structuredClone(transcript);
  short.bids[2].price_fen = 121_500_000;  // short of the 1,000,000 fen increment
  const refused = replay(short);
  assert.equal(refused.status, 1);
  assert.match(JSON.parse(refused.stdout).refusal, /^bid 3 \(key k3\): A bid must reach 1,220,000\.00 yuan/);

  const late = structuredClone(transcript);
  late.bids[2].at = '2027-01-15T02:34:00Z';  // the countdown from 02:31 ran out at 02:34
  assert.match(JSON.parse(replay(late).stdout).refusal, /ended at 2027-01-15T02:34:00/);

  const other = structuredClone(transcript);
  other.recorded.winner = 'E-000002';
  const differs = replay(other);
  assert.equal(differs.status, 1);
  assert.equal(JSON.parse(differs.stdout).matches_recorded, false);
});

test('a file that is no transcript is refused, naming the member', () => {
  const bad = structuredClone(transcript);
  bad.bids[1].price_fen = 'a lot';
  const r = replay(bad);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bids\[1\]\.price_fen: must be an integer/);
  assert.equal(replay('not json').status, 2);
});
