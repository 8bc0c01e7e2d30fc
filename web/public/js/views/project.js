// A filed informatization project's public page (#/projects/GD-2026-000001): what was approved,
// what its published tenders have committed of the budget, each tender with its contract, and the
// officials who may procure under it. The department that filed it names those officials here (only
// it sees the form; the server refuses any other department).
import { api } from '../api.js';
import { facts, field, h } from '../dom.js';
import { time, yuan } from '../format.js';
import { actionForm } from '../forms.js';
import { enumName, t } from '../i18n.js';

const APPLICATION_READERS = ['department', 'reviewer', 'supervisor', 'expert'];

function tendersTable(tenders) {
  if (tenders.length === 0) return h('p', { class: 'empty' }, t('noProjectTenders'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'project-tenders' },
    h('thead', {}, h('tr', {}, [t('tender'), t('state'), t('budget'), t('contract')]
      .map((c, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : null }, c)))),
    h('tbody', {}, tenders.map((x) => h('tr', {},
      h('td', {}, h('a', { href: `#/tenders/${x.id}` }, x.title), h('div', { class: 'muted' }, x.id)),
      h('td', {}, enumName('state', x.state)),
      h('td', { class: 'num' }, yuan(x.budget_fen)),
      h('td', { class: 'num' }, x.contract ? h('span', {}, yuan(x.contract.amount_fen), h('div', { class: 'muted' }, time(x.contract.signed_at))) : '—'))))));
}

function purchaserForm(project, ctx) {
  const official = h('input', { required: true, maxlength: 40, pattern: 'U-[0-9]+', class: 'mono', autocomplete: 'off' });
  return actionForm(field('purchaser-id', t('purchaserAccount'), official, t('purchaserHint')), t('namePurchaser'), async () => {
    await api('PUT', `/api/projects/${project.project_code}/purchasers/${encodeURIComponent(official.value.trim())}`);
    ctx.navigate(`/projects/${project.project_code}`);
  });
}

export async function projectPage([code], ctx) {
  const p = await api('GET', `/api/projects/${encodeURIComponent(code)}`);
  const left = BigInt(p.approved_budget_fen) - BigInt(p.committed_fen);
  const role = ctx.account?.role;
  return h('article', { class: 'project' },
    h('h1', {}, p.name),
    h('p', {}, h('span', { class: 'state' }, enumName('appState', p.state)), ' ', h('span', { class: 'muted' }, p.project_code)),
    h('section', {}, h('h2', {}, t('projectFacts')), facts([
      [t('department'), p.department],
      [t('approvedBudget'), yuan(p.approved_budget_fen)],
      [t('committedBudget'), yuan(p.committed_fen)],
      [t('budgetLeft'), yuan(left)],
      [t('applicationId'), APPLICATION_READERS.includes(role) ? h('a', { href: `#/applications/${p.application}` }, p.application) : p.application],
      p.registered_system ? [t('registeredSystem'), p.registered_system] : null,
    ])),
    h('section', {}, h('h2', {}, t('projectTenders')), tendersTable(p.tenders)),
    h('section', {}, h('h2', {}, t('purchasers')),
      p.purchasers.length ? h('ul', { class: 'purchasers' }, p.purchasers.map((id) => h('li', { class: 'mono' }, id)))
        : h('p', { class: 'empty' }, t('noPurchasers')),
      ctx.account?.id === p.department_account ? purchaserForm(p, ctx) : null));
}
