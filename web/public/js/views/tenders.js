// Public tender notices: the list with search and filters, and one tender's page (terms, the
// deadline counting down on the server's clock, amendments, clarifications, the opening record,
// the award, its open data).
import { api, apiOptional as optional } from '../api.js';
import { facts, field, h } from '../dom.js';
import { actionForm } from '../forms.js';
import { liveSocket } from '../live.js';
import { countdown, serverClock, time, yuan } from '../format.js';
import { enumName, t } from '../i18n.js';
import { askSection, authorSection } from './clarifying.js';
import { publishButton } from './draft.js';

const STATES = ['published', 'opening', 'evaluating', 'awarded', 'contracted', 'cancelled', 'failed'];
const CATEGORIES = ['goods', 'services', 'works'];
const PAGE = 20;

export async function tenderList(_params, ctx, query) {
  const state = query.get('state') ?? '';
  const category = query.get('category') ?? '';
  const q = query.get('q') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const search = new URLSearchParams({ limit: PAGE, offset });
  if (state) search.set('state', state);
  if (category) search.set('category', category);
  if (q) search.set('q', q);
  const page = await api('GET', `/api/tenders?${search}`);
  const go = (changes) => {
    const next = new URLSearchParams({ state, category, q, offset, ...changes });
    for (const [k, v] of [...next]) if (v === '' || v === '0') next.delete(k);
    ctx.navigate(`/?${next}`);
  };
  const select = (name, values, current) => h('select', { name },
    h('option', { value: '' }, t('any')),
    values.map((v) => h('option', { value: v, selected: v === current }, enumName(name, v))));
  const form = h('form', {
    class: 'filters', role: 'search',
    onsubmit: (e) => {
      e.preventDefault();
      const f = e.target;
      go({ q: f.q.value.trim(), state: f.state.value, category: f.category.value, offset: 0 });
    },
  },
  h('label', {}, t('search'), h('input', { name: 'q', type: 'search', value: q, maxlength: 100 })),
  h('label', {}, t('state'), select('state', STATES, state)),
  h('label', {}, t('category'), select('category', CATEGORIES, category)),
  h('button', { type: 'submit' }, t('apply')));

  const rows = page.items.map((tender) => h('tr', {},
    h('td', {}, h('a', { href: `#/tenders/${tender.id}` }, tender.title), h('div', { class: 'muted' }, tender.id)),
    h('td', {}, enumName('category', tender.category)),
    h('td', { class: 'num' }, yuan(tender.budget_fen)),
    h('td', {}, time(tender.bid_deadline)),
    h('td', {}, h('span', { class: `state state-${tender.state}` }, enumName('state', tender.state)))));
  return h('section', {},
    h('h1', {}, t('tenderNotices')),
    form,
    page.items.length === 0
      ? h('p', { class: 'empty' }, t('noTenders'))
      : h('div', { class: 'table-wrap' }, h('table', { class: 'tenders' },
        h('caption', {}, t('tendersFound', { n: page.total })),
        h('thead', {}, h('tr', {}, [t('tender'), t('category'), t('budget'), t('bidDeadline'), t('state')].map((c, i) => h('th', { scope: 'col', class: i === 2 ? 'num' : null }, c)))),
        h('tbody', {}, rows))),
    h('nav', { class: 'pager', 'aria-label': t('pages') },
      offset > 0 ? h('button', { type: 'button', onclick: () => go({ offset: Math.max(0, offset - PAGE) }) }, t('previous')) : null,
      offset + PAGE < page.total ? h('button', { type: 'button', onclick: () => go({ offset: offset + PAGE }) }, t('next')) : null));
}


// A line that counts down to `iso` on the server's clock, every second while the page shows it.
export function deadlineCountdown(iso) {
  const el = h('strong', { class: 'countdown', 'data-deadline': iso });
  const tick = () => {
    if (!el.isConnected && el.dataset.started) return;
    el.dataset.started = '1';
    const left = countdown(Date.parse(iso) - serverClock.now());
    el.textContent = left ? t('timeLeft', { left }) : t('deadlinePassed');
    if (left) setTimeout(tick, 1000);
  };
  tick();
  return el;
}

