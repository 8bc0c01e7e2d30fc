// Live auctions (拍卖与竞价): the list, the official's form for a new auction, and the auction's page
// with its bidding screen. The engine decides every bid at the server's clock; the page shows what
// the reader may see (the server filters it): the price, the least next bid and the time left for
// everyone; "you lead" or "your turn" for a bidder; who leads and the registrations for the author
// and supervisors. The page follows the auction live over its WebSocket.
import { api, problemText } from '../api.js';
import { facts, field, fill, h } from '../dom.js';
import { fromBeijingInput, parseYuan, time, yuan } from '../format.js';
import { actionForm } from '../forms.js';
import { enumName, t } from '../i18n.js';
import { liveSocket } from '../live.js';
import { deadlineCountdown } from './tenders.js';

const percent = (bp) => `${(bp / 100).toFixed(2)}%`;

export async function auctionsPage(_params, ctx) {
  const { items } = await api('GET', '/api/auctions');
  return h('section', {},
    h('h1', {}, t('auctions')),
    ctx.account?.role === 'official' ? h('p', {}, h('a', { class: 'button primary', href: '#/auctions/new' }, t('newAuction'))) : null,
    items.length === 0 ? h('p', { class: 'empty' }, t('noAuctions')) : h('div', { class: 'table-wrap' }, h('table', { class: 'auctions' },
      h('thead', {}, h('tr', {}, [t('auction'), t('auctionKind'), t('state'), t('startsAt')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, items.map((a) => h('tr', {},
        h('td', {}, h('a', { href: `#/auctions/${a.id}` }, a.title), h('div', { class: 'muted' }, a.id)),
        h('td', {}, enumName('auctionKind', a.kind)), h('td', {}, enumName('auctionState', a.state)),
        h('td', { class: 'nowrap' }, time(a.starts_at))))))));
}

// "E-000001 9,500,000.00 10" per line → the reverse auction's bidders (coefficient in percent).
function parseBidders(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const [bidder, price, coefficient = '0'] = line.split(/\s+/);
    const fen = parseYuan(price ?? '');
    if (!bidder || fen === null) throw new Error(t('biddersLineInvalid', { line }));
    return { bidder, initial_price_fen: Number(fen), coefficient_bp: Math.round(Number(coefficient) * 100) };
  });
}

