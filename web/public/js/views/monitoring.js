// Supervision cases (监督案件): a supervisor opens a case on a published tender or a submitted
// application with its reason and evidence, may freeze the subject (every step of it is refused
// until unfrozen), asks its owner questions and closes the case with a conclusion. The owner (the
// tender's official, the application's department) sees its cases and answers each question; the
// evidence is shown to supervisors only (the server leaves it out for owners: it may name the
// complainant). Every event is in the audit log, and the page shows its index.
import { api } from '../api.js';
import { facts, field, h } from '../dom.js';
import { time } from '../format.js';
import { actionForm } from '../forms.js';
import { enumName, t } from '../i18n.js';

// The server takes 4000 bytes of UTF-8; 1333 characters fit whatever they are (a Chinese character
// takes 3 bytes).
const MAX_TEXT = 1333;

const subjectHref = (c) => (c.subject_type === 'tender' ? `#/tenders/${c.subject_id}` : `#/applications/${c.subject_id}`);

function caseState(c) {
  if (c.closed_at) return h('span', { class: 'state' }, t('caseClosed'));
  return h('span', { class: c.frozen ? 'state frozen' : 'state' }, c.frozen ? t('caseFrozen') : t('caseOpen'));
}

function textArea(rows = 3) {
  return h('textarea', { rows, maxlength: MAX_TEXT, required: true });
}

export async function monitoringCasesPage(_params, ctx, query) {
  const openOnly = query.get('open') === 'true';
  const cases = (await api('GET', `/api/monitoring/cases${openOnly ? '?open=true' : ''}`)).items;
  return h('section', { class: 'monitoring' },
    h('h1', {}, t('monitoringCases')),
    h('p', {},
      openOnly ? h('a', { href: '#/monitoring' }, t('allCases')) : h('a', { href: '#/monitoring?open=true' }, t('openCasesOnly')),
      ctx.account.role === 'supervisor' ? [' · ', h('a', { class: 'button primary', href: '#/monitoring/new' }, t('openCase'))] : null),
    cases.length === 0 ? h('p', { class: 'empty' }, t('noCases')) : h('div', { class: 'table-wrap' }, h('table', { class: 'cases' },
      h('thead', {}, h('tr', {}, [t('caseId'), t('caseSubject'), t('caseReason'), t('openedAtLabel'), t('state')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, cases.map((c) => h('tr', {},
        h('td', {}, h('a', { href: `#/monitoring/${c.id}` }, c.id)),
        h('td', {}, enumName('caseSubject', c.subject_type), ' ', h('a', { href: subjectHref(c) }, c.subject_id)),
        h('td', {}, c.reason),
        h('td', { class: 'nowrap' }, time(c.opened_at)),
        h('td', {}, caseState(c))))))));
}

export async function newMonitoringCasePage(_params, ctx, query) {
  const type = h('select', {}, ['tender', 'application'].map((s) => h('option', { value: s, selected: query.get('type') === s }, enumName('caseSubject', s))));
  const subject = h('input', { required: true, maxlength: 40, class: 'mono', value: query.get('id') ?? '', autocomplete: 'off' });
  const reason = textArea();
  const evidence = textArea(5);
  evidence.required = false;
  return h('section', { class: 'monitoring' },
    h('h1', {}, t('openCase')),
    actionForm([
      field('case-type', t('caseSubjectType'), type),
      field('case-subject', t('caseSubjectId'), subject, t('caseSubjectHint')),
      field('case-reason', t('caseReason'), reason),
      field('case-evidence', t('caseEvidence'), evidence, t('caseEvidenceHint')),
    ], t('openCase'), async () => {
      const body = { subject_type: type.value, subject_id: subject.value.trim(), reason: reason.value.trim() };
      if (evidence.value.trim()) body.evidence = evidence.value.trim();
      const opened = await api('POST', '/api/monitoring/cases', { body });
      ctx.navigate(`/monitoring/${opened.id}`);
    }));
}

// The supervisor's actions on an open case: freeze or unfreeze, ask, close.
function supervisorDesk(c, ctx) {
  const post = async (action, body) => {
    await api('POST', `/api/monitoring/cases/${c.id}/${action}`, { body });
    ctx.navigate(`/monitoring/${c.id}`);
  };
  const freezeReason = textArea(2);
  const question = textArea();
  const conclusion = textArea();
  return h('section', { class: 'desk' }, h('h2', {}, t('supervisorDesk')),
    actionForm(field('case-freeze-reason', c.frozen ? t('unfreezeReason') : t('freezeReason'), freezeReason, c.frozen ? null : t('freezeHint')),
      c.frozen ? t('unfreeze') : t('freeze'), () => post(c.frozen ? 'unfreeze' : 'freeze', { reason: freezeReason.value.trim() })),
    actionForm(field('case-question', t('questionToOwner'), question), t('ask'), () => post('questions', { question: question.value.trim() })),
    actionForm(field('case-conclusion', t('caseConclusion'), conclusion, t('closeHint')), t('closeCase'),
      () => post('close', { conclusion: conclusion.value.trim() })));
}

function eventItem(c, e, answerable, ctx) {
  const answered = c.events.some((x) => x.kind === 'answer' && x.answers === e.id);
  let form = null;
  if (answerable && e.kind === 'question' && !answered) {
    const answer = textArea();
    form = actionForm(field(`case-answer-${e.id}`, t('answerToQuestion', { id: e.id }), answer), t('send'), async () => {
      await api('POST', `/api/monitoring/cases/${c.id}/answers`, { body: { question: e.id, answer: answer.value.trim() } });
      ctx.navigate(`/monitoring/${c.id}`);
    });
  }
  return h('li', { class: `event event-${e.kind}`, id: `event-${e.id}` },
    h('p', {}, h('strong', {}, enumName('caseEvent', e.kind), e.kind === 'question' ? ` #${e.id}` : ''),
      e.answers ? ` ${t('answersQuestion', { id: e.answers })}` : null,
      h('span', { class: 'muted' }, ` · ${e.by} · ${time(e.at)} · ${t('auditIndexN', { n: e.audit_index })}`)),
    h('p', { class: 'event-text' }, e.text),
    form);
}

export async function monitoringCasePage([id], ctx) {
  const c = await api('GET', `/api/monitoring/cases/${encodeURIComponent(id)}`);
  const open = !c.closed_at;
  const supervisor = ctx.account.role === 'supervisor';
  return h('article', { class: 'monitoring-case' },
    h('h1', {}, t('caseTitle', { id: c.id })),
    h('p', {}, caseState(c)),
    c.frozen ? h('p', { class: 'notice' }, t('frozenNotice')) : null,
    facts([
      [t('caseSubject'), h('span', {}, enumName('caseSubject', c.subject_type), ' ', h('a', { href: subjectHref(c) }, c.subject_id))],
      [t('openedBy'), c.opened_by],
      [t('openedAtLabel'), time(c.opened_at)],
      [t('caseReason'), c.reason],
      supervisor && c.evidence ? [t('caseEvidence'), h('span', { class: 'evidence' }, c.evidence)] : null,
      c.closed_at ? [t('closedAt'), time(c.closed_at)] : null,
      c.conclusion ? [t('caseConclusion'), c.conclusion] : null,
    ]),
    h('section', {}, h('h2', {}, t('caseEvents')),
      h('ol', { class: 'events' }, c.events.map((e) => eventItem(c, e, open && !supervisor, ctx)))),
    open && supervisor ? supervisorDesk(c, ctx) : null);
}
