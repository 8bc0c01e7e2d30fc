// The evaluation room. Experts (and purchaser representatives on the panel) score each bid per
// criterion on a sheet whose ranges the page enforces, and sign off; the tender's author draws the
// panel, opens the room, watches the ranking and makes the award.
import { api, apiOptional as optional } from '../api.js';
import { facts, field, fill, h } from '../dom.js';
import { yuan } from '../format.js';
import { enumName, t } from '../i18n.js';
import { liveSocket } from '../live.js';


// One score cell: a number input within [0, max] (4 decimals at most), saved when it changes; an
// emptied cell withdraws the score.
function scoreCell(tender, bidder, criterion, given, disabled) {
  const input = h('input', {
    type: 'number', min: 0, max: criterion.max, step: '0.0001', inputmode: 'decimal', disabled,
    value: given ?? '', 'aria-label': t('scoreFor', { bidder: bidder.name, criterion: criterion.id, max: criterion.max }),
  });
  const note = h('small', { class: 'cell-note', 'aria-live': 'polite' });
  input.addEventListener('change', async () => {
    // A number input that cannot read what was typed ("4,5") reports '', which would withdraw.
    if (input.validity.badInput) {
      fill(note, h('span', { class: 'down' }, t('scoreRange', { max: criterion.max })));
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    const text = input.value.trim();
    const score = text === '' ? null : Number(text);
    if (score !== null && (!Number.isFinite(score) || score < 0 || score > criterion.max || !/^\d+(\.\d{1,4})?$/.test(text))) {
      fill(note, h('span', { class: 'down' }, t('scoreRange', { max: criterion.max })));
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    try {
      await api('PUT', `/api/tenders/${tender.id}/evaluation/scores`, { body: { bidder: bidder.id, criterion: criterion.id, score } });
      fill(note, h('span', { class: 'up' }, score === null ? t('scoreWithdrawn') : t('saved')));
    } catch (e) {
      fill(note, h('span', { class: 'down' }, e.message));
    }
  });
  return h('td', { class: 'score' }, input, note);
}

function scoringSheet(tender, view, bidders, me) {
  const criteria = view.case.criteria ?? [];
  const mine = new Map(view.scores.filter((s) => s.expert === me).map((s) => [`${s.bidder}/${s.criterion}`, s.score]));
  const signed = view.members.find((m) => m.account === me)?.signed_off;
  const status = h('p', { role: 'status' }, signed ? t('signedOff') : '');
  const signOff = h('button', {
    type: 'button', class: 'primary', disabled: signed || view.closed,
    onclick: async () => {
      try {
        await api('POST', `/api/tenders/${tender.id}/evaluation/sign-off`);
        fill(status, t('signedOff'));
        signOff.disabled = true;
      } catch (e) {
        fill(status, h('span', { role: 'alert' }, e.message));
      }
    },
  }, t('signOffButton'));
  return h('section', {},
    h('h2', {}, t('scoringSheet')),
    h('p', { class: 'muted' }, t('scoringExplained')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'sheet' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('bidder')), criteria.map((c) => h('th', { scope: 'col' }, `${c.id} (0–${c.max})`)))),
      h('tbody', {}, bidders.map((b) => h('tr', {}, h('th', { scope: 'row' }, b.name, h('div', { class: 'muted' }, b.id)),
        criteria.map((c) => scoreCell(tender, b, c, mine.get(`${b.id}/${c.id}`), signed || view.closed))))))),
    signOff, status);
}

function ranking(view, names) {
  const results = view.result?.results ?? view.standing?.results ?? [];
  return h('section', {},
    h('h2', {}, view.result ? t('finalRanking') : t('liveRanking')),
    h('ul', { class: 'members' }, view.members.map((m) => h('li', {}, m.account, ' · ',
      m.signed_off ? t('memberSigned') : m.finished ? t('memberFinished') : t('memberScoring')))),
    results.length === 0 ? h('p', { class: 'muted' }, t('noRankingYet')) : h('table', { class: 'ranking' },
      h('thead', {}, h('tr', {}, [t('rank'), t('bidder'), t('evaluatedPrice'), t('priceScore'), t('technicalScore'), t('total')]
        .map((c, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : null }, c)))),
      h('tbody', {}, results.map((r) => h('tr', {},
        h('td', {}, String(r.rank), r.tied ? ` ${t('tied')}` : ''), h('td', {}, names.get(r.bidder) ?? r.bidder),
        h('td', { class: 'num' }, yuan(r.evaluated_price_fen)), h('td', { class: 'num' }, r.price_score ?? '—'),
        h('td', { class: 'num' }, r.technical_score ?? '—'), h('td', { class: 'num' }, r.total ?? '—'))))));
}

