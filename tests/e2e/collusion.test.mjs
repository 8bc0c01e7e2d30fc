// Collusion indicators over the real platform: four bidders of one tender, two of which send their
// bids from one device and share a contact, three of which price in equal steps; the supervisor sees
// the indicators with their evidence once the bids are opened, never before, and nobody else does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startStack } from './harness.mjs';
import {
  call,
  draftTerms,
  enterprise,
  officerWithJsKey,
  openAtDeadline,
  pinClock,
  sealBid,
  staff,
} from './tendering.mjs';

const NOW = '2026-11-27T02:00:00.000000Z';
let stack;
let tender;
const people = { bidders: [] };

before(async () => {
  stack = await startStack({ withEngine: false, settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.supervisor = await staff(stack, 'supervisor', 'yan.supervisor');
  people.official = await staff(stack, 'official', 'qiu.official');
  people.officer1 = await officerWithJsKey(stack, 'jin.officer');
  people.officer2 = await officerWithJsKey(stack, 'luo.officer');
  const agent = { contact_phone: '+86 20 6666 1234', contact_email: 'same.agent@example.cn' };
  people.bidders.push(await enterprise(stack, '91440101MA5K00001', '串标甲公司', agent));
  people.bidders.push(await enterprise(stack, '91440101MA5K00002', '串标乙公司', agent));
  people.bidders.push(await enterprise(stack, '91440101MA5K00003', '串标丙公司'));
  people.bidders.push(await enterprise(stack, '91440101MA5K00004', '独立丁公司'));
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, [people.officer1, people.officer2]),
  });
  tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).body;
  const plan = [
    [people.bidders[0], 80_000_000, 'device-ring'],
    [people.bidders[1], 83_000_000, 'device-ring'],
    [people.bidders[2], 86_000_000, 'device-c'],
    [people.bidders[3], 87_654_300, 'device-d'],
  ];
  for (const [i, [who, price, device]] of plan.entries()) {
    const r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/bids`, {
      token: who.token,
      body: await sealBid(tender, who, price),
      headers: { 'content-type': 'application/jose', 'idempotency-key': `ring-${i}`, 'gp-device': device },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
});

after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('the supervisor sees each indicator with its evidence once the bids are opened', async () => {
  const route = `/api/tenders/${tender.id}/collusion`;
  const early = await call(stack.base, 'GET', route, { token: people.supervisor.token });
  assert.equal(early.status, 409, 'nothing before the opening: the bidders are confidential');
  assert.equal((await call(stack.base, 'GET', route, { token: people.official.token })).status, 403);
  assert.equal((await call(stack.base, 'GET', route, { token: people.bidders[3].token })).status, 403);

  await openAtDeadline(stack, tender, [people.officer1, people.officer2],
    [people.supervisor, people.official, people.officer1, people.officer2]);

  const r = await call(stack.base, 'GET', route, { token: people.supervisor.token });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const byKind = Object.fromEntries(r.body.items.map((i) => [i.kind, i]));
  const [a, b, c, d] = people.bidders.map((x) => x.id);
  assert.deepEqual(byKind.same_device.bidders, [a, b].sort());
  assert.match(byKind.same_device.evidence, /device-ring/);
  assert.deepEqual(byKind.same_contact_person.bidders, [a, b].sort());
  assert.deepEqual(byKind.regular_prices.bidders, [a, b, c].sort(), 'three prices 30,000 yuan apart');
  assert.ok(!byKind.regular_prices.bidders.includes(d));
  // Every bid came from this machine: a shared address, reported as weak evidence.
  assert.ok(byKind.same_ip_address.strength_x100 < 50);

  const alerts = await call(stack.base, 'GET', '/api/supervision/alerts', { token: people.supervisor.token });
  assert.equal(alerts.status, 200);
  assert.ok(alerts.body.items.every((i) => i.strength_x100 >= 50), 'weak signals are left out of the alerts');
  assert.ok(alerts.body.items.some((i) => i.kind === 'same_device' && i.tender_id === tender.id));
  assert.equal((await call(stack.base, 'GET', '/api/supervision/alerts', { token: people.official.token })).status, 403);
});
