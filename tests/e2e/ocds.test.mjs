// Open data in OCDS 1.1 with the real server and PostgreSQL: every package the API gives along a
// tender's life (published, opened, awarded, contracted; and a cancelled one) validates against the
// official schemas with the bid extension merged (tests/fixtures/ocds), and nothing confidential
// shows before the opening.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startStack } from './harness.mjs';
import {
  call,
  draftTerms,
  enterprise,
  evaluateByPanel,
  instantPlusMicros,
  officerWithJsKey,
  openAtDeadline,
  pinClock,
  sealBid,
  signInAgain,
  staff,
  submitBid,
} from './tendering.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'web/package.json'));
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');
const NOW = '2026-11-27T02:00:00.000000Z';
let stack;
let validate;
const people = { bidders: [] };
const seen = [];

// RFC 7386.
function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function schemas() {
  const load = (f) => JSON.parse(readFileSync(path.join(root, 'tests/fixtures/ocds', f), 'utf8'));
  const release = mergePatch(load('release-schema.json'), load('bid-extension-release-schema.json'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default ? addFormats.default(ajv) : addFormats(ajv);
  ajv.addSchema(release);
  ajv.addSchema(load('versioned-release-validation-schema.json')); // the record package refers to it
  return {
    release: (doc) => ajv.validate(release.id, doc) || ajv.errorsText(ajv.errors),
    releasePackage: ajv.compile(load('release-package-schema.json')),
    recordPackage: ajv.compile(load('record-package-schema.json')),
  };
}

// Fetches a package, validates it and every release in it; keeps it for the final check.
async function ocds(route) {
  const r = await call(stack.base, 'GET', route);
  assert.equal(r.status, 200, `${route}: ${JSON.stringify(r.body)}`);
  const pkg = r.body;
  if (pkg.records) {
    assert.ok(validate.recordPackage(pkg), `${route}: ${JSON.stringify(validate.recordPackage.errors)}`);
    for (const rec of pkg.records) {
      for (const rel of [...rec.releases, rec.compiledRelease]) assert.equal(validate.release(rel), true, route);
    }
  } else {
    assert.ok(validate.releasePackage(pkg), `${route}: ${JSON.stringify(validate.releasePackage.errors)}`);
    for (const rel of pkg.releases) assert.equal(validate.release(rel), true, `${route} ${rel.id}`);
  }
  seen.push(route);
  return pkg;
}

before(async () => {
  validate = schemas();
  stack = await startStack({ settings: { 'testing.clock_control': 'true', 'ocds.ocid_prefix': 'ocds-gptest' } });
  await pinClock(stack.base, NOW);
  people.official = await staff(stack, 'official', 'open.official');
  people.officer1 = await officerWithJsKey(stack, 'open.officer1');
  people.officer2 = await officerWithJsKey(stack, 'open.officer2');
  for (let i = 0; i < 5; i++) {
    const expert = await staff(stack, 'expert', `open.expert.${i}`);
    people.experts = [...(people.experts ?? []), expert];
  }
  people.admin = await staff(stack, 'admin', 'open.admin');
  for (const e of people.experts) {
    await call(stack.base, 'PUT', `/api/experts/${e.id}/profile`, { token: people.admin.token, body: { specialties: ['network'] } });
  }
  for (let i = 0; i < 3; i++) people.bidders.push(await enterprise(stack, `91440101MA5H0000${i + 1}`, `开放数据${i + 1}号公司`));
});

after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('a tender through its life: each package validates, bids appear only after the opening', async () => {
  // The validator is not blind: a bad date, and a bid status outside the extension's codelist, fail.
  const minimal = { ocid: 'ocds-gptest-T-1', id: '1', date: '2026-11-27T02:00:00Z', tag: ['tender'], initiationType: 'tender' };
  assert.equal(validate.release(minimal), true);
  assert.notEqual(validate.release({ ...minimal, date: '27/11/2026' }), true);
  assert.notEqual(validate.release({ ...minimal, bids: { details: [{ id: 'b', status: 'sealed' }] } }), true);
  const officers = [people.officer1, people.officer2];
  const draft = (await call(stack.base, 'POST', '/api/tenders', { token: people.official.token, body: draftTerms(NOW, officers) })).body;
  assert.equal((await call(stack.base, 'GET', `/api/ocds/releases/${draft.id}`)).status, 404, 'drafts are not published');
  const tender = (await call(stack.base, 'POST', `/api/tenders/${draft.id}/publish`, { token: people.official.token })).body;

  let pkg = await ocds(`/api/ocds/releases/${tender.id}`);
  assert.equal(pkg.version, '1.1');
  assert.deepEqual(pkg.releases.map((r) => r.tag), [['tender']]);
  const release = pkg.releases[0];
  assert.equal(release.ocid, `ocds-gptest-${tender.id}`);
  assert.equal(release.tender.value.amount, 1_000_000);
  assert.equal(release.tender.value.currency, 'CNY');

  for (const [i, price] of [81_000_000, 86_000_000, 90_000_000].entries()) {
    const r = await submitBid(stack.base, tender.id, people.bidders[i], await sealBid(tender, people.bidders[i], price), `ocds-${i}`);
    assert.equal(r.status, 201);
  }
  pkg = await ocds(`/api/ocds/releases/${tender.id}`);
  const text = JSON.stringify(pkg);
  assert.ok(!text.includes('"bids"') && !text.includes('numberOfTenderers'), 'nothing about bids before the opening');
  for (const b of people.bidders) assert.ok(!text.includes(b.id), 'no bidder before the opening');
  const feedBefore = await ocds('/api/ocds/releases');
  assert.ok(!JSON.stringify(feedBefore).includes(people.bidders[0].id));

  await openAtDeadline(stack, tender, [people.officer1, people.officer2],
    [people.official, people.officer1, people.officer2, people.admin, ...people.experts, ...people.bidders]);
  pkg = await ocds(`/api/ocds/releases/${tender.id}`);
  const opened = pkg.releases.at(-1);
  assert.deepEqual(opened.tag, ['tenderUpdate']);
  assert.equal(opened.tender.numberOfTenderers, 3);
  assert.deepEqual(opened.bids.details.map((b) => b.value.amount).sort(), [810000, 860000, 900000]);

  // Panel, scores, sign-off, award, notice, contract.
  await evaluateByPanel(stack, tender, people.official, people.experts, people.bidders);
  const award = await call(stack.base, 'POST', `/api/tenders/${tender.id}/award`, { token: people.official.token, body: { winner: people.bidders[0].id } });
  assert.equal(award.status, 201, JSON.stringify(award.body));
  pkg = await ocds(`/api/ocds/releases/${tender.id}`);
  assert.equal(pkg.releases.at(-1).awards[0].status, 'pending', 'pending during its publicity');
  await pinClock(stack.base, instantPlusMicros(award.body.publicity_ends_at, 1));
  await signInAgain(stack, [people.official]);
  const notice = await call(stack.base, 'POST', `/api/tenders/${tender.id}/award/notice`, { token: people.official.token });
  await call(stack.base, 'POST', `/api/tenders/${tender.id}/contract`, {
    token: people.official.token, body: { signed_at: notice.body.notice_at, amount_fen: 81_000_000 },
  });
  pkg = await ocds(`/api/ocds/releases/${tender.id}`);
  assert.deepEqual(pkg.releases.map((r) => r.tag[0]), ['tender', 'tenderUpdate', 'award', 'contract']);
  const last = pkg.releases.at(-1);
  assert.equal(last.awards[0].status, 'active');
  assert.equal(last.awards[0].suppliers[0].id, people.bidders[0].id);
  assert.equal(last.contracts[0].value.amount, 810000);
  assert.equal(last.tender.status, 'complete');
  const record = await ocds(`/api/ocds/records/${tender.id}`);
  assert.deepEqual(record.records[0].compiledRelease.tag, ['compiled']);
  assert.equal(record.records[0].releases.length, 4);
});

test('a cancelled tender ends with a cancellation; the feed pages by date', async () => {
  const officers = [people.officer1, people.officer2];
  const start = '2026-12-30T02:00:00.000000Z';
  await pinClock(stack.base, start);
  await signInAgain(stack, [people.official]);
  const draft = (await call(stack.base, 'POST', '/api/tenders', { token: people.official.token, body: draftTerms(start, officers, { title: '取消的招标' }) })).body;
  const tender = (await call(stack.base, 'POST', `/api/tenders/${draft.id}/publish`, { token: people.official.token })).body;
  const cancelled = await call(stack.base, 'POST', `/api/tenders/${tender.id}/cancel`, { token: people.official.token, body: { reason: '需求变更' } });
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  // A draft cancelled before publication was never public, and stays so.
  const unpublished = (await call(stack.base, 'POST', '/api/tenders', { token: people.official.token, body: draftTerms(start, officers, { title: '未发布即取消' }) })).body;
  assert.equal((await call(stack.base, 'POST', `/api/tenders/${unpublished.id}/cancel`, { token: people.official.token, body: { reason: '草稿作废' } })).status, 200);
  assert.equal((await call(stack.base, 'GET', `/api/ocds/releases/${unpublished.id}`)).status, 404);
  assert.ok(!JSON.stringify((await call(stack.base, 'GET', '/api/ocds/releases')).body).includes(unpublished.id));
  const pkg = await ocds(`/api/ocds/releases/${tender.id}`);
  const last = pkg.releases.at(-1);
  assert.deepEqual(last.tag, ['tenderCancellation']);
  assert.equal(last.tender.status, 'cancelled');

  const first = await ocds('/api/ocds/releases?limit=2');
  assert.equal(first.releases.length, 2);
  assert.ok(first.links.next.includes('/api/ocds/releases?since='));
  const next = await ocds(first.links.next.slice(first.links.next.indexOf('/api/')));
  const boundary = first.releases.at(-1);
  assert.ok(next.releases.every((r) => r.date > boundary.date || (r.date === boundary.date && r.id > boundary.id)));
  // Paging through the feed sees every release once, those sharing a time included.
  const everything = (await call(stack.base, 'GET', '/api/ocds/releases?limit=100')).body.releases.map((r) => r.id);
  const paged = [];
  for (let route = '/api/ocds/releases?limit=1'; route;) {
    const page = (await call(stack.base, 'GET', route)).body;
    paged.push(...page.releases.map((r) => r.id));
    route = page.releases.length ? page.links.next.slice(page.links.next.indexOf('/api/')) : null;
  }
  assert.deepEqual(paged, everything);
  assert.equal((await call(stack.base, 'GET', '/api/ocds/releases?since=yesterday')).status, 422);
  assert.ok(seen.length >= 9, 'every package the tests fetched was validated');
});

test('the statistics count the tenders by month and category, as JSON and CSV', async () => {
  const r = await call(stack.base, 'GET', '/api/statistics');
  assert.equal(r.status, 200);
  const [november, december] = r.body.tenders;
  assert.deepEqual(
    { period: november.period, category: november.category, tenders: november.tenders, opened: november.opened,
      average_bids_x100: november.average_bids_x100, awarded: november.awarded, contracted_fen: november.contracted_fen },
    { period: '2026-11', category: 'goods', tenders: 1, opened: 1, average_bids_x100: 300, awarded: 1, contracted_fen: 81_000_000 },
  );
  assert.ok(november.median_seconds_to_award >= 21 * 86400, 'published on the 27th, awarded after the 21-day bidding period');
  assert.deepEqual([december.period, december.tenders, december.cancelled, december.opened], ['2026-12', 1, 1, 0]);
  const csv = await fetch(`${stack.base}/api/statistics?format=csv&from=2026-12-01T00:00:00Z`);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  const lines = (await csv.text()).trim().split('\r\n');
  assert.equal(lines[0].split(',')[0], 'period');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(0, 3)), [['2026-12', 'goods', '1']], 'only December from the 1st');
  assert.equal((await call(stack.base, 'GET', '/api/statistics?format=xml')).status, 422);
});
