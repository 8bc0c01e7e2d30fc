// The enterprise's bid: the price and declarations are sealed in this browser (JWE, ECDH-ES with
// A256GCM, to the tender's opening key, specs/sealed-bid.md) before anything leaves the page, so the
// platform receives only ciphertext. The signed receipt comes back and is checked here.
import * as jose from '/vendor/jose/index.js';

import { api, problemText, uploadWithProgress } from '../api.js';
import { facts, field, fill, h } from '../dom.js';
import { lastBeijingDay, parseYuan, time, yuan } from '../format.js';
import { enumName, t } from '../i18n.js';
import { envelopeHash, receiptDownload, sha256Hex, verifyReceipt } from '../receipt.js';
import { deadlineCountdown } from './tenders.js';

const SIZES = ['large', 'medium', 'small', 'micro'];

// Attachments are at most 200 MiB each (specs/sealed-bid.md); larger ones are refused before they
// are read into memory.
const MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;

// One attachment, encrypted here under a fresh AES-256-GCM key and IV (the object uploaded is
// ciphertext || tag, specs/sealed-bid.md), uploaded with its progress shown: → its entry for the
// sealed bid. The key travels only inside the sealed bid.
async function encryptAndUpload(tender, file, onProgress) {
  if (file.size > MAX_ATTACHMENT_BYTES) throw new Error(t('attachmentTooLarge', { name: file.name }));
  const key = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const aes = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  const object = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, await file.arrayBuffer());
  const sha256 = await sha256Hex(object);
  const stored = await uploadWithProgress(`/api/tenders/${tender.id}/attachments?name=${encodeURIComponent(file.name)}`, object, onProgress);
  if (stored.sha256 !== sha256) throw new Error(t('uploadHashDiffers', { name: file.name }));
  return { name: file.name, bytes: file.size, key: jose.base64url.encode(key), iv: jose.base64url.encode(iv), sha256 };
}

// The sealed bid, exactly as `gongping seal` and the tests make it: one format.
export async function sealBid(tender, bidderId, priceFen, size, jointVenture, attachments = []) {
  const key = await jose.importJWK(tender.opening_key, 'ECDH-ES');
  const plaintext = new TextEncoder().encode(JSON.stringify({
    v: 1,
    tender_id: tender.id,
    bidder_id: bidderId,
    price_fen: Number(priceFen),
    size,
    attachments,
    declarations: { joint_venture: jointVenture },
  }));
  return new jose.CompactEncrypt(plaintext)
    .setProtectedHeader({
      alg: 'ECDH-ES',
      enc: 'A256GCM',
      kid: tender.opening_key.kid,
      gp_tender: tender.id,
      gp_bidder: bidderId,
      cty: 'application/vnd.gongping.bid+json;v=1',
    })
    .encrypt(key);
}

// The receipt, checked in the page against what was sent (`expected`: tender_id, bidder_id,
// envelope_sha256), with its fields and a download.
export async function receiptCard(jws, expected) {
  const check = await verifyReceipt(jws, expected);
  if (!check.valid) {
    return h('section', { class: 'receipt bad', role: 'alert' }, h('h2', {}, t('receipt')), h('p', {}, t('receiptInvalid', { reason: check.reason })));
  }
  const p = check.payload;
  return h('section', { class: 'receipt good' },
    h('h2', {}, t('receipt')),
    h('p', { class: 'verified' }, '✔ ', t('receiptVerified', { kid: check.kid })),
    facts([
      [t('bidId'), p.bid_id],
      [t('bidAction'), enumName('bidAction', p.action)],
      [t('receivedAt'), time(p.received_at)],
      [t('envelopeHash'), h('code', { class: 'hash' }, p.envelope_sha256)],
      [t('auditIndex'), String(p.audit_index)],
    ]),
    h('p', {}, h('a', { class: 'button', href: receiptDownload(jws, p), download: `receipt-${p.bid_id}.json` }, t('downloadReceipt'))));
}

// The credentials from the vault that go with the bid: each one the enterprise holds, checked
// when the tender requires its kind, disabled when it is withdrawn or lapses before the deadline
// (the server would refuse it); the required kinds the vault lacks are named, with a way to the
// vault. → { node, chosen() → the checked credentials' ids, missing() → the required kinds the
// checked ones do not cover }.
function credentialChooser(tender, vault) {
  const required = tender.qualification_requirements ?? [];
  const deadline = Date.parse(tender.bid_deadline);
  const usable = (c) => !c.withdrawn && (!c.valid_until || Date.parse(c.valid_until) >= deadline);
  const held = vault.filter((c) => !c.withdrawn);
  const boxes = held.map((c) => {
    const box = h('input', { type: 'checkbox', id: `bid-cred-${c.id}`, value: c.id, disabled: !usable(c), checked: usable(c) && required.includes(c.kind) });
    return { c, box };
  });
  const missing = required.filter((kind) => !held.some((c) => usable(c) && c.kind === kind));
  return {
    chosen: () => boxes.filter(({ box }) => box.checked).map(({ c }) => c.id),
    missing: () => required.filter((kind) => !boxes.some(({ c, box }) => box.checked && c.kind === kind)),
    node: h('fieldset', { class: 'credentials-choice' },
      h('legend', {}, t('bidCredentials')),
      required.length ? h('p', { class: 'hint' }, t('requiredKinds', { kinds: required.join(t('listSeparator')) })) : h('p', { class: 'hint' }, t('noRequiredKinds')),
      boxes.length === 0 ? h('p', { class: 'empty' }, t('noCredentials')) : boxes.map(({ c, box }) => h('div', { class: 'field check' }, box,
        h('label', { for: box.id }, `${c.title} `, h('code', {}, c.kind), c.valid_until ? ` · ${t('validUntil')} ${lastBeijingDay(c.valid_until)}` : '',
          usable(c) ? '' : ` · ${t('lapsesBeforeDeadline')}`))),
      missing.length ? h('p', { class: 'down', role: 'status' }, t('missingKinds', { kinds: missing.join(t('listSeparator')) }), ' ',
        h('a', { href: '#/me/credentials' }, t('goToVault'))) : null),
  };
}

