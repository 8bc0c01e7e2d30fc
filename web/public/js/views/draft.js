// The official drafts a tender: its terms, every parameter of the evaluation method
// (specs/evaluation-case.md: the method, the price formula and points, the criteria and their
// maxima, how experts' scores are aggregated, the SME deduction, the abnormally-low threshold, the
// benchmark's parameters), the deadlines in Beijing time and the opening officers; then publishes it
// from the tender's page, where the publication rules answer.
import { api, problemText } from '../api.js';
import { field, fill, h } from '../dom.js';
import { fromBeijingInput, parseYuan, serverClock, toBeijingInput } from '../format.js';
import { enumName, t } from '../i18n.js';

const DAY_MS = 86_400_000;
const PROCEDURES = ['public_tender', 'invited_tender', 'competitive_consultation', 'competitive_negotiation', 'inquiry'];

// Days from now, at 10:00 Beijing time.
const atTen = (days) => {
  const d = toBeijingInput(serverClock.now() + days * DAY_MS).slice(0, 10);
  return `${d}T10:00`;
};

// A criterion's row; its controls are named with the row's number (criterion 3's code, maximum,
// removal), renumbered when a row goes.
function criterionRow(list, id = '', max = '') {
  const code = h('input', { value: id, required: true, maxlength: 64, pattern: '[a-z0-9_]+', class: 'mono' });
  const maximum = h('input', { type: 'number', min: 1, max: 100, step: 1, value: max, required: true });
  const remove = h('button', { type: 'button', onclick: () => { row.remove(); renumber(list); } }, t('remove'));
  const row = h('li', { class: 'criterion' }, code, maximum, remove);
  list.append(row);
  renumber(list);
}

function renumber(list) {
  [...list.children].forEach((row, i) => {
    const [code, maximum, remove] = row.querySelectorAll('input, button');
    code.setAttribute('aria-label', t('criterionIdN', { n: i + 1 }));
    maximum.setAttribute('aria-label', t('criterionMaxN', { n: i + 1 }));
    remove.setAttribute('aria-label', t('removeCriterionN', { n: i + 1 }));
  });
}