export async function newAuctionPage(_params, ctx) {
  const f = {
    kind: h('select', {}, ['english', 'reverse'].map((k) => h('option', { value: k }, enumName('auctionKind', k)))),
    title: h('input', { required: true, maxlength: 200 }),
    description: h('textarea', { rows: 3, maxlength: 6000 }),
    deposit: h('input', { inputmode: 'decimal', value: '0' }),
    starting: h('input', { inputmode: 'decimal' }),
    reserve: h('input', { inputmode: 'decimal' }),
    increment: h('input', { inputmode: 'decimal' }),
    startsAt: h('input', { type: 'datetime-local', required: true }),
    freeEnds: h('input', { type: 'datetime-local' }),
    countdown: h('input', { type: 'number', min: 10, max: 3600, value: 180 }),
    hardStop: h('input', { type: 'datetime-local' }),
    expected: h('input', { inputmode: 'decimal' }),
    step: h('input', { type: 'number', min: 0.5, max: 3, step: 0.1, value: 0.5 }),
    rounds: h('input', { type: 'number', min: 1, max: 10, value: 3 }),
    turn: h('input', { type: 'number', min: 10, max: 600, value: 120 }),
    bidders: h('textarea', { rows: 4, class: 'mono' }),
    tender: h('input', { class: 'mono', maxlength: 40, placeholder: 'T-2026-000001' }),
  };
  // A reverse auction after a tender: its opened bids fill the bidders (the server checks them
  // against the opening record); the official then gives each its coefficient, and deletes the
  // line of a bidder the evaluation disqualified.
  const fillStatus = h('p', { role: 'status', class: 'form-error' });
  const fillFromOpening = h('button', {
    type: 'button',
    onclick: async () => {
      fillStatus.textContent = '';
      try {
        const id = encodeURIComponent(f.tender.value.trim());
        const [tender, record] = await Promise.all([api('GET', `/api/tenders/${id}`), api('GET', `/api/tenders/${id}/opening`)]);
        f.bidders.value = record.bids.filter((b) => b.status === 'opened' && b.price_fen !== null)
          .map((b) => `${b.bidder_id} ${yuan(b.price_fen, { symbol: false })} 0`).join('\n');
        if (!f.expected.value.trim()) f.expected.value = yuan(tender.budget_fen, { symbol: false });
        if (!f.title.value.trim()) f.title.value = t('reverseAuctionOf', { title: tender.title });
      } catch (err) {
        fillStatus.textContent = problemText(err);
      }
    },
  }, t('fillFromOpening'));
  const english = h('fieldset', {}, h('legend', {}, enumName('auctionKind', 'english')),
    field('au-deposit', t('depositYuan'), f.deposit), field('au-starting', t('startingPriceYuan'), f.starting),
    field('au-reserve', t('reservePriceYuan'), f.reserve, t('reserveHint')), field('au-increment', t('incrementYuan'), f.increment),
    field('au-free-ends', t('freeBiddingEnds'), f.freeEnds), field('au-countdown', t('countdownSeconds'), f.countdown, t('countdownHint')),
    field('au-hard-stop', t('hardStop'), f.hardStop));
  const reverse = h('fieldset', { hidden: true }, h('legend', {}, enumName('auctionKind', 'reverse')),
    field('au-tender', t('followsTender'), f.tender, t('followsTenderHint')), fillFromOpening, fillStatus,
    field('au-expected', t('expectedValueYuan'), f.expected), field('au-step', t('minStepPercent'), f.step),
    field('au-rounds', t('rounds'), f.rounds), field('au-turn', t('turnSeconds'), f.turn),
    field('au-bidders', t('reverseBidders'), f.bidders, t('reverseBiddersHint')));
  const show = () => {
    english.hidden = f.kind.value !== 'english';
    reverse.hidden = f.kind.value !== 'reverse';
    english.disabled = english.hidden;
    reverse.disabled = reverse.hidden;
  };
  f.kind.addEventListener('change', show);
  const fen = (input) => {
    const v = parseYuan(input.value);
    if (v === null) throw new Error(t('amountInvalidIn', { field: input.labels?.[0]?.textContent ?? '' }));
    return Number(v);
  };
  return h('section', {}, h('h1', {}, t('newAuction')),
    actionForm([
      field('au-kind', t('auctionKind'), f.kind), field('au-title', t('auctionTitle'), f.title),
      field('au-description', t('description'), f.description), field('au-starts', t('startsAtBeijing'), f.startsAt),
      english, reverse,
    ], t('createAuction'), async () => {
      const starts_at = fromBeijingInput(f.startsAt.value);
      const terms = f.kind.value === 'english' ? {
        starting_price_fen: fen(f.starting),
        reserve_price_fen: f.reserve.value.trim() ? fen(f.reserve) : 0,
        increment: { fixed_fen: fen(f.increment) },
        starts_at,
        free_bidding_ends_at: fromBeijingInput(f.freeEnds.value),
        countdown_seconds: Number(f.countdown.value),
        hard_stop_at: fromBeijingInput(f.hardStop.value),
      } : {
        expected_value_fen: fen(f.expected),
        min_step_bp: Math.round(Number(f.step.value) * 100),
        rounds: Number(f.rounds.value),
        turn_seconds: Number(f.turn.value),
        starts_at,
        bidders: parseBidders(f.bidders.value),
      };
      const body = { kind: f.kind.value, title: f.title.value.trim(), description: f.description.value.trim(), terms };
      if (f.kind.value === 'english') body.deposit_fen = fen(f.deposit);
      if (f.kind.value === 'reverse' && f.tender.value.trim()) body.tender = f.tender.value.trim();
      const created = await api('POST', '/api/auctions', { body });
      ctx.navigate(`/auctions/${created.id}`);
    }));
}

