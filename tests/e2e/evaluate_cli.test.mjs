// `gongping evaluate` as an operator runs it: the spec's worked example 1 from a file and from
// standard input, and a broken case refused with exit 2 and one line naming the field
// (specs/evaluation-case.md).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { runCli } from './harness.mjs';

const tech = (...scores) => Object.fromEntries(scores.map((s, i) => [`e${i + 1}`, { tech: s }]));

const example1 = {
  method: 'comprehensive',
  price_formula: 'low_price_first',
  ceiling_fen: 100000000,
  sme_deduction_percent: { small: 10, micro: 10 },
  price_points: 30,
  criteria: [{ id: 'tech', max: 70 }],
  experts: ['e1', 'e2', 'e3', 'e4', 'e5'],
  aggregation: 'mean',
  bids: [
    { bidder: 'A', price_fen: 88000000, size: 'large', responsive: true, scores: tech(57.4, 59.5, 56, 58.8, 55.3) },
    { bidder: 'B', price_fen: 92000000, size: 'small', responsive: true, scores: tech(54.6, 56, 53.2, 55.3, 53.9) },
    { bidder: 'C', price_fen: 85000000, size: 'medium', responsive: true, scores: tech(49, 50.4, 47.6, 49.7, 48.3) },
    { bidder: 'D', price_fen: 99000000, size: 'large', responsive: true, scores: tech(63, 64.4, 61.6, 63.7, 62.3) },
    { bidder: 'E', price_fen: 102000000, size: 'large', responsive: true },
    { bidder: 'F', price_fen: 90500000, size: 'micro', responsive: true, scores: tech(42, 43.4, 40.6, 42.7, 41.3) },
  ],
};

function assertExample1(run) {
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.status, 'completed');
  assert.equal(result.benchmark_price_fen, 81450000);
  assert.deepEqual(
    result.results.map((r) => [r.bidder, r.rank, r.evaluated_price_fen, r.price_score, r.technical_score, r.total]),
    [
      ['D', 1, 99000000, '24.68', '63.00', '87.68'],
      ['A', 2, 88000000, '27.77', '57.40', '85.17'],
      ['B', 3, 82800000, '29.51', '54.60', '84.11'],
      ['C', 4, 85000000, '28.75', '49.00', '77.75'],
      ['F', 5, 81450000, '30.00', '42.00', '72.00'],
    ],
  );
  assert.deepEqual(result.rejected, [{ bidder: 'E', reason: 'above_ceiling' }]);
}

test('gongping evaluate prints worked example 1 from a file and from standard input', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-evaluate-'));
  try {
    const file = path.join(dir, 'case.json');
    fs.writeFileSync(file, JSON.stringify(example1, null, 2));
    assertExample1(runCli(['evaluate', file]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assertExample1(runCli(['evaluate'], { input: JSON.stringify(example1) }));
  assertExample1(runCli(['evaluate', '-'], { input: JSON.stringify(example1) }));
});

test('gongping evaluate refuses a broken case with exit 2 and one line naming the field', () => {
  const broken = structuredClone(example1);
  broken.bids[3].scores.e2.tech = 70.5;
  const run = runCli(['evaluate'], { input: JSON.stringify(broken) });
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, 'bids[3].scores.e2.tech: 70.5 is outside [0, 70]\n');

  const notJson = runCli(['evaluate'], { input: '{"method": ' });
  assert.equal(notJson.status, 2);
  assert.match(notJson.stderr, /^\(document\): not JSON at byte \d+/);
  assert.equal(notJson.stderr.trim().split('\n').length, 1);
});