export async function bidPage([id], ctx) {
  const tender = await api('GET', `/api/tenders/${encodeURIComponent(id)}`);
  const [mine, vault] = await Promise.all([api('GET', `/api/tenders/${id}/bids/mine`), api('GET', '/api/me/credentials')]);
  const credentials = credentialChooser(tender, vault.items);
  const bidderId = ctx.account.id;
  const status = h('p', { role: 'alert', class: 'form-error' });
  const result = h('div', { id: 'bid-result' });
  const price = h('input', { inputmode: 'decimal', autocomplete: 'off', required: true, maxlength: 20 });
  const size = h('select', {}, SIZES.map((s) => h('option', { value: s, selected: s === 'small' }, enumName('size', s))));
  const jointVenture = h('input', { type: 'checkbox', id: 'bid-jv', name: 'joint_venture' });
  const files = h('input', { type: 'file', multiple: true });
  const progress = h('ul', { class: 'uploads', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('sealAndSubmit'));

  async function onSubmit(e) {
    e.preventDefault();
    status.textContent = '';
    const fen = parseYuan(price.value);
    if (fen === null || fen <= 0n) {
      status.textContent = t('priceInvalid');
      price.focus();
      return;
    }
    // The server would refuse a bid whose credentials do not cover the qualifications: said here,
    // before any attachment is encrypted and uploaded.
    const uncovered = credentials.missing();
    if (uncovered.length) {
      status.textContent = t('credentialsMissingHere', { kinds: uncovered.join(t('listSeparator')) });
      return;
    }
    if (fen > BigInt(tender.ceiling_fen) && !confirm(t('aboveCeiling', { ceiling: yuan(tender.ceiling_fen) }))) return;
    submit.disabled = true;
    try {
      const attachments = [];
      fill(progress);
      for (const file of files.files) {
        const bar = h('progress', { max: 100, value: 0, 'aria-label': t('uploadProgress', { name: file.name }) });
        const note = h('span', {}, t('encrypting'));
        progress.append(h('li', {}, `${file.name} `, bar, ' ', note));
        attachments.push(await encryptAndUpload(tender, file, (f) => {
          bar.value = Math.round(f * 100);
          note.textContent = `${Math.round(f * 100)}%`;
        }));
        bar.value = 100;
        note.textContent = t('uploadedEncrypted');
      }
      submit.textContent = t('sealing');
      const jwe = await sealBid(tender, bidderId, fen, size.value, jointVenture.checked, attachments);
      submit.textContent = t('submitting');
      const chosen = credentials.chosen();
      const query = chosen.length ? `?credentials=${chosen.map(encodeURIComponent).join(',')}` : '';
      const answer = await api('POST', `/api/tenders/${tender.id}/bids${query}`, {
        raw: jwe,
        contentType: 'application/jose',
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      fill(result, await receiptCard(answer.receipt, { tender_id: tender.id, bidder_id: bidderId, envelope_sha256: await envelopeHash(jwe) }));
      price.value = '';
    } catch (err) {
      status.textContent = problemText(err);
    } finally {
      submit.disabled = false;
      submit.textContent = t('sealAndSubmit');
    }
  }

  const versions = mine.versions ?? [];
  return h('section', { class: 'bid' },
    h('h1', {}, t('bidFor', { title: tender.title })),
    facts([
      [t('tender'), h('a', { href: `#/tenders/${tender.id}` }, tender.id)],
      [t('ceiling'), yuan(tender.ceiling_fen)],
      [t('bidDeadline'), h('span', {}, time(tender.bid_deadline), ' ', deadlineCountdown(tender.bid_deadline))],
    ]),
    h('p', { class: 'notice' }, t('sealedNotice')),
    h('form', { class: 'bid-form', onsubmit: onSubmit },
      field('bid-price', t('priceYuan'), price, t('priceHint')),
      field('bid-size', t('enterpriseSize'), size, t('sizeHint')),
      h('div', { class: 'field check' }, jointVenture, h('label', { for: 'bid-jv' }, t('jointVenture'))),
      credentials.node,
      field('bid-files', t('attachmentsLabel'), files, t('attachmentsHint')),
      progress,
      submit,
      status),
    result,
    versions.length ? h('section', {}, h('h2', {}, t('myVersions')), h('ol', { class: 'versions' }, versions.map((v) => {
      // Each version's receipt can be checked here again, whoever sealed the bid (this page, or
      // `gongping seal`): one format.
      const slot = h('div', {});
      const expected = { tender_id: tender.id, bidder_id: bidderId, envelope_sha256: v.envelope_sha256 };
      const check = h('button', { type: 'button', onclick: async () => fill(slot, await receiptCard(v.receipt, expected)) }, t('checkReceipt'));
      return h('li', {}, `${enumName('bidAction', v.action)} · ${time(v.received_at)} · `,
        h('code', { class: 'hash' }, `${v.envelope_sha256.slice(0, 16)}…`), ' ', check, slot);
    }))) : null);
}