function termsFacts(a) {
  const x = a.terms;
  if (a.kind === 'english') {
    return facts([
      [t('startsAt'), time(a.starts_at)],
      [t('depositYuanShort'), yuan(a.deposit_fen)],
      [t('startingPrice'), yuan(x.starting_price_fen)],
      x.reserve_price_fen !== undefined ? [t('reservePrice'), x.reserve_price_fen ? yuan(x.reserve_price_fen) : t('noReserve')] : [t('reservePrice'), t('reserveSecret')],
      [t('increment'), x.increment.fixed_fen ? yuan(x.increment.fixed_fen) : percent(x.increment.basis_points)],
      [t('freeBiddingEnds'), time(x.free_bidding_ends_at)],
      [t('countdownRule'), t('countdownRuleText', { s: x.countdown_seconds })],
      [t('hardStop'), time(x.hard_stop_at)],
    ]);
  }
  return facts([
    a.tender ? [t('followsTender'), h('a', { href: `#/tenders/${a.tender}` }, a.tender)] : null,
    [t('startsAt'), time(a.starts_at)],
    [t('expectedValue'), yuan(x.expected_value_fen)],
    [t('minStep'), percent(x.min_step_bp)],
    [t('roundsAndTurns'), t('roundsAndTurnsText', { rounds: x.rounds, seconds: x.turn_seconds })],
    [t('bidderCount'), String(x.bidder_count ?? x.bidders?.length ?? 0)],
  ]);
}

// The adjusted price, shown with how it was computed (ProZorro's users could not follow it).
function adjusted(s) {
  if (!s.coefficient_bp) return yuan(s.adjusted_fen);
  return `${yuan(s.price_fen)} ÷ (1 + ${percent(s.coefficient_bp)}) = ${yuan(s.adjusted_fen)}`;
}

// The engine names a reverse auction's bidders "Bidder #N" (DOMAIN: bidders by number): said in the
// page's language.
function bidderLabel(label) {
  const number = /^Bidder #(\d+)$/.exec(label ?? '');
  return number ? t('bidderNumber', { n: number[1] }) : label;
}

function livePanel(a, live) {
  if (!live || Object.keys(live).length === 0) return h('p', { class: 'muted' }, t('liveUnavailable'));
  const you = live.you;
  const lines = [[t('auctionPhase'), h('span', { class: 'state' }, enumName('auctionPhase', live.phase))]];
  if (a.kind === 'english') {
    lines.push([t('currentPrice'), live.current_price_fen ? h('strong', { class: 'price' }, yuan(live.current_price_fen)) : t('noBidYet')]);
    if (!live.ended) lines.push([t('minimumNext'), yuan(live.minimum_next_fen)]);
    if (live.ends_at && !live.ended) lines.push([t('endsAt'), h('span', {}, time(live.ends_at), ' ', deadlineCountdown(live.ends_at))]);
    if (live.leader) lines.push([t('leader'), live.leader]);
    if (you && !live.ended && live.current_price_fen) lines.push([t('yourStatus'), h('strong', { class: you.leading ? 'up' : 'down' }, you.leading ? t('youLead') : t('youDoNotLead'))]);
  } else {
    if (live.turn) {
      lines.push([t('turnNow'), h('span', {}, t('roundTurn', { round: live.turn.round + 1, label: bidderLabel(live.turn.label) }), ' ', deadlineCountdown(live.turn.ends_at))]);
      if (you) lines.push([t('yourStatus'), h('strong', { class: you.your_turn ? 'up' : null }, you.your_turn ? t('yourTurn') : t('notYourTurn'))]);
    }
    lines.push([t('stepLabel'), yuan(live.step_fen)]);
  }
  lines.push([t('acceptedBids'), String(live.accepted)]);
  if (live.ended) {
    lines.push([t('auctionResult'), live.winner ? t('wonBy', { winner: live.winner, price: yuan(live.winning_price_fen) }) : t('auctionFailed')]);
    if (you && live.winner) lines.push([t('yourStatus'), you.won ? t('youWon') : t('youDidNotWin')]);
  }
  const standings = live.standings?.length ? h('table', { class: 'standings' },
    h('thead', {}, h('tr', {}, [t('rank'), t('bidder'), t('price'), t('adjustedPrice')].map((c, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : null }, c)))),
    h('tbody', {}, live.standings.map((s) => h('tr', { class: s.you ? 'mine' : null },
      h('td', {}, String(s.rank)), h('td', {}, bidderLabel(s.label), s.you ? ` (${t('you')})` : '', s.bidder ? h('div', { class: 'muted' }, s.bidder) : null),
      h('td', { class: 'num' }, yuan(s.price_fen)), h('td', { class: 'num' }, adjusted(s)))))) : null;
  return [facts(lines), standings];
}

