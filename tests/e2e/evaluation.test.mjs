// Evaluation and award, end to end with the real server, engine and PostgreSQL: the expert pool, a
// panel drawn from the seed committed at publication (re-run here in JavaScript from the draw's audit
// entry), the room scored by the panel with the ranking arriving live over a WebSocket, the engine
// killed and replaced mid-evaluation, the signed-off result equal to `gongping evaluate`'s, then the
// award with its publicity, an objection, the notice and the contract.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';

import { runCli, startEngine, startStack } from './harness.mjs';
import {
  call,
  draftTerms,
  drawOrder,
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
const YEAR_MS = 365 * 86_400_000;
let stack;
let tender;
const people = { experts: [], bidders: [] };

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();

function watchEvaluation(token, port = stack.port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/tenders/${tender.id}/evaluation/live`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const messages = [];
  ws.addEventListener('message', (event) => messages.push(JSON.parse(event.data)));
  const closed = new Promise((resolve) => ws.addEventListener('close', (e) => resolve(e.code)));
  return {
    ws,
    messages,
    closed,
    async until(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (predicate(messages)) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`not seen in time; got ${JSON.stringify(messages.map((m) => m.type))}`);
    },
  };
}


function score(member, bidder, criterion, value) {
  return call(stack.base, 'PUT', `/api/tenders/${tender.id}/evaluation/scores`, {
    token: member.token,
    body: { bidder, criterion, score: value },
  });
}

before(async () => {
  stack = await startStack({ settings: { 'testing.clock_control': 'true' } });
  await pinClock(stack.base, NOW);
  people.admin = await staff(stack, 'admin', 'pan.admin');
  people.official = await staff(stack, 'official', 'lu.official');
  people.rep = await staff(stack, 'official', 'he.purchaser');
  people.supervisor = await staff(stack, 'supervisor', 'qin.supervisor');
  people.officer1 = await officerWithJsKey(stack, 'fan.officer');
  people.officer2 = await officerWithJsKey(stack, 'ma.officer');
  const draft = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, [people.officer1, people.officer2]),
  });
  tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: people.official.token })).body;
  for (const [i, price] of [81_000_000, 86_000_000, 90_000_000].entries()) {
    const who = await enterprise(stack, `91440101MA5E0000${i + 1}`, `评标测试${i + 1}号公司`);
    people.bidders.push(who);
    const r = await submitBid(stack.base, tender.id, who, await sealBid(tender, who, price), `eval-${i}`);
    assert.equal(r.status, 201);
  }
  for (let i = 0; i < 7; i++) people.experts.push(await staff(stack, 'expert', `expert.${i}`));
  // A second tender whose third bid is above the 95,000,000 fen ceiling: two valid bids of the three.
  const draft2 = await call(stack.base, 'POST', '/api/tenders', {
    token: people.official.token,
    body: draftTerms(NOW, [people.officer1, people.officer2], { title: '机房空调维保服务' }),
  });
  people.thinTender = (await call(stack.base, 'POST', `/api/tenders/${draft2.body.id}/publish`, { token: people.official.token })).body;
  for (const [i, price] of [80_000_000, 85_000_000, 96_000_000].entries()) {
    const who = people.bidders[i];
    const r = await submitBid(stack.base, people.thinTender.id, who, await sealBid(people.thinTender, who, price), `thin-${i}`);
    assert.equal(r.status, 201);
  }
});
after(async () => {
  const exit = await stack.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
});

test('experts keep their pool profile; nobody else but an admin may change it', async () => {
  const [own, other] = people.experts;
  const profile = { specialties: ['network'], employments: [], interests: [] };
  let r = await call(stack.base, 'PUT', `/api/experts/${own.id}/profile`, { token: own.token, body: profile });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.specialties, ['network']);
  r = await call(stack.base, 'PUT', `/api/experts/${other.id}/profile`, { token: own.token, body: profile });
  assert.equal(r.status, 404, "another expert's profile is not theirs to keep");
  r = await call(stack.base, 'GET', `/api/experts/${other.id}/profile`, { token: own.token });
  assert.equal(r.status, 404);
  r = await call(stack.base, 'GET', `/api/experts/${own.id}/profile`, { token: people.bidders[0].token });
  assert.equal(r.status, 403);
  r = await call(stack.base, 'PUT', `/api/experts/${own.id}/profile`, {
    token: own.token,
    body: { specialties: ['network'], interests: [{ enterprise: 'E-999999', kind: 'stake' }] },
  });
  assert.equal(r.status, 422);
  assert.equal(r.body.errors[0].field, 'interests[0].enterprise');

  // The admin fills in the rest of the pool: expert 5 declared a stake in the first bidder, expert 6
  // worked for the second until a year ago (both excluded); expert 4 left the second bidder 4 years ago.
  for (const [i, expert] of people.experts.entries()) {
    const body = { specialties: i === 3 ? ['law'] : ['network'], employments: [], interests: [] };
    if (i === 4) body.employments = [{ enterprise: people.bidders[1].id, from: '2015-01-01T00:00:00Z', until: new Date(Date.parse(NOW) - 4 * YEAR_MS).toISOString() }];
    if (i === 5) body.interests = [{ enterprise: people.bidders[0].id, kind: 'stake' }];
    if (i === 6) body.employments = [{ enterprise: people.bidders[1].id, from: '2019-01-01T00:00:00Z', until: new Date(Date.parse(NOW) - YEAR_MS).toISOString() }];
    r = await call(stack.base, 'PUT', `/api/experts/${expert.id}/profile`, { token: people.admin.token, body });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
});

test('the panel is drawn after the opening from the committed seed, and the draw re-runs in JavaScript', async () => {
  const request = { size: 5, specialty: 'network', purchaser_representatives: [people.rep.id] };
  let r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/panel`, { token: people.official.token, body: request });
  assert.equal(r.status, 409, 'not before the bids are opened');

  await pinClock(stack.base, instantPlusMicros(tender.bid_deadline, 1));
  await signInAgain(stack, [people.official, people.officer1, people.officer2, people.rep, people.supervisor, people.admin,
    ...people.experts, ...people.bidders]);
  await call(stack.base, 'GET', `/api/tenders/${tender.id}/opening`); // bidding closes on the sweep
  for (let i = 0; i < 50; i++) {
    if ((await call(stack.base, 'GET', `/api/tenders/${tender.id}`)).body.state === 'opening') break;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.equal((await handInShare(stack.base, tender.id, people.officer1)).status, 202);
  assert.equal((await handInShare(stack.base, tender.id, people.officer2)).status, 201);

  r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/panel`, {
    token: people.official.token,
    body: { ...request, size: 4 },
  });
  assert.equal(r.status, 422);
  r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/panel`, {
    token: people.official.token,
    body: { ...request, purchaser_representatives: [people.official.id] },
  });
  assert.equal(r.status, 422, 'the author oversees the panel and cannot sit on it');
  r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/panel`, { token: people.official.token, body: request });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const panel = r.body;
  const draw = panel.draw_entry.data;
  assert.equal(panel.draw_entry.action, 'panel.drawn');

  // Anyone can check the draw: the commitment, the seed, then the order.
  const secret = Buffer.from(draw.secret, 'hex');
  assert.equal(sha256(secret).toString('hex'), draw.commitment);
  const seed = sha256(Buffer.from('gongping panel seed v1'), secret, Buffer.from(draw.opening_digest, 'hex'));
  assert.equal(seed.toString('hex'), draw.seed);
  const ids = people.experts.map((e) => e.id);
  assert.deepEqual(draw.eligible, [ids[0], ids[1], ids[2], ids[4]].sort(), 'law, a stake and a recent employer are out');
  assert.deepEqual(draw.excluded.map((x) => x.expert).sort(), [ids[5], ids[6]].sort());
  assert.deepEqual(draw.order, drawOrder(seed, draw.eligible));

  const seated = panel.members.filter((m) => m.status === 'seated');
  assert.equal(seated.length, 5);
  assert.deepEqual(seated.filter((m) => m.kind === 'expert').map((m) => m.account).sort(), draw.order.slice(0, 4).sort());
  assert.equal(panel.members.find((m) => m.chair).account, draw.order[0]);
  assert.equal(panel.members.find((m) => m.account === people.rep.id).chair, false);

  r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/panel`, { token: people.official.token, body: request });
  assert.equal(r.status, 409, 'drawn once');
  r = await call(stack.base, 'GET', `/api/tenders/${tender.id}/panel`, { token: people.experts[3].token });
  assert.equal(r.status, 404, 'not for experts off the panel');
});

