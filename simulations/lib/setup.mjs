// Fills a fresh gongping database through the API, for the benchmarks under simulations/: an
// official (made with the CLI), two opening officers with P-256 keys made by `jose`, TENDERS
// published tenders, BIDDERS registered and signed-in enterprises, and, for the first tender, sealed
// bids made ahead of time (JWEPER per bidder, each about BIDBYTES long as compact JWE), so that a
// load generator later measures the server and not `jose`.
//
//   node simulations/lib/setup.mjs --base URL --cli PATH --db-url URL --out PLAN.json
//        [--tenders 1] [--bidders 0] [--jwes-per-bidder 4] [--bid-bytes 4096] [--paths FILE]
//
// PLAN.json: {"base", "tenders": [ids], "rush": {"tender_id", "bidders": [{"id", "token", "jwes"}]}}.
// --paths FILE writes one "/api/tenders/{id}" line per tender (for wrk). Follows the same API steps
// as tests/e2e/tendering.mjs, with its fixtures (tests/e2e/tender_fixtures.mjs).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';

import { draftTerms, jose, sealBid, uscc } from '../../tests/e2e/tender_fixtures.mjs';

function options(argv) {
  const o = { tenders: 1, bidders: 0, 'jwes-per-bidder': 4, 'bid-bytes': 4096 };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(`bad argument ${argv[i]}`);
    o[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['base', 'cli', 'db-url', 'out']) if (!o[k]) throw new Error(`--${k} is required`);
  for (const k of ['tenders', 'bidders', 'jwes-per-bidder', 'bid-bytes']) o[k] = Number(o[k]);
  return o;
}

const opt = options(process.argv.slice(2));
async function call(method, route, { token, body, headers = {}, expect } = {}) {
  const res = await fetch(opt.base + route, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : null;
  if (expect !== undefined && res.status !== expect) {
    throw new Error(`${method} ${route}: ${res.status} (expected ${expect}): ${text.slice(0, 500)}`);
  }
  return parsed;
}

async function signIn(login, password) {
  return call('POST', '/api/session', { body: { login, password }, expect: 201 });
}

async function staff(role, login) {
  const password = `${login}-password-1`;
  const made = spawnSync(
    opt.cli,
    ['user', 'add', '--role', role, '--login', login, '--name', login, '--password-stdin'],
    { encoding: 'utf8', input: `${password}\n`, env: { ...process.env, GONGPING_DATABASE_URL: opt['db-url'] } },
  );
  if (made.status !== 0) throw new Error(`gongping user add ${login}: ${made.stderr}`);
  const session = await signIn(login, password);
  return { token: session.token, id: session.account.id };
}

async function officer(login) {
  const person = await staff('official', login);
  const { publicKey } = await jose.generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  await call('PUT', '/api/me/opening-key', { token: person.token, body: await jose.exportJWK(publicKey), expect: 200 });
  return person;
}

// The shared terms (tests/e2e/tender_fixtures.mjs), one lot per tender.
function lotTerms(now, officers, i) {
  return draftTerms(now, officers, {
    title: `政务云网络交换机采购 第${i + 1}包`,
    description: 'Core and access switches for the provincial government cloud. '.repeat(8),
    budget_fen: 100_000_000 + i,
  });
}

async function inParallel(n, width, task) {
  const out = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

async function enterprise(i) {
  const code = uscc(`91440300MA${String(i).padStart(7, '0')}`);
  const password = `bidder-${code}-pw`;
  const registered = await call('POST', '/api/enterprises', {
    body: {
      name: `压测投标企业${i}有限公司`,
      uscc: code,
      contact_name: '王芳',
      contact_phone: '+86 20 8888 0000',
      contact_email: `bids${i}@example.cn`,
      password,
    },
    expect: 201,
  });
  const session = await signIn(code, password);
  return { id: registered.enterprise_id, token: session.token };
}

const started = Date.now();
const official = await staff('official', 'bench.official');
const officers = [await officer('bench.officer1'), await officer('bench.officer2')];
const now = Date.now();
const tenderIds = await inParallel(opt.tenders, 4, async (i) => {
  const draft = await call('POST', '/api/tenders', { token: official.token, body: lotTerms(now, officers, i), expect: 201 });
  await call('POST', `/api/tenders/${draft.id}/publish`, { token: official.token, expect: 200 });
  return draft.id;
});
const plan = { base: opt.base, tenders: tenderIds, rush: null };
if (opt.bidders > 0) {
  const tender = await call('GET', `/api/tenders/${tenderIds[0]}`, { expect: 200 });
  const bidders = await inParallel(opt.bidders, 8, enterprise);
  // The padding that brings a sealed bid to about --bid-bytes: base64url turns 3 bytes into 4.
  const bare = await sealBid(tender, bidders[0], 1, { content: { remarks: '' } });
  const padLength = Math.max(0, Math.floor(((opt['bid-bytes'] - bare.length) * 3) / 4));
  for (const [i, bidder] of bidders.entries()) {
    bidder.jwes = [];
    for (let k = 0; k < opt['jwes-per-bidder']; k++) {
      const padding = randomBytes(padLength).toString('base64').slice(0, padLength);
      bidder.jwes.push(await sealBid(tender, bidder, 80_000_000 + i * 1000 + k, { content: { remarks: padding } }));
    }
  }
  plan.rush = { tender_id: tender.id, bid_bytes: bidders[0].jwes[0].length, bidders };
}
writeFileSync(opt.out, JSON.stringify(plan));
if (opt.paths) writeFileSync(opt.paths, tenderIds.map((id) => `/api/tenders/${id}\n`).join(''));
console.error(
  `setup: ${opt.tenders} published tenders, ${opt.bidders} bidders` +
    (plan.rush ? `, ${opt.bidders * opt['jwes-per-bidder']} sealed bids of ${plan.rush.bid_bytes} bytes` : '') +
    ` in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