// What decides the bid form's fields: while it stays the same, the form on the screen stays, so a live
// message never wipes a price the bidder is typing.
function bidFormKey(a, live) {
  if (!live) return 'none';
  if (a.kind === 'english') return `english:${live.phase}:${live.minimum_next_fen}:${!!live.ended}:${!!a.you?.registration?.confirmed}`;
  return `reverse:${live.turn?.round}:${live.turn?.turn}:${!!live.you?.your_turn}:${!!live.ended}`;
}

// The bid form, or null when the reader may not bid now. `typed` is a price the bidder typed into the
// form this one replaces; it stays in the field. `placed(text)` is told of each bid placed, with the
// price as typed.
function bidForm(a, live, placed, typed = null) {
  if (!live || live.ended || !live.you) return null;
  const status = h('p', { role: 'alert', class: 'form-error' });
  let key = crypto.randomUUID();  // kept until the bid is answered: a retry is the same bid
  const send = async (body) => {
    status.textContent = '';
    try {
      await api('POST', `/api/auctions/${a.id}/bids`, { body, headers: { 'idempotency-key': key } });
      key = crypto.randomUUID();
      placed(price.value);
    } catch (e) {
      if (e.status !== 0) key = crypto.randomUUID();  // refused: the next try is another bid
      status.textContent = problemText(e);
    }
  };
  const price = h('input', { inputmode: 'decimal', autocomplete: 'off', required: true,
    value: typed ?? (a.kind === 'english' ? yuan(live.minimum_next_fen, { symbol: false }) : ''),
    oninput: () => { price.dataset.typed = 'yes'; } });
  if (typed !== null) price.dataset.typed = 'yes';
  const submit = (e) => {
    e.preventDefault();
    const fen = parseYuan(price.value);
    if (fen === null || fen <= 0n) {
      status.textContent = t('priceInvalid');
      return;
    }
    send({ price_fen: Number(fen) });
  };
  if (a.kind === 'english') {
    if (['registration', 'won', 'failed'].includes(live.phase) || !a.you?.registration?.confirmed) return null;
    return h('form', { class: 'inline bid-form', onsubmit: submit },
      field('au-price', t('yourBidYuan'), price, t('atLeast', { price: yuan(live.minimum_next_fen) })),
      h('button', { type: 'submit', class: 'primary' }, t('placeBid')), status);
  }
  if (!live.you.your_turn) return null;
  return h('form', { class: 'inline bid-form', onsubmit: submit },
    field('au-price', t('yourBidYuan'), price, t('reverseHint', { step: yuan(live.step_fen) })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('placeBid')),
      h('button', { type: 'button', onclick: () => send({ pass: true }) }, t('passTurn'))), status);
}

