// The supervisor's desk: trading-record search, any record's full history (every version, who
// changed what and when), a tender as it stood at a past time, and the collusion alerts with their
// evidence (nothing is decided automatically: supervisors judge).
import { api, problemText } from '../api.js';
import { facts, field, fill, h } from '../dom.js';
import { beijingDayStart, fromBeijingInput, parseYuan, time, yuan } from '../format.js';
import { enumName, t } from '../i18n.js';

const KINDS = ['tender', 'bid', 'score', 'award', 'objection', 'application'];
// A record's state as people read it: tender, bid and application states have names; the others
// (scored, publicity, open...) are shown as the API gives them.
const STATE_NAMES = { tender: 'state', bid: 'bidStatus', application: 'appState' };
const stateName = (kind, state) => (STATE_NAMES[kind] ? enumName(STATE_NAMES[kind], state) : state);

export async function recordSearchPage(_params, ctx, query) {
  const f = {
    kind: h('select', {}, h('option', { value: '' }, t('any')), KINDS.map((k) => h('option', { value: k, selected: query.get('kind') === k }, enumName('recordKind', k)))),
    party: h('input', { value: query.get('party') ?? '', maxlength: 20, class: 'mono' }),
    official: h('input', { value: query.get('official') ?? '', maxlength: 20, class: 'mono' }),
    expert: h('input', { value: query.get('expert') ?? '', maxlength: 20, class: 'mono' }),
    from: h('input', { type: 'date', value: query.get('from_day') ?? '' }),
    to: h('input', { type: 'date', value: query.get('to_day') ?? '' }),
    state: h('input', { value: query.get('state') ?? '', maxlength: 40 }),
    min: h('input', { inputmode: 'decimal', value: query.get('min') ?? '' }),
    max: h('input', { inputmode: 'decimal', value: query.get('max') ?? '' }),
  };
  const results = h('div', {});
  const error = h('p', { role: 'alert', class: 'form-error' });
  // Each search is written into the page's address, so that going back from a history returns to it.
  async function run(e, offset = 0) {
    e?.preventDefault();
    error.textContent = '';
    const q = new URLSearchParams({ limit: 100, offset });
    for (const name of ['kind', 'party', 'official', 'expert', 'state']) if (f[name].value.trim()) q.set(name, f[name].value.trim());
    // Dates are whole days in Beijing time: from the first day's midnight to the day after the last.
    if (f.from.value) q.set('from', beijingDayStart(f.from.value));
    if (f.to.value) q.set('to', beijingDayStart(f.to.value, 1));
    for (const [name, input] of [['min_amount_fen', f.min], ['max_amount_fen', f.max]]) {
      if (!input.value.trim()) continue;
      const fen = parseYuan(input.value);
      if (fen === null) {
        error.textContent = t('priceInvalid');
        return;
      }
      q.set(name, String(fen));
    }
    if (e) {
      const address = new URLSearchParams([...q].filter(([k]) => !['limit', 'offset', 'from', 'to', 'min_amount_fen', 'max_amount_fen'].includes(k)));
      if (f.from.value) address.set('from_day', f.from.value);
      if (f.to.value) address.set('to_day', f.to.value);
      if (f.min.value.trim()) address.set('min', f.min.value.trim());
      if (f.max.value.trim()) address.set('max', f.max.value.trim());
      history.replaceState(null, '', `#/supervision?${address}`);
    }
    try {
      const page = await api('GET', `/api/supervision/records?${q}`);
      const more = page.next_offset === null ? null
        : h('button', { type: 'button', onclick: () => run(null, page.next_offset) }, t('nextPage'));
      fill(results, offset > 0 ? h('p', {}, h('button', { type: 'button', onclick: () => run(null, 0) }, t('firstPage'))) : null,
        page.items.length === 0 ? h('p', { class: 'empty' }, t('noRecords')) : h('div', { class: 'table-wrap' }, h('table', { class: 'records' },
        h('thead', {}, h('tr', {}, [t('recordKind'), t('record'), t('parties'), t('state'), t('amount'), t('timeBeijing'), t('history')]
          .map((c, i) => h('th', { scope: 'col', class: i === 4 ? 'num' : null }, c)))),
        h('tbody', {}, page.items.map((r) => h('tr', {},
          h('td', {}, enumName('recordKind', r.kind)),
          h('td', {}, r.title, h('div', { class: 'muted' }, r.id), r.detail ? h('div', { class: 'muted' }, r.detail) : null),
          h('td', {}, r.parties.join(', ')), h('td', {}, stateName(r.kind, r.state)),
          h('td', { class: 'num' }, r.amount_fen === null ? '—' : yuan(r.amount_fen)), h('td', { class: 'nowrap' }, time(r.at, { zone: false })),
          h('td', {}, h('a', { href: `#/supervision/history/${r.subject_type}/${r.subject_id}` }, t('viewHistory')))))))), more);
    } catch (err) {
      error.textContent = problemText(err);
    }
  }
  const form = h('form', { class: 'filters', role: 'search', onsubmit: run },
    field('s-kind', t('recordKind'), f.kind), field('s-party', t('partyFilter'), f.party, t('partyHint')),
    field('s-official', t('officialFilter'), f.official), field('s-expert', t('expertFilter'), f.expert),
    field('s-from', t('fromDate'), f.from), field('s-to', t('toDate'), f.to), field('s-state', t('state'), f.state),
    field('s-min', t('minAmount'), f.min), field('s-max', t('maxAmount'), f.max),
    h('button', { type: 'submit', class: 'primary' }, t('search')));
  if ([...query.keys()].length) await run(null);
  return h('section', {}, h('h1', {}, t('tradingRecords')), form, error, results);
}