// The remote opening, live, for anyone on the page (GET /api/tenders/{id}/opening/live over a
// WebSocket): the shares handed in of the threshold as they arrive, then the page shows the opening
// record the moment it is published. The socket closes when the page leaves this tender.
function liveOpening(tender, ctx) {
  const status = h('p', { role: 'status', id: 'live-opening' }, t('liveConnecting'));
  const section = h('section', { class: 'live' }, h('h2', {}, t('liveOpening')), status);
  liveSocket(`/api/tenders/${tender.id}/opening/live`, section, {
    onMessage: (m, close) => {
      if (m.type === 'status') {
        status.textContent = m.opened ? t('openedNow') : t('liveShares', { received: m.shares_received, threshold: m.threshold });
      } else if (m.type === 'record') {
        close();
        ctx.navigate(`/tenders/${tender.id}`);  // shows the record
      }
    },
    onLost: () => { status.textContent = t('liveLost'); },
  });
  return section;
}

// During the award's publicity a bidder may object; the author answers each objection. Each bidder
// sees only its own objections, the public only how many there are (the server decides).
function objectionsSection(tender, award, ctx) {
  const during = Date.parse(award.publicity_ends_at) > serverClock.now();
  const author = ctx.account?.id === tender.created_by;
  const items = award.objection_details ?? [];
  const list = items.length === 0 ? null : h('ol', { class: 'objections' }, items.map((o) => {
    const answer = h('textarea', { rows: 2, maxlength: 4000, required: true, 'aria-label': t('answerTo', { id: o.id }) });
    return h('li', {}, h('p', {}, h('strong', {}, `${o.enterprise} · ${time(o.raised_at)}`), ' ', o.objection),
      o.answer ? h('p', { class: 'answer' }, `${t('answered')} ${time(o.answered_at)}：${o.answer}`)
        : author ? actionForm(answer, t('answerObjection'), async () => {
          await api('POST', `/api/tenders/${tender.id}/award/objections/${o.id}/answer`, { body: { answer: answer.value.trim() } });
          ctx.navigate(`/tenders/${tender.id}`);
        }) : h('p', { class: 'muted' }, t('awaitingAnswer')));
  }));
  let form = null;
  if (during && ctx.account?.role === 'enterprise') {
    const text = h('textarea', { rows: 3, maxlength: 4000, required: true });
    form = actionForm(field('objection-text', t('objectionLabel'), text, t('objectionHint')), t('raiseObjection'), async () => {
      await api('POST', `/api/tenders/${tender.id}/award/objections`, { body: { objection: text.value.trim() } });
      ctx.navigate(`/tenders/${tender.id}`);
    });
  }
  return list || form ? h('section', {}, h('h2', {}, t('objections')), list, form) : null;
}