test('the panel scores, the author watches the ranking live, and the sign-off stores gongping evaluate\'s result', async () => {
  const panel = (await call(stack.base, 'GET', `/api/tenders/${tender.id}/panel`, { token: people.official.token })).body;
  const byId = new Map([...people.experts, people.rep].map((p) => [p.id, p]));
  const members = panel.members.filter((m) => m.status === 'seated').map((m) => byId.get(m.account));
  const outsider = people.experts[3];

  let r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/evaluation`, { token: people.bidders[0].token });
  assert.equal(r.status, 403);
  r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/evaluation`, { token: people.official.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const bidders = r.body.case.bids.map((b) => b.bidder);
  assert.deepEqual(bidders.sort(), people.bidders.map((b) => b.id).sort());

  const watcher = watchEvaluation(people.official.token);
  await watcher.until((m) => m.some((x) => x.type === 'standing'));
  // A supervisor watches through another server process: the engine's events reach every server.
  const otherServer = await stack.startServer();
  const elsewhere = watchEvaluation(people.supervisor.token, otherServer.port);
  await elsewhere.until((m) => m.some((x) => x.type === 'standing'));
  const stranger = watchEvaluation(people.bidders[0].token);
  assert.equal(await stranger.closed, 1008, 'an enterprise may not watch');

  assert.equal((await score(outsider, bidders[0], 'tech', 40)).status, 404);
  r = await score(members[0], bidders[0], 'tech', 50.5);
  assert.equal(r.status, 422, 'above the criterion max');
  assert.match(r.body.errors[0].detail, /outside \[0, 50\]/);

  // Every member scores every bid; the author sees the ranking move as the scores arrive.
  const scores = {};
  for (const [m, member] of members.entries()) {
    for (const [b, bidder] of bidders.entries()) {
      for (const [criterion, base] of [['tech', 30], ['service', 10]]) {
        const value = base + (2 - b) * 3 + m * 0.25;
        r = await score(member, bidder, criterion, value);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        scores[`${member.id}/${bidder}/${criterion}`] = value;
      }
    }
    if (m === 0) {
      const mine = (await call(stack.base, 'GET', `/api/tenders/${tender.id}/evaluation`, { token: member.token })).body;
      assert.ok(mine.scores.every((s) => s.expert === member.id), 'a member sees only their own scores before everyone is done');
      assert.equal(mine.standing, null, 'and no ranking');
      r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/evaluation/sign-off`, { token: member.token });
      assert.equal(r.status, 409, 'no sign-off while scores are missing');
    }
    if (m === 1) {
      // The engine dies without a journal; the score is kept and the room is rebuilt from PostgreSQL.
      await stack.engine.stop('SIGKILL');
      r = await score(member, bidders[0], 'tech', 12);
      assert.equal(r.status, 503);
      scores[`${member.id}/${bidders[0]}/tech`] = 12;
      stack.engine = await startEngine(stack.ports);
      // The server reconnects by itself (ZeroMQ retries within a second); until then, 503 again.
      const next = members[m + 1];
      const value = 30 + (m + 1) * 0.25;
      for (let i = 0; ; i++) {
        r = await score(next, bidders[0], 'tech', value);
        if (r.status !== 503 || i === 50) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      assert.equal(r.status, 200, 'the engine is back, and the room rebuilt from PostgreSQL');
    }
  }
  await watcher.until((m) => m.filter((x) => x.type === 'expert_finished').length >= 3);
  assert.ok(watcher.messages.some((x) => x.type === 'ranking_changed'));
  await elsewhere.until((m) => m.filter((x) => x.type === 'expert_finished').length >= 3);
  assert.ok(elsewhere.messages.some((x) => x.type === 'ranking_changed'), 'scores taken by one server, seen on another');
  elsewhere.ws.close();
  assert.deepEqual(await otherServer.child.stop(), { code: 0, signal: null });

  const live = (await call(stack.base, 'GET', `/api/tenders/${tender.id}/evaluation`, { token: people.supervisor.token })).body;
  assert.equal(live.members.every((m) => m.finished), true);
  assert.equal(live.standing.results.length, 3);

  // A signature covers the scores as they were: a change after it voids the signatures so far.
  const signOff = (member) => call(stack.base, 'POST', `/api/tenders/${tender.id}/evaluation/sign-off`, { token: member.token });
  assert.equal((await signOff(members[0])).status, 200);
  assert.equal((await score(members[1], bidders[1], 'service', 9.5)).status, 200);
  scores[`${members[1].id}/${bidders[1]}/service`] = 9.5;
  let progress = (await call(stack.base, 'GET', `/api/tenders/${tender.id}/evaluation`, { token: members[0].token })).body;
  assert.ok(progress.members.every((m) => !m.signed_off), 'the earlier signature is void');
  assert.equal(progress.scores.length, members.length * bidders.length * 2, 'everyone has finished: all scores are shown');
  for (const member of members) {
    r = await signOff(member);
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  assert.equal((await score(members[0], bidders[0], 'tech', 1)).status, 409, 'scores are final once signed off');
  const done = r.body;
  assert.equal(done.closed, true);
  assert.equal(createHash('sha256').update(JSON.stringify(done.result)).digest('hex'), done.result_sha256);

  // The same inputs through the CLI give the very same result.
  const inputs = done.case;
  inputs.bids = inputs.bids.map((bid) => ({
    ...bid,
    scores: Object.fromEntries(
      inputs.experts.map((e) => [e, Object.fromEntries(inputs.criteria.map((c) => [c.id, scores[`${e}/${bid.bidder}/${c.id}`]]))]),
    ),
  }));
  const cli = runCli(['evaluate'], { input: JSON.stringify(inputs) });
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(done.result, JSON.parse(cli.stdout));
  assert.equal(done.result.results[0].bidder, people.bidders[0].id, 'the cheapest, best-scored bid ranks first');
  await watcher.until((m) => m.some((x) => x.type === 'room_closed'));
  watcher.ws.close();
});

test('the award: the recommended winner, an objection that suspends the notice until answered, then the contract', async () => {
  const [winner, second, third] = people.bidders;
  const award = (body, token = people.official.token) =>
    call(stack.base, 'POST', `/api/tenders/${tender.id}/award`, { token, body });

  let r = await award({ winner: second.id });
  assert.equal(r.status, 422, 'not the recommended bidder, and no reason');
  assert.equal(r.body.errors[0].field, 'reason');
  r = await award({ winner: 'E-999999' });
  assert.equal(r.status, 422);
  r = await award({ winner: winner.id });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body.recommended, [winner.id]);
  assert.equal(r.body.winner_price_fen, 81_000_000);
  const publicityEnds = r.body.publicity_ends_at;
  assert.ok(Date.parse(publicityEnds) > Date.parse(r.body.announced_at));
  assert.equal((await call(stack.base, 'GET', `/api/tenders/${tender.id}`)).body.state, 'awarded');

  // An objection during the publicity: the public sees the award suspended, not who objected.
  r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/award/objections`, {
    token: second.token,
    body: { objection: '中标人的技术参数偏离招标文件第三章要求。' },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const objectionId = r.body.id;
  const publicView = (await call(stack.base, 'GET', `/api/tenders/${tender.id}/award`)).body;
  assert.deepEqual([publicView.suspended, publicView.objections, publicView.objection_details], [true, 1, []]);
  assert.equal(publicView.deviation_reason, null);
  const objectorView = (await call(stack.base, 'GET', `/api/tenders/${tender.id}/award`, { token: second.token })).body;
  assert.equal(objectorView.objection_details.length, 1);
  const othersView = (await call(stack.base, 'GET', `/api/tenders/${tender.id}/award`, { token: third.token })).body;
  assert.equal(othersView.objection_details.length, 0);

  const notice = () => call(stack.base, 'POST', `/api/tenders/${tender.id}/award/notice`, { token: people.official.token });
  assert.equal((await notice()).status, 409, 'not during the publicity');
  await pinClock(stack.base, instantPlusMicros(publicityEnds, 1));
  await signInAgain(stack, [people.official, second, third]);
  r = await notice();
  assert.equal(r.status, 409, 'suspended while the objection is open');
  assert.match(r.body.detail, /objection/);
  r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/award/objections`, {
    token: third.token,
    body: { objection: 'too late' },
  });
  assert.equal(r.status, 409, 'objections are raised during the publicity only');

  r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/award/objections/${objectionId}/answer`, {
    token: people.official.token,
    body: { answer: '经复核，中标人技术参数满足招标文件要求。' },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await notice();
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.suspended, false);
  assert.ok(r.body.notice_at);

  const contract = (body) => call(stack.base, 'POST', `/api/tenders/${tender.id}/contract`, { token: people.official.token, body });
  r = await contract({ signed_at: tender.bid_deadline, amount_fen: 81_000_000 });
  assert.equal(r.status, 422, 'not before the award notice');
  const noticeAt = (await call(stack.base, 'GET', `/api/tenders/${tender.id}/award`)).body.notice_at;
  r = await contract({ signed_at: noticeAt, amount_fen: 81_000_000 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body.contract, { signed_at: noticeAt, amount_fen: 81_000_000, late: false });
  assert.equal((await call(stack.base, 'GET', `/api/tenders/${tender.id}`)).body.state, 'contracted');
  assert.equal((await contract({ signed_at: noticeAt, amount_fen: 81_000_000 })).status, 409, 'recorded once');
});

test('with too few valid bids there is nothing to score: starting the evaluation fails the tender', async () => {
  const thin = people.thinTender;
  await signInAgain(stack, [people.official, people.officer1, people.officer2]);
  assert.equal((await handInShare(stack.base, thin.id, people.officer1)).status, 202);
  assert.equal((await handInShare(stack.base, thin.id, people.officer2)).status, 201);
  let r = await call(stack.base, 'POST', `/api/tenders/${thin.id}/panel`, {
    token: people.official.token,
    body: { size: 5, specialty: 'network', purchaser_representatives: [people.rep.id] },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  r = await call(stack.base, 'POST', `/api/tenders/${thin.id}/evaluation`, { token: people.official.token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.closed, true);
  assert.deepEqual(r.body.result, {
    status: 'failed',
    failure_reason: 'insufficient_valid_bids',
    rejected: [{ bidder: people.bidders[2].id, reason: 'above_ceiling' }],
  });
  const failed = (await call(stack.base, 'GET', `/api/tenders/${thin.id}`)).body;
  assert.equal(failed.state, 'failed');
});
