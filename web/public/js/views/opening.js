// The opening ceremony for officers, and their personal opening key. At the opening time each
// officer opens the sealed share of the tender's opening key in this browser, with the private key
// only this browser holds, and hands it in; with k shares the server opens every bid and the
// opening record appears for all to see.
import { api } from '../api.js';
import { facts, field, fill, h } from '../dom.js';
import { time } from '../format.js';
import { t } from '../i18n.js';
import { createAndRegister, importAndRegister, openShare, storedKey } from '../officer_key.js';

export async function openingKeyPage(_params, ctx) {
  let held = await storedKey(ctx.account.id);
  const status = h('p', { role: 'status' }, held ? t('keyHeld', { kid: held.kid }) : t('keyNone'));
  const button = h('button', {
    type: 'button', class: held ? null : 'primary',
    onclick: async () => {
      if (held && !confirm(t('keyReplaceConfirm'))) return;
      button.disabled = true;
      try {
        const { kid } = await createAndRegister(ctx.account.id);
        nowHeld(kid, t('keyRegistered', { kid }));
      } catch (e) {
        fill(status, h('span', { role: 'alert' }, e.message));
      } finally {
        button.disabled = false;
      }
    },
  }, held ? t('keyReplace') : t('keyCreate'));
  function nowHeld(kid, message) {
    held = { kid };
    fill(status, message);
    button.textContent = t('keyReplace');
    button.classList.remove('primary');
  }
  // Or a key kept in a file: read here, only its public half sent.
  const file = h('input', { type: 'file', accept: '.jwk,.json,application/json' });
  file.addEventListener('change', async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    if (held && !confirm(t('keyImportConfirm'))) {
      file.value = '';
      return;
    }
    try {
      if (chosen.size > 16 * 1024) throw new Error('key-file-invalid');
      const { kid } = await importAndRegister(ctx.account.id, await chosen.text());
      nowHeld(kid, t('keyImported', { kid }));
    } catch (e) {
      fill(status, h('span', { role: 'alert' }, e.message === 'key-file-invalid' ? t('keyFileInvalid') : e.message));
    } finally {
      file.value = '';
    }
  });
  return h('section', { class: 'narrow' }, h('h1', {}, t('openingKey')), h('p', {}, t('openingKeyExplained')), status, button,
    h('h2', {}, t('keyImportHeading')), field('key-file', t('keyFile'), file, t('keyFileHint')));
}

export async function openingPage([id], ctx) {
  const tender = await api('GET', `/api/tenders/${encodeURIComponent(id)}`);
  const mine = tender.opening_officers.includes(ctx.account.id);
  const progress = h('p', { role: 'status', id: 'opening-progress' });
  const result = h('div', {});
  const button = h('button', { type: 'button', class: 'primary' }, t('openAndHandIn'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    fill(progress, t('openingShare'));
    try {
      const { sealed_share: sealed } = await api('GET', `/api/tenders/${tender.id}/sealed-share`);
      const share = await openShare(ctx.account.id, sealed);
      const answer = await api('POST', `/api/tenders/${tender.id}/opening/shares`, { body: { share } });
      fill(progress, answer.opened ? t('openedNow') : t('sharesSoFar', { received: answer.shares_received, threshold: answer.threshold }));
      if (answer.opened) fill(result, h('p', {}, h('a', { class: 'button', href: `#/tenders/${tender.id}` }, t('seeOpeningRecord'))));
    } catch (e) {
      fill(progress, h('span', { role: 'alert' }, e.message === 'no-key' ? t('keyMissingHere') : e.message));
      button.disabled = false;
    }
  });
  return h('section', {},
    h('h1', {}, t('openingCeremony', { title: tender.title })),
    facts([
      [t('tender'), h('a', { href: `#/tenders/${tender.id}` }, tender.id)],
      [t('bidDeadline'), time(tender.bid_deadline)],
      [t('openingThreshold'), t('ofOfficers', { k: tender.opening_threshold, n: tender.opening_officers.length })],
    ]),
    mine ? [h('p', {}, t('openingExplained')), button, progress, result] : h('p', { role: 'alert' }, t('notAnOfficer')));
}