export async function tenderPage([id], ctx) {
  const tender = await api('GET', `/api/tenders/${encodeURIComponent(id)}`);
  const opened = !['draft', 'published'].includes(tender.state);
  const [amendments, clarifications, opening, award] = await Promise.all([
    optional(`/api/tenders/${id}/amendments`),
    optional(`/api/tenders/${id}/clarifications`),
    opened ? optional(`/api/tenders/${id}/opening`) : null,
    ['awarded', 'contracted'].includes(tender.state) ? optional(`/api/tenders/${id}/award`) : null,
  ]);
  const biddingOpen = tender.state === 'published' && Date.parse(tender.bid_deadline) > serverClock.now();
  const desk = await authorSection(tender, ctx);
  const evaluation = tender.evaluation ?? {};
  return h('article', { class: 'tender' },
    h('h1', {}, tender.title),
    h('p', {}, h('span', { class: `state state-${tender.state}` }, enumName('state', tender.state)), ' ', h('span', { class: 'muted' }, tender.id)),
    tender.state === 'draft' && ctx.account?.id === tender.created_by ? publishButton(tender, ctx) : null,
    biddingOpen && ctx.account?.role === 'enterprise'
      ? h('p', {}, h('a', { class: 'button primary', href: `#/tenders/${tender.id}/bid` }, t('submitBid')))
      : null,
    // Bidding closed, the bids not yet opened: the officers' ceremony. Opened: the evaluation room
    // (the author opens it; the panel scores in it).
    tender.state === 'opening' && !opening && tender.opening_officers.includes(ctx.account?.id)
      ? h('p', {}, h('a', { class: 'button primary', href: `#/tenders/${tender.id}/opening` }, t('goToOpening')))
      : null,
    (tender.state === 'evaluating' || (tender.state === 'opening' && opening)) && ['expert', 'official', 'supervisor'].includes(ctx.account?.role)
      ? h('p', {}, h('a', { class: 'button primary', href: `#/tenders/${tender.id}/evaluation` }, t('goToEvaluation')))
      : null,
    tender.state === 'opening' && !opening ? liveOpening(tender, ctx) : null,
    h('section', {}, h('h2', {}, t('terms')), facts([
      [t('category'), enumName('category', tender.category)],
      [t('procedure'), enumName('procedure', tender.procedure)],
      [t('budget'), yuan(tender.budget_fen)],
      [t('ceiling'), yuan(tender.ceiling_fen)],
      [t('bidBond'), yuan(tender.bid_bond_fen)],
      [t('clarificationDeadline'), time(tender.clarification_deadline)],
      [t('bidDeadline'), h('span', {}, time(tender.bid_deadline), ' ', tender.state === 'published' ? deadlineCountdown(tender.bid_deadline) : null)],
      [t('openingThreshold'), t('ofOfficers', { k: tender.opening_threshold, n: tender.opening_officers.length })],
      [t('qualifications'), tender.qualification_requirements?.length ? tender.qualification_requirements.map((k) => h('code', { class: 'kind' }, k)) : t('noRequiredKinds')],
      tender.project_code ? [t('projectCode'), h('a', { href: `#/projects/${tender.project_code}` }, tender.project_code)] : null,
      tender.state_reason ? [t('stateReason'), tender.state_reason] : null,
    ]), h('p', { class: 'description' }, tender.description)),
    h('section', {}, h('h2', {}, t('evaluationMethod')),
      h('p', {}, enumName('method', evaluation.method), evaluation.price_points ? ` · ${t('pricePoints', { n: evaluation.price_points })}` : ''),
      evaluation.criteria?.length
        ? h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('criterion')), h('th', { scope: 'col', class: 'num' }, t('maxPoints')))),
          h('tbody', {}, evaluation.criteria.map((c) => h('tr', {}, h('td', {}, c.name ?? c.id), h('td', { class: 'num' }, c.max)))))
        : null),
    amendments?.items?.length ? h('section', {}, h('h2', {}, t('amendments')), h('ol', {}, amendments.items.map((a) => h('li', {},
      h('strong', {}, time(a.published_at)), ' ', a.reason)))) : null,
    clarifications?.items?.length ? h('section', {}, h('h2', {}, t('clarifications')), h('dl', { class: 'clarifications' }, clarifications.items.flatMap((c) => [
      h('dt', {}, c.question), h('dd', {}, c.answer)]))) : null,
    askSection(tender, ctx),
    desk,
    opening ? h('section', {}, h('h2', {}, t('openingRecord')), h('p', {}, t('openedAt', { at: time(opening.opened_at) })),
      h('table', { class: 'opening' }, h('thead', {}, h('tr', {}, [t('bidder'), t('price'), t('bidStatus')].map((c, i) => h('th', { scope: 'col', class: i === 1 ? 'num' : null }, c)))),
        h('tbody', {}, opening.bids.map((b) => h('tr', {}, h('td', {}, b.bidder_name, h('div', { class: 'muted' }, b.bidder_id)),
          h('td', { class: 'num' }, b.price_fen === null || b.price_fen === undefined ? '—' : yuan(b.price_fen)),
          h('td', {}, enumName('bidStatus', b.status))))))) : null,
    award ? h('section', {}, h('h2', {}, t('award')), facts([
      [t('winner'), `${award.winner_name} (${award.winner})`],
      [t('winningPrice'), yuan(award.winner_price_fen)],
      [t('announcedAt'), time(award.announced_at)],
      [t('publicityEnds'), time(award.publicity_ends_at)],
      award.suspended ? [t('suspended'), t('suspendedDetail', { n: award.objections })] : null,
      award.notice_at ? [t('noticeAt'), time(award.notice_at)] : null,
      award.contract ? [t('contract'), `${yuan(award.contract.amount_fen)} · ${time(award.contract.signed_at)}`] : null,
    ]), objectionsSection(tender, award, ctx)) : null,
    ctx.account?.role === 'supervisor' && tender.state !== 'draft'
      ? h('p', {}, h('a', { class: 'button', href: `#/monitoring/new?type=tender&id=${tender.id}` }, t('openCase'))) : null,
    h('p', { class: 'muted' }, h('a', { href: `/api/ocds/releases/${tender.id}` }, t('ocdsData'))));
}
