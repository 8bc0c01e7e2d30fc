// The deadline rush load generator: N bidders, each one enterprise account on its own keep-alive
// connection, submit their pre-sealed bids to one tender as fast as the server answers, each request
// with a fresh Idempotency-Key (so every accepted request is a new bid version: a submission or a
// replacement, as in a real last-minute rush). Nothing is sealed or verified here during the timed
// window: only HTTP.
//
//   node simulations/lib/rush_load.mjs --plan PLAN.json --bidders N --seconds S [--label TEXT]
//
// Prints one JSON line: receipts (201 answers completed inside the window), receipts_per_s, latency
// percentiles of those receipts (ms), errors (any other answer or a failed connection, whenever it
// came) by kind with a few sample bodies, requests still in flight at the end of the window, and the
// generator's own CPU use (percent of one core).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

function options(argv) {
  const o = { label: '' };
  for (let i = 0; i < argv.length; i += 2) o[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!o.plan || !o.bidders || !o.seconds) throw new Error('usage: --plan PLAN.json --bidders N --seconds S');
  return { plan: o.plan, bidders: Number(o.bidders), seconds: Number(o.seconds), label: o.label };
}

const opt = options(process.argv.slice(2));
const plan = JSON.parse(readFileSync(opt.plan, 'utf8'));
if (!plan.rush || plan.rush.bidders.length < opt.bidders) {
  throw new Error(`the plan has ${plan.rush?.bidders.length ?? 0} bidders; ${opt.bidders} asked for`);
}
const base = new URL(plan.base);
const route = `/api/tenders/${plan.rush.tender_id}/bids`;
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

function send(agent, method, path, headers, body) {
  return new Promise((resolve) => {
    const req = http.request({ host: base.hostname, port: base.port, method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on('error', (e) => resolve({ status: 0, body: e.code ?? e.message }));
    });
    req.on('error', (e) => resolve({ status: 0, body: e.code ?? e.message }));
    req.end(body);
  });
}

const bidders = plan.rush.bidders.slice(0, opt.bidders).map((b, i) => ({
  ...b,
  index: i,
  agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
}));
// Open every connection before the window, with a request that makes no bid.
await Promise.all(bidders.map((b) => send(b.agent, 'GET', '/healthz', {}, undefined)));

const latencies = [];
const errors = {};
const samples = [];
let late = 0;
let seq = 0;
const cpuBefore = process.cpuUsage();
const start = performance.now();
const end = start + opt.seconds * 1000;

async function bidder(b) {
  let n = 0;
  while (performance.now() < end) {
    const jwe = b.jwes[n % b.jwes.length];
    n++;
    const headers = {
      authorization: `Bearer ${b.token}`,
      'content-type': 'application/jose',
      'content-length': Buffer.byteLength(jwe),
      'idempotency-key': `rush-${run}-${b.index}-${n}`,
    };
    const t0 = performance.now();
    const r = await send(b.agent, 'POST', route, headers, jwe);
    const t1 = performance.now();
    seq++;
    if (r.status === 201) {
      if (t1 <= end) latencies.push(t1 - t0);
      else late++;
    } else {
      const kind = r.status === 0 ? `network ${r.body}` : `HTTP ${r.status}`;
      errors[kind] = (errors[kind] ?? 0) + 1;
      const sample = `${kind}: ${r.body.slice(0, 300)}`;
      if (samples.length < 5 && !samples.includes(sample)) samples.push(sample);
    }
  }
}

await Promise.all(bidders.map(bidder));
const cpu = process.cpuUsage(cpuBefore);
const elapsed = (performance.now() - start) / 1000;
for (const b of bidders) b.agent.destroy();

latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
const round = (x) => Math.round(x * 100) / 100;
console.log(
  JSON.stringify({
    label: opt.label,
    bidders: opt.bidders,
    seconds: opt.seconds,
    bid_bytes: plan.rush.bid_bytes,
    receipts: latencies.length,
    receipts_per_s: round(latencies.length / opt.seconds),
    p50_ms: round(pct(50)),
    p90_ms: round(pct(90)),
    p99_ms: round(pct(99)),
    max_ms: round(latencies.at(-1) ?? NaN),
    errors: Object.values(errors).reduce((a, b) => a + b, 0),
    error_kinds: errors,
    error_samples: samples,
    completed_after_window: late,
    requests: seq,
    client_cpu_pct: Math.round((100 * (cpu.user + cpu.system)) / 1e6 / elapsed),
  }),
);
