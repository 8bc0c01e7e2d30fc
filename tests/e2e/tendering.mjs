// The people of a tender, for the cross-process bidding tests: an official, opening officers with
// personal keys, enterprises, and helpers that seal bids with an independent JOSE library (`jose`
// from npm, as the browser will) rather than with our own code.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { json, post, runCli } from './harness.mjs';
import { draftTerms, jose, sealBid, uscc } from './tender_fixtures.mjs';

export { DAY_MS, draftTerms, jose, sealBid, uscc } from './tender_fixtures.mjs';

// "2026-12-17T02:00:00.000001Z" style: an ISO instant moved by `micros` microseconds.
export function instantPlusMicros(iso, micros) {
  const [whole, frac = '0'] = iso.replace('Z', '').split('.');
  const total = BigInt(Date.parse(whole + 'Z')) * 1000n + BigInt(frac.padEnd(6, '0').slice(0, 6)) + BigInt(micros);
  const ms = Number(total / 1000n);
  const rest = String(total % 1000000n).padStart(6, '0');
  return new Date(ms).toISOString().slice(0, 19) + '.' + rest + 'Z';
}

// Objects are sent as JSON; strings and bytes as they are.
export async function call(base, method, route, { token, body, headers = {} } = {}) {
  const raw = typeof body === 'string' || body instanceof Uint8Array;
  const res = await fetch(base + route, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function pinClock(base, now) {
  const r = await call(base, 'PUT', '/api/testing/clock', { body: { now } });
  assert.equal(r.status, 204, JSON.stringify(r.body));
}

// A staff account, signed in. `name` is its display name (a department account is named by its
// department).
export async function staff(stack, role, login, name = login) {
  const password = `${login}-password-1`;
  const made = runCli(['user', 'add', '--role', role, '--login', login, '--name', name, '--password-stdin'], {
    dbUrl: stack.schema.url,
    input: `${password}\n`,
  });
  assert.equal(made.status, 0, made.stderr);
  const res = await post(stack.base, '/api/session', { login, password });
  const body = await json(res);
  assert.equal(res.status, 201, JSON.stringify(body));
  return { token: body.token, id: body.account.id, login, password };
}

// Signs everyone in again (after a test moves the server clock past their sessions' lifetime).
export async function signInAgain(stack, persons) {
  for (const person of persons) {
    const res = await post(stack.base, '/api/session', { login: person.login, password: person.password });
    const body = await json(res);
    assert.equal(res.status, 201, JSON.stringify(body));
    person.token = body.token;
  }
}

// An enterprise, registered and signed in. Each has its own contact unless `contact` names one
// (the collusion tests give two bidders the same).
export async function enterprise(stack, first17, name, contact = {}) {
  const code = uscc(first17);
  const password = `bidder-${code}-pw`;
  const reg = await post(stack.base, '/api/enterprises', {
    name,
    uscc: code,
    contact_name: '王芳',
    contact_phone: `+86 20 ${[...first17].map((ch) => ch.charCodeAt(0) % 10).join('').slice(-8)}`,
    contact_email: `bids-${first17.slice(-6).toLowerCase()}@example.cn`,
    ...contact,
    password,
  });
  const registered = await json(reg);
  assert.equal(reg.status, 201, JSON.stringify(registered));
  const res = await post(stack.base, '/api/session', { login: code, password });
  const body = await json(res);
  assert.equal(res.status, 201);
  return { token: body.token, id: registered.enterprise_id, name, login: code, password };
}

// An officer whose key is made in JavaScript (as the browser will) and registered.
export async function officerWithJsKey(stack, login, role = 'official') {
  const person = await staff(stack, role, login);
  const { publicKey, privateKey } = await jose.generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  const jwk = await jose.exportJWK(publicKey);
  const r = await call(stack.base, 'PUT', '/api/me/opening-key', { token: person.token, body: jwk });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return { ...person, privateKey, kid: r.body.kid };
}


// `credentials`: ids from the bidder's vault sent with the bid (?credentials=C-1,C-2).
export function submitBid(base, tenderId, bidder, jwe, idempotencyKey, credentials = []) {
  const query = credentials.length ? `?credentials=${credentials.join(',')}` : '';
  return call(base, 'POST', `/api/tenders/${tenderId}/bids${query}`, {
    token: bidder.token,
    body: jwe,
    headers: { 'content-type': 'application/jose', 'idempotency-key': idempotencyKey },
  });
}

// An officer whose key was made in JavaScript fetches the sealed opening share, opens it and hands it
// in; the answer is the server's (202 while shares are missing, 201 with the k-th).
export async function handInShare(base, tenderId, officer) {
  const sealed = await call(base, 'GET', `/api/tenders/${tenderId}/sealed-share`, { token: officer.token });
  const { plaintext } = await jose.compactDecrypt(sealed.body.sealed_share, officer.privateKey);
  return call(base, 'POST', `/api/tenders/${tenderId}/opening/shares`, {
    token: officer.token,
    body: { share: new TextDecoder().decode(plaintext) },
  });
}

// docs/panel-draw.md, written again from the document: a Fisher-Yates shuffle driven by
// SHA-256(seed || u64be(counter)) words, with rejection sampling.
export function drawOrder(seed, ids) {
  const out = [...ids];
  let counter = 0n;
  let block = null;
  let used = 4;
  const word = () => {
    if (used === 4) {
      const c = Buffer.alloc(8);
      c.writeBigUInt64BE(counter++);
      block = createHash('sha256').update(Buffer.concat([seed, c])).digest();
      used = 0;
    }
    return block.readBigUInt64BE(8 * used++);
  };
  const below = (bound) => {
    const limit = (1n << 64n) - 1n - ((1n << 64n) % bound);
    for (;;) {
      const w = word();
      if (w <= limit) return w % bound;
    }
  };
  for (let i = out.length; i > 1; i--) {
    const j = Number(below(BigInt(i)));
    [out[i - 1], out[j]] = [out[j], out[i - 1]];
  }
  return out;
}

// Lets the bid deadline pass (the clock pinned one microsecond after it), signs `persons` in again,
// waits for the sweep to close bidding, and has the officers hand in their shares: the bids are
// opened.
export async function openAtDeadline(stack, tender, officers, persons) {
  await pinClock(stack.base, instantPlusMicros(tender.bid_deadline, 1));
  await signInAgain(stack, persons);
  await call(stack.base, 'GET', `/api/tenders/${tender.id}/opening`); // bidding closes on the sweep
  for (let i = 0; i < 50; i++) {
    if ((await call(stack.base, 'GET', `/api/tenders/${tender.id}`)).body.state === 'opening') break;
    await new Promise((res) => setTimeout(res, 100));
  }
  let last;
  for (const officer of officers) last = await handInShare(stack.base, tender.id, officer);
  assert.equal(last.status, 201, JSON.stringify(last.body));
}

// A tender of `official`'s, drafted at `now` with two new opening officers (keys made in
// JavaScript, logins `${prefix}.officer1` and 2), a sealed bid from each of `bids` ([person,
// price_fen]; three at least, or the tender fails) and opened at its deadline: → the tender.
export async function tenderOpenedWithBids(stack, official, now, bids, prefix) {
  await pinClock(stack.base, now);
  const officers = [await officerWithJsKey(stack, `${prefix}.officer1`), await officerWithJsKey(stack, `${prefix}.officer2`)];
  const draft = await call(stack.base, 'POST', '/api/tenders', { token: official.token, body: draftTerms(now, officers) });
  const tender = (await call(stack.base, 'POST', `/api/tenders/${draft.body.id}/publish`, { token: official.token })).body;
  for (const [who, price] of bids) {
    const r = await submitBid(stack.base, tender.id, who, await sealBid(tender, who, price), `t-${who.id}`);
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  await openAtDeadline(stack, tender, officers, [...officers, official, ...bids.map(([who]) => who)]);
  return tender;
}

// The evaluation of an opened tender done over the API: the author draws a panel of 5 ('network')
// and opens the room; every seated expert (of `experts`) gives each bidder the same scores
// (`scores`: [[criterion, score], ...]) and signs off. Answers the seated experts.
export async function evaluateByPanel(stack, tender, official, experts, bidders, scores = [['tech', 40], ['service', 15]]) {
  const panel = await call(stack.base, 'POST', `/api/tenders/${tender.id}/panel`, {
    token: official.token, body: { size: 5, specialty: 'network', purchaser_representatives: [] },
  });
  assert.equal(panel.status, 201, JSON.stringify(panel.body));
  assert.equal((await call(stack.base, 'POST', `/api/tenders/${tender.id}/evaluation`, { token: official.token })).status, 201);
  const byId = new Map(experts.map((e) => [e.id, e]));
  const members = panel.body.members.filter((m) => m.status === 'seated').map((m) => byId.get(m.account));
  for (const m of members) {
    for (const b of bidders) {
      for (const [criterion, score] of scores) {
        const r = await call(stack.base, 'PUT', `/api/tenders/${tender.id}/evaluation/scores`, { token: m.token, body: { bidder: b.id, criterion, score } });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
    }
  }
  for (const m of members) {
    const r = await call(stack.base, 'POST', `/api/tenders/${tender.id}/evaluation/sign-off`, { token: m.token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  return members;
}