function awardForm(tender, view, names, ctx) {
  const results = view.result.results ?? [];
  const recommended = results.filter((r) => r.rank === 1).map((r) => r.bidder);
  const winner = h('select', {}, results.map((r) => h('option', { value: r.bidder, selected: r.bidder === recommended[0] },
    `${r.rank}. ${names.get(r.bidder) ?? r.bidder}`)));
  const reason = h('textarea', { rows: 3, maxlength: 4000 });
  const error = h('p', { role: 'alert', class: 'form-error' });
  return h('section', {}, h('h2', {}, t('award')),
    h('form', {
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        try {
          await api('POST', `/api/tenders/${tender.id}/award`, { body: { winner: winner.value, reason: reason.value.trim() || undefined } });
          ctx.navigate(`/tenders/${tender.id}`);
        } catch (err) {
          error.textContent = err.message;
        }
      },
    },
    field('award-winner', t('winner'), winner),
    field('award-reason', t('deviationReason'), reason, t('deviationHint')),
    h('button', { type: 'submit', class: 'primary' }, t('announceAward')), error));
}

function panelForm(tender, ctx) {
  const size = h('input', { type: 'number', min: 5, max: 99, step: 2, value: 5, required: true });
  const specialty = h('input', { required: true, maxlength: 64 });
  const error = h('p', { role: 'alert', class: 'form-error' });
  return h('section', {}, h('h2', {}, t('drawPanel')),
    h('form', {
      onsubmit: async (e) => {
        e.preventDefault();
        error.textContent = '';
        try {
          // A panel drawn on an earlier try stays: only the room is opened then.
          if (!(await optional(`/api/tenders/${tender.id}/panel`))) {
            await api('POST', `/api/tenders/${tender.id}/panel`, { body: { size: Number(size.value), specialty: specialty.value.trim(), purchaser_representatives: [] } });
          }
          await api('POST', `/api/tenders/${tender.id}/evaluation`);
          ctx.navigate(`/tenders/${tender.id}/evaluation`);
        } catch (err) {
          error.textContent = err.message;
        }
      },
    },
    field('panel-size', t('panelSize'), size, t('panelSizeHint')),
    field('panel-specialty', t('specialty'), specialty),
    h('button', { type: 'submit', class: 'primary' }, t('drawAndOpenRoom')), error));
}

// The ranking as the room changes (GET /api/tenders/{id}/evaluation/live, for the author and
// supervisors): each score, expert finishing or closing of the room re-reads the room and redraws
// the ranking; when the room closes, the whole page (with the award form) is shown again.
function liveRanking(tender, view, names, ctx) {
  const holder = h('div', { id: 'live-ranking' }, ranking(view, names));
  let pending = null;
  liveSocket(`/api/tenders/${tender.id}/evaluation/live`, holder, {
    onMessage: (m, close) => {
      if (m.type === 'room_closed') {
        close();
        ctx.navigate(`/tenders/${tender.id}/evaluation`);
        return;
      }
      if (!['ranking_changed', 'expert_finished'].includes(m.type) || pending) return;
      pending = setTimeout(async () => {
        pending = null;
        const now = await optional(`/api/tenders/${tender.id}/evaluation`);
        if (now) fill(holder, ranking(now, names));
      }, 200);
    },
  });
  return holder;
}

export async function evaluationPage([id], ctx) {
  const tender = await api('GET', `/api/tenders/${encodeURIComponent(id)}`);
  const [view, opening] = await Promise.all([optional(`/api/tenders/${tender.id}/evaluation`), optional(`/api/tenders/${tender.id}/opening`)]);
  const names = new Map((opening?.bids ?? []).map((b) => [b.bidder_id, b.bidder_name]));
  const author = ctx.account.id === tender.created_by;
  const header = [h('h1', {}, t('evaluationOf', { title: tender.title })),
    facts([[t('tender'), h('a', { href: `#/tenders/${tender.id}` }, tender.id)], [t('state'), enumName('state', tender.state)]])];
  if (!view) {
    // The bids are open (the record exists) and no room yet: the author draws the panel and opens it.
    return h('section', {}, header, author && opening && ['opening', 'evaluating'].includes(tender.state) ? panelForm(tender, ctx) : h('p', {}, t('roomNotOpen')));
  }
  const bidders = (view.case.bids ?? []).map((b) => ({ id: b.bidder, name: names.get(b.bidder) ?? b.bidder }));
  const member = (view.case.experts ?? []).includes(ctx.account.id);
  return h('section', {}, header,
    member ? scoringSheet(tender, view, bidders, ctx.account.id) : null,
    author || ctx.account.role === 'supervisor' ? liveRanking(tender, view, names, ctx) : null,
    author && view.result && tender.state === 'evaluating' ? awardForm(tender, view, names, ctx) : null);
}