function registrationSection(a, ctx) {
  const role = ctx.account?.role;
  if (a.kind !== 'english' || a.state !== 'scheduled') return null;
  if (role === 'enterprise') {
    const mine = a.you?.registration;
    if (mine) return h('p', { class: mine.confirmed ? 'up' : 'notice' }, mine.confirmed ? t('registeredToBid') : t('awaitingDeposit', { ref: mine.deposit_reference }));
    const reference = h('input', { required: true, maxlength: 100, class: 'mono' });
    return h('section', {}, h('h2', {}, t('registerToBid')), h('p', {}, t('depositNotice', { deposit: yuan(a.deposit_fen) })),
      actionForm(field('au-deposit-ref', t('depositReference'), reference, t('depositReferenceHint')), t('registerForAuction'), async () => {
        await api('POST', `/api/auctions/${a.id}/registrations`, { body: { deposit_reference: reference.value.trim() } });
        ctx.navigate(`/auctions/${a.id}`);
      }));
  }
  if (!a.registrations) return null;
  return h('section', {}, h('h2', {}, t('registrations')),
    a.registrations.length === 0 ? h('p', { class: 'empty' }, t('noRegistrations')) : h('table', { class: 'registrations' },
      h('thead', {}, h('tr', {}, [t('bidder'), t('depositReference'), t('state')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, a.registrations.map((r) => h('tr', {},
        h('td', {}, r.name, h('div', { class: 'muted' }, r.enterprise)), h('td', { class: 'mono' }, r.deposit_reference),
        h('td', {}, r.confirmed_at ? t('depositConfirmed') : role === 'official'
          ? actionForm(null, t('confirmDeposit', { name: r.name }), async () => {
            await api('POST', `/api/auctions/${a.id}/registrations/${r.enterprise}/confirm`);
            ctx.navigate(`/auctions/${a.id}`);
          }) : t('depositPending')))))));
}

// A decided auction's result, from the record.
function outcome(a) {
  return h('section', {}, h('h2', {}, t('auctionResult')), facts([
    [t('auctionResult'), a.winner ? t('wonBy', { winner: a.winner, price: yuan(a.winning_price_fen) }) : t('auctionFailed')],
    [t('endsAt'), time(a.ended_at)],
    a.you && a.winner ? [t('yourStatus'), h('strong', { class: a.winner === a.you.bidder ? 'up' : null }, a.winner === a.you.bidder ? t('youWon') : t('youDidNotWin'))] : null,
  ]));
}

export async function auctionPage([id], ctx) {
  const container = h('div', {});
  const render = async () => {
    const a = await api('GET', `/api/auctions/${encodeURIComponent(id)}`);
    const liveSlot = h('div', { id: 'auction-live', 'aria-live': 'polite' }, livePanel(a, a.live));
    const formSlot = h('div', {}, bidForm(a, a.live, (sent) => placed(sent)));
    let formKey = bidFormKey(a, a.live);
    const placeForm = (auction, live) => {
      const key = bidFormKey(auction, live);
      if (key === formKey) return;
      formKey = key;
      const typed = formSlot.querySelector('input[data-typed]')?.value ?? null;
      fill(formSlot, bidForm(auction, live, (sent) => placed(sent), typed));
    };
    // The newest state shown (by accepted bids, then the auction's clock): a read answered late, or
    // a live message that another overtook, never puts an older state back on the screen.
    let shown = { auction: a, live: a.live };
    const show = (auction, live) => {
      const was = shown.live;
      const older = was && live && (live.accepted < was.accepted ||
        (live.accepted === was.accepted && (live.clock ?? '') < (was.clock ?? '')));
      if (older) return false;
      shown = { auction, live };
      fill(liveSlot, livePanel(auction, live));
      return true;
    };
    const refresh = async () => {
      const again = await api('GET', `/api/auctions/${a.id}`);
      if (show(again, again.live)) placeForm(again, again.live);
    };
    // After one's own bid the form starts afresh from the newest state, keeping only a price typed
    // since (a rival's bid may have rebuilt the form, the sent price in it, while the bid was on its
    // way).
    const placed = async (sent) => {
      const field = formSlot.querySelector('input[data-typed]');
      if (field && field.value === sent) delete field.dataset.typed;
      formKey = null;
      await refresh();
      if (formKey === null) placeForm(shown.auction, shown.live);
    };
    const page = h('article', { class: 'auction' },
      h('h1', {}, a.title),
      h('p', {}, h('span', { class: 'state' }, enumName('auctionState', a.state)), ' ', h('span', { class: 'muted' }, `${a.id} · ${enumName('auctionKind', a.kind)}`)),
      a.description ? h('p', { class: 'description' }, a.description) : null,
      h('section', {}, h('h2', {}, t('auctionTerms')), termsFacts(a)),
      a.state === 'scheduled' ? h('section', { class: 'live' }, h('h2', {}, t('auctionLive')), liveSlot, formSlot) : outcome(a),
      registrationSection(a, ctx),
      a.state !== 'scheduled' ? h('p', {}, h('a', { href: `/api/auctions/${a.id}/transcript`, download: `${a.id}-transcript.json` }, t('downloadTranscript'))) : null);
    if (a.state === 'scheduled') {
      liveSocket(`/api/auctions/${a.id}/live`, liveSlot, {
        onMessage: (m) => {
          if (!m.live) return;
          const merged = { ...a, live: m.live };
          if (!show(merged, m.live)) return;
          if (m.type !== 'auction_bid' || !m.bid?.yours) placeForm(merged, m.live);
          if (m.type === 'auction_ended') setTimeout(() => ctx.navigate(`/auctions/${a.id}`), 1500);
        },
        onLost: () => liveSlot.append(h('p', { class: 'down' }, t('liveLost'))),
      });
    }
    return page;
  };
  fill(container, await render());
  return container;
}
