// The enterprise's credential vault: licences, qualifications, personnel certificates and bank
// accounts kept once, with their validity, and withdrawn when they lapse. A tender's qualification
// requirements name the kinds a bidder must hold.
import { api, problemText } from '../api.js';
import { field, fill, h } from '../dom.js';
import { beijingDayStart, lastBeijingDay } from '../format.js';
import { enumName, t } from '../i18n.js';

const CATEGORIES = ['licence', 'qualification', 'personnel', 'bank_account'];

export async function credentialsPage(_params, ctx) {
  const list = (await api('GET', '/api/me/credentials')).items;
  const f = {
    category: h('select', {}, CATEGORIES.map((c) => h('option', { value: c }, enumName('credentialCategory', c)))),
    kind: h('input', { required: true, maxlength: 64, pattern: '[a-z0-9_]+', class: 'mono' }),
    title: h('input', { required: true, maxlength: 200 }),
    number: h('input', { maxlength: 100 }),
    until: h('input', { type: 'date' }),
  };
  const error = h('p', { role: 'alert', class: 'form-error' });
  const rows = list.map((c) => {
    const cell = h('td', {});
    if (!c.withdrawn) {
      fill(cell, h('button', {
        type: 'button', 'aria-label': t('withdrawNamed', { title: c.title }),
        onclick: async () => {
          if (!confirm(t('withdrawConfirm', { title: c.title }))) return;
          try {
            await api('DELETE', `/api/me/credentials/${c.id}`);
            ctx.navigate('/me/credentials');
          } catch (e) {
            fill(cell, h('span', { class: 'down' }, problemText(e)));
          }
        },
      }, t('withdraw')));
    } else {
      fill(cell, t('withdrawn'));
    }
    return h('tr', { class: c.withdrawn ? 'muted' : null },
      h('td', {}, enumName('credentialCategory', c.category)), h('td', {}, h('code', {}, c.kind)), h('td', {}, c.title),
      h('td', {}, c.number || '—'), h('td', { class: 'nowrap' }, c.valid_until ? lastBeijingDay(c.valid_until) : t('noExpiry')), cell);
  });
  return h('section', {}, h('h1', {}, t('credentialVault')),
    list.length === 0 ? h('p', { class: 'empty' }, t('noCredentials')) : h('div', { class: 'table-wrap' }, h('table', { class: 'credentials' },
      h('thead', {}, h('tr', {}, [t('credentialCategoryLabel'), t('credentialKind'), t('credentialTitle'), t('credentialNumber'), t('validUntil'), t('actions')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows))),
    h('h2', {}, t('addCredential')),
    h('form', {
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        const body = { category: f.category.value, kind: f.kind.value.trim(), title: f.title.value.trim() };
        if (f.number.value.trim()) body.number = f.number.value.trim();
        // Valid through that day, Beijing time: until the next day's midnight.
        if (f.until.value) body.valid_until = beijingDayStart(f.until.value, 1);
        try {
          await api('POST', '/api/me/credentials', { body });
          ctx.navigate('/me/credentials');
        } catch (err) {
          error.textContent = problemText(err);
        }
      },
    }, field('cred-category', t('credentialCategoryLabel'), f.category), field('cred-kind', t('credentialKind'), f.kind, t('credentialKindHint')),
    field('cred-title', t('credentialTitle'), f.title), field('cred-number', t('credentialNumber'), f.number),
    field('cred-until', t('validUntil'), f.until), h('button', { type: 'submit', class: 'primary' }, t('addCredential')), error));
}