export async function draftTenderPage(_params, ctx) {
  const num = (value, attrs = {}) => h('input', { type: 'number', value, ...attrs });
  const f = {
    title: h('input', { required: true, maxlength: 200 }),
    description: h('textarea', { rows: 4, maxlength: 20000 }),
    category: h('select', {}, ['goods', 'services', 'works'].map((c) => h('option', { value: c }, enumName('category', c)))),
    procedure: h('select', {}, PROCEDURES.map((p) => h('option', { value: p }, enumName('procedure', p)))),
    budget: h('input', { required: true, inputmode: 'decimal' }),
    ceiling: h('input', { required: true, inputmode: 'decimal' }),
    bond: h('input', { inputmode: 'decimal', value: '0' }),
    method: h('select', {}, ['comprehensive', 'lowest_price'].map((m) => h('option', { value: m }, enumName('method', m)))),
    formula: h('select', {}, ['low_price_first', 'benchmark_average'].map((m) => h('option', { value: m }, enumName('formula', m)))),
    pricePoints: num(30, { min: 10, max: 100, step: 1 }),
    aggregation: h('select', {}, ['mean', 'trimmed_mean'].map((m) => h('option', { value: m }, enumName('aggregation', m)))),
    smeSmall: num(10, { min: 0, max: 20, step: 1 }),
    smeMicro: num(10, { min: 0, max: 20, step: 1 }),
    abnormal: num(20, { min: 0, max: 100, step: 1 }),
    kPercent: num(5, { min: 0, max: 20, step: 0.0001 }),
    dropHighest: num(6, { min: 1, max: 100, step: 1 }),
    dropLowest: num(7, { min: 1, max: 100, step: 1 }),
    deductAbove: num(1.2, { min: 0, max: 10, step: 0.0001 }),
    deductBelow: num(0.8, { min: 0, max: 10, step: 0.0001 }),
    qualifications: h('input', { maxlength: 2000 }),
    clarification: h('input', { type: 'datetime-local', required: true, value: atTen(10) }),
    deadline: h('input', { type: 'datetime-local', required: true, value: atTen(21) }),
    officers: h('input', { required: true, maxlength: 200, class: 'mono' }),
    threshold: num(2, { min: 1, max: 9, step: 1 }),
    projectCode: h('input', { maxlength: 64, class: 'mono' }),
  };
  const criteria = h('ol', { class: 'criteria' });
  criterionRow(criteria, 'tech', 50);
  criterionRow(criteria, 'service', 20);
  const benchmark = h('fieldset', {}, h('legend', {}, t('benchmarkParams')),
    field('d-k', t('kPercent'), f.kPercent), field('d-drop-high', t('dropHighestFrom'), f.dropHighest),
    field('d-drop-low', t('dropLowestFrom'), f.dropLowest), field('d-above', t('deductAbove'), f.deductAbove),
    field('d-below', t('deductBelow'), f.deductBelow));
  const comprehensive = h('fieldset', {}, h('legend', {}, t('comprehensiveParams')),
    field('d-formula', t('priceFormula'), f.formula), field('d-points', t('pricePointsLabel'), f.pricePoints),
    h('fieldset', {}, h('legend', {}, t('criteria')), criteria,
      h('button', { type: 'button', onclick: () => criterionRow(criteria) }, t('addCriterion'))),
    field('d-aggregation', t('aggregation'), f.aggregation), benchmark);
  // A hidden group is also disabled, so that its fields neither block nor travel with the form.
  const sync = () => {
    comprehensive.hidden = comprehensive.disabled = f.method.value !== 'comprehensive';
    benchmark.hidden = benchmark.disabled = f.formula.value !== 'benchmark_average';
  };
  f.method.addEventListener('change', sync);
  f.formula.addEventListener('change', sync);
  sync();

  const error = h('p', { role: 'alert', class: 'form-error' });
  const amount = (input, name) => {
    const fen = parseYuan(input.value);
    if (fen === null) throw new Error(`${name}: ${t('priceInvalid')}`);
    return Number(fen);
  };
  async function onSubmit(e) {
    e.preventDefault();
    error.textContent = '';
    try {
      const evaluation = {
        method: f.method.value,
        sme_deduction_percent: { small: Number(f.smeSmall.value), micro: Number(f.smeMicro.value) },
        abnormally_low_percent: Number(f.abnormal.value),
      };
      if (f.method.value === 'comprehensive') {
        Object.assign(evaluation, {
          price_formula: f.formula.value,
          price_points: Number(f.pricePoints.value),
          aggregation: f.aggregation.value,
          criteria: [...criteria.children].map((li) => {
            const [id, max] = li.querySelectorAll('input');
            return { id: id.value.trim(), max: Number(max.value) };
          }),
        });
        if (f.formula.value === 'benchmark_average') {
          evaluation.benchmark = {
            k_percent: Number(f.kPercent.value), drop_highest_from: Number(f.dropHighest.value),
            drop_lowest_from: Number(f.dropLowest.value), deduct_above: Number(f.deductAbove.value), deduct_below: Number(f.deductBelow.value),
          };
        }
      }
      const body = {
        title: f.title.value.trim(), description: f.description.value.trim(), category: f.category.value,
        procedure: f.procedure.value, budget_fen: amount(f.budget, t('budget')), ceiling_fen: amount(f.ceiling, t('ceiling')),
        bid_bond_fen: amount(f.bond, t('bidBond')), evaluation,
        qualification_requirements: f.qualifications.value.split(/[,，、\s]+/).filter(Boolean),
        clarification_deadline: fromBeijingInput(f.clarification.value), bid_deadline: fromBeijingInput(f.deadline.value),
        opening_officers: f.officers.value.split(/[,，、\s]+/).filter(Boolean), opening_threshold: Number(f.threshold.value),
      };
      if (f.projectCode.value.trim()) body.project_code = f.projectCode.value.trim();
      const draft = await api('POST', '/api/tenders', { body });
      ctx.navigate(`/tenders/${draft.id}`);
    } catch (err) {
      error.textContent = problemText(err);
    }
  }
  return h('section', {}, h('h1', {}, t('draftTender')),
    h('form', { onsubmit: onSubmit, class: 'draft' },
      h('fieldset', {}, h('legend', {}, t('terms')),
        field('d-title', t('titleLabel'), f.title), field('d-description', t('descriptionLabel'), f.description),
        field('d-category', t('category'), f.category), field('d-procedure', t('procedure'), f.procedure),
        field('d-budget', t('budgetYuan'), f.budget), field('d-ceiling', t('ceilingYuan'), f.ceiling),
        field('d-bond', t('bidBondYuan'), f.bond), field('d-qualifications', t('qualifications'), f.qualifications, t('listHint')),
        field('d-project', t('projectCodeOptional'), f.projectCode)),
      h('fieldset', {}, h('legend', {}, t('evaluationMethod')),
        field('d-method', t('methodLabel'), f.method), comprehensive,
        field('d-sme-small', t('smeSmall'), f.smeSmall), field('d-sme-micro', t('smeMicro'), f.smeMicro),
        field('d-abnormal', t('abnormallyLow'), f.abnormal)),
      h('fieldset', {}, h('legend', {}, t('deadlinesAndOpening')),
        field('d-clarification', t('clarificationDeadlineBeijing'), f.clarification),
        field('d-deadline', t('bidDeadlineBeijing'), f.deadline),
        field('d-officers', t('openingOfficers'), f.officers, t('openingOfficersHint')),
        field('d-threshold', t('thresholdLabel'), f.threshold)),
      h('button', { type: 'submit', class: 'primary' }, t('saveDraft')), error));
}

// The author's publish button on a draft's page: the publication rules answer in its note.
export function publishButton(tender, ctx) {
  const note = h('p', { role: 'alert', class: 'form-error' });
  const button = h('button', {
    type: 'button', class: 'primary',
    onclick: async () => {
      button.disabled = true;
      try {
        await api('POST', `/api/tenders/${tender.id}/publish`);
        ctx.navigate(`/tenders/${tender.id}`);
      } catch (e) {
        fill(note, problemText(e));
        button.disabled = false;
      }
    },
  }, t('publish'));
  return h('p', {}, button, note);
}