// A value as a short line (the whole of it on hover): keys and documents are long.
function shortValue(value) {
  const text = JSON.stringify(value);
  return text.length <= 60 ? text : h('span', { title: text }, `${text.slice(0, 57)}…`);
}

// One version's line: what changed, from what to what.
function changeList(changes, operation) {
  if (operation !== 'update') return null;
  return h('ul', { class: 'changes' }, changes.map((c) => h('li', {}, h('code', {}, c.field), ': ',
    shortValue(c.before), ' → ', shortValue(c.after))));
}

// A row of the history table.
function versionRow(v) {
  return h('tr', {},
    h('td', { class: 'nowrap' }, v.at ? time(v.at, { zone: false }) : t('baseline')),
    h('td', {}, h('code', {}, v.record_type), ` ${v.record_key} · v${v.version}`),
    h('td', {}, enumName('operation', v.operation)),
    h('td', {}, v.audit.length ? v.audit.map((a) => h('div', {}, `${a.actor.id} (${enumName('role', a.actor.role)}) `, h('code', {}, a.action), ` #${a.index}`))
      : h('span', { class: 'down' }, t('noAuditEntry'))),
    h('td', {}, changeList(v.changes, v.operation)));
}

// Every version, oldest first, 500 at a time: "more" fetches the next page after the cursor.
export async function historyPage([subject, id], ctx, query) {
  const rows = h('tbody', {});
  const more = h('p', {});
  const load = async (after) => {
    const page = await api('GET', `/api/supervision/history/${subject}/${encodeURIComponent(id)}?limit=500&after=${encodeURIComponent(after)}`);
    rows.append(...page.versions.map(versionRow));
    fill(more, page.next_after === null ? null : h('button', { type: 'button', onclick: () => load(page.next_after) }, t('nextPage')));
  };
  await load('');
  const asOf = subject === 'tender' ? await asOfSection(id, query) : null;
  return h('section', {},
    h('h1', {}, t('historyOf', { id })),
    h('p', { class: 'muted' }, t('historyExplained')),
    asOf,
    h('div', { class: 'table-wrap' }, h('table', { class: 'history' },
      h('thead', {}, h('tr', {}, [t('timeBeijing'), t('recordType'), t('operation'), t('by'), t('changes')].map((c) => h('th', { scope: 'col' }, c)))),
      rows)), more);
}

async function asOfSection(id, query) {
  const at = h('input', { type: 'datetime-local', value: query.get('at') ?? '', required: true });
  const out = h('div', {});
  const show = async (e) => {
    e?.preventDefault();
    try {
      const view = await api('GET', `/api/supervision/tenders/${id}/as-of?at=${encodeURIComponent(fromBeijingInput(at.value))}`);
      const tender = view.records.tenders?.[0]?.row ?? {};
      fill(out, facts([
        [t('state'), enumName('state', tender.state)], [t('titleLabel'), tender.title], [t('bidDeadline'), time(tender.bid_deadline)],
        [t('recordsThen'), Object.entries(view.records).map(([type, rows]) => `${type} ×${rows.length}`).join(', ')],
      ]));
    } catch (err) {
      fill(out, h('p', { role: 'alert' }, problemText(err)));
    }
  };
  return h('section', {}, h('h2', {}, t('asOfTitle')),
    h('form', { class: 'inline', onsubmit: show }, field('asof-at', t('asOfTime'), at), h('button', { type: 'submit' }, t('show'))), out);
}

export async function alertsPage() {
  const alerts = await api('GET', '/api/supervision/alerts');
  return h('section', {}, h('h1', {}, t('collusionAlerts')), h('p', { class: 'muted' }, t('alertsExplained')),
    alerts.items.length === 0 ? h('p', { class: 'empty' }, t('noAlerts')) : h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, [t('tender'), t('indicator'), t('bidders'), t('strength'), t('evidence')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, alerts.items.map((a) => h('tr', {},
        h('td', {}, a.tender_id ? h('a', { href: `#/supervision/history/tender/${a.tender_id}` }, a.tender_id) : '—'),
        h('td', {}, enumName('indicator', a.kind)), h('td', {}, a.bidders.join(', ')),
        h('td', { class: 'num' }, `${a.strength_x100}%`), h('td', {}, a.evidence)))))));
}
