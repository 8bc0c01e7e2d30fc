// Informatization project filing: the department's applications (the form, the attachments, the
// submission), the reviewer's queue and each application's page with the compliance findings and
// the duplicate-construction matches side by side, the decisions; the experts' review.
import { api, problemText } from '../api.js';
import { facts, field, fill, h } from '../dom.js';
import { parseYuan, time, yuan } from '../format.js';
import { enumName, t } from '../i18n.js';

const TYPES = ['build', 'operations', 'service'];
const HOSTING = ['provincial_government_cloud', 'own_machine_room', 'own_servers', 'other_cloud'];
const KINDS = ['proposal', 'feasibility_study', 'preliminary_design'];
// The steps each role takes, by state; `reason` and `budget` say what the step asks for.
const STEPS = {
  department: { draft: [['submit']], returned: [['revise']] },
  reviewer: {
    submitted: [['start_check']],
    completeness_check: [['pass_completeness'], ['return_for_revision', 'reason'], ['reject', 'reason']],
    compliance_review: [['pass_compliance'], ['return_for_revision', 'reason'], ['reject', 'reason']],
    expert_review: [['approve', 'budget'], ['return_for_revision', 'reason'], ['reject', 'reason']],
    approved: [['file']],
  },
};

const list = (text) => text.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean);

export async function applicationsPage(_params, ctx) {
  const page = await api('GET', '/api/applications?limit=100');
  return h('section', {},
    h('h1', {}, ctx.account.role === 'department' ? t('myApplications') : t('applicationQueue')),
    ctx.account.role === 'department' ? h('p', {}, h('a', { class: 'button primary', href: '#/applications/new' }, t('newApplication'))) : null,
    page.items.length === 0 ? h('p', { class: 'empty' }, t('noApplications')) : h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, [t('project'), t('department'), t('requestedBudget'), t('state'), t('stageDue')].map((c, i) => h('th', { scope: 'col', class: i === 2 ? 'num' : null }, c)))),
      h('tbody', {}, page.items.map((a) => h('tr', {},
        h('td', {}, h('a', { href: `#/applications/${a.id}` }, a.name), h('div', { class: 'muted' }, a.id)),
        h('td', {}, a.department), h('td', { class: 'num' }, yuan(a.requested_budget_fen)),
        h('td', {}, enumName('appState', a.state)),
        h('td', { class: a.overdue ? 'down' : null }, a.due ? time(a.due) : '—')))))));
}

export async function newApplicationPage(_params, ctx) {
  const f = {
    name: h('input', { required: true, maxlength: 200 }),
    type: h('select', {}, TYPES.map((x) => h('option', { value: x }, enumName('projectType', x)))),
    budget: h('input', { required: true, inputmode: 'decimal', maxlength: 20 }),
    functions: h('textarea', { required: true, rows: 4, maxlength: 20000 }),
    consumes: h('input', { maxlength: 2000 }),
    produces: h('input', { maxlength: 2000 }),
    hosting: h('select', {}, HOSTING.map((x) => h('option', { value: x }, enumName('hosting', x)))),
    security: h('select', {}, [1, 2, 3, 4, 5].map((n) => h('option', { value: n, selected: n === 3 }, t('securityLevel', { n })))),
    domestic: h('input', { required: true, maxlength: 200 }),
    start: h('input', { type: 'date', required: true }),
    end: h('input', { type: 'date', required: true }),
  };
  const error = h('p', { role: 'alert', class: 'form-error' });
  async function onSubmit(e) {
    e.preventDefault();
    error.textContent = '';
    const fen = parseYuan(f.budget.value);
    if (fen === null || fen <= 0n) {
      error.textContent = t('priceInvalid');
      return;
    }
    try {
      const created = await api('POST', '/api/applications', {
        body: {
          name: f.name.value.trim(), type: f.type.value, requested_budget_fen: Number(fen), functions: f.functions.value.trim(),
          consumes: list(f.consumes.value), produces: list(f.produces.value), hosting: f.hosting.value,
          security_level: Number(f.security.value), domestic_technology: f.domestic.value.trim(),
          schedule_start: f.start.value, schedule_end: f.end.value,
        },
      });
      ctx.navigate(`/applications/${created.id}`);
    } catch (err) {
      error.textContent = problemText(err);
    }
  }
  return h('section', {}, h('h1', {}, t('newApplication')),
    h('form', { onsubmit: onSubmit },
      field('app-name', t('projectName'), f.name),
      field('app-type', t('projectType'), f.type),
      field('app-budget', t('requestedBudgetYuan'), f.budget, t('priceHint')),
      field('app-functions', t('functions'), f.functions),
      field('app-consumes', t('consumes'), f.consumes, t('listHint')),
      field('app-produces', t('produces'), f.produces, t('listHint')),
      field('app-hosting', t('hosting'), f.hosting),
      field('app-security', t('securityLevelLabel'), f.security),
      field('app-domestic', t('domesticTechnology'), f.domestic),
      field('app-start', t('scheduleStart'), f.start),
      field('app-end', t('scheduleEnd'), f.end),
      h('button', { type: 'submit', class: 'primary' }, t('saveDraft')), error));
}

function attachmentsSection(app, editable, reload) {
  const have = new Map(app.attachments.map((a) => [a.kind, a]));
  return h('section', {}, h('h2', {}, t('attachments')), h('ul', { class: 'attachments' }, KINDS.map((kind) => {
    const a = have.get(kind);
    const input = h('input', { type: 'file', id: `att-${kind}` });
    const note = h('small', { 'aria-live': 'polite' });
    input.addEventListener('change', async () => {
      const file = input.files[0];
      if (!file) return;
      fill(note, t('uploading'));
      try {
        await api('PUT', `/api/applications/${app.id}/attachments/${kind}`, { raw: await file.arrayBuffer(), contentType: file.type || 'application/octet-stream' });
        await reload();
      } catch (e) {
        fill(note, h('span', { class: 'down' }, e.message));
      }
    });
    return h('li', {}, h('strong', {}, enumName('attachment', kind)), ' ',
      a ? h('span', { class: 'up' }, `✔ ${t('uploadedAt', { at: time(a.uploaded_at) })} · ${a.bytes} B`) : h('span', { class: 'muted' }, t('notUploaded')),
      editable ? h('div', {}, h('label', { for: `att-${kind}` }, t('chooseFile', { kind: enumName('attachment', kind) })), input, note) : null);
  })));
}

function checksSection(app, checks, reload) {
  const findings = checks.findings.length === 0 ? h('p', { class: 'up' }, t('noFindings'))
    : h('ul', {}, checks.findings.map((f) => h('li', { class: f.severity === 'blocking' ? 'down' : null }, `${enumName('severity', f.severity)} · ${f.message}`)));
  const matches = checks.matches.map((m) => {
    const resolution = h('select', {}, ['reuse', 'extend', 'justify'].map((r) => h('option', { value: r }, enumName('resolution', r))));
    const note = h('textarea', { rows: 2, maxlength: 4000, 'aria-label': t('resolutionNote', { name: m.name }) });
    const error = h('p', { role: 'alert', class: 'form-error' });
    return h('article', { class: 'match' },
      h('h3', {}, `${m.name} · ${m.department}`),
      h('p', {}, t('similarity', { score: m.score }), ' · ', m.id),
      h('div', { class: 'side-by-side' },
        h('div', {}, h('h4', {}, t('thisApplication')), h('p', {}, app.current.functions)),
        h('div', {}, h('h4', {}, t('sharedPhrases')), h('ul', {}, m.phrases.map((p) => h('li', {}, p))))),
      m.resolution ? h('p', { class: 'up' }, `✔ ${enumName('resolution', m.resolution.resolution)} · ${m.resolution.note}`)
        : m.needs_resolution ? h('form', {
          class: 'inline',
          onsubmit: async (e) => {
            e.preventDefault();
            try {
              await api('POST', `/api/applications/${app.id}/duplicates/${m.id}/resolution`, { body: { resolution: resolution.value, note: note.value.trim() } });
              await reload();
            } catch (err) {
              error.textContent = err.message;
            }
          },
        }, resolution, note, h('button', { type: 'submit' }, t('resolve')), error) : null);
  });
  return h('section', {}, h('h2', {}, t('complianceFindings')), findings,
    h('h2', {}, t('duplicateMatches')), matches.length ? matches : h('p', { class: 'up' }, t('noMatches')));
}

function stepButtons(app, role, reload) {
  const steps = STEPS[role]?.[app.state] ?? [];
  if (steps.length === 0) return null;
  const error = h('p', { role: 'alert', class: 'form-error' });
  const reason = h('textarea', { rows: 2, maxlength: 4000 });
  const budget = h('input', { inputmode: 'decimal', maxlength: 20 });
  const needs = new Set(steps.flatMap(([, need]) => (need ? [need] : [])));
  const take = async (step, need) => {
    error.textContent = '';
    const body = { step };
    if (reason.value.trim()) body.reason = reason.value.trim();
    if (need === 'budget') {
      const fen = parseYuan(budget.value);
      if (fen === null) {
        error.textContent = t('priceInvalid');
        return;
      }
      body.approved_budget_fen = Number(fen);
    }
    try {
      await api('POST', `/api/applications/${app.id}/steps`, { body });
      await reload();
    } catch (e) {
      error.textContent = e.message;
    }
  };
  return h('section', {}, h('h2', {}, t('nextSteps')),
    needs.has('budget') ? field('step-budget', t('approvedBudgetYuan'), budget) : null,
    needs.size ? field('step-reason', t('stepReason'), reason, t('stepReasonHint')) : null,
    h('p', { class: 'actions' }, steps.map(([step, need]) => h('button', {
      type: 'button', class: need ? null : 'primary', onclick: () => take(step, need),
    }, enumName('step', step)))), error);
}

function reviewForm(app) {
  const scores = Object.fromEntries(['necessity', 'feasibility', 'security', 'budget'].map((k) => [k, h('input', { type: 'number', min: 0, max: 100, step: 1, required: true })]));
  const opinion = h('textarea', { rows: 3, required: true, maxlength: 4000 });
  const status = h('p', { role: 'status' });
  return h('section', {}, h('h2', {}, t('myReview')),
    h('form', {
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          await api('PUT', `/api/applications/${app.id}/reviews/mine`, {
            body: { ...Object.fromEntries(Object.entries(scores).map(([k, el]) => [k, Number(el.value)])), opinion: opinion.value.trim() },
          });
          fill(status, t('reviewSaved'));
        } catch (err) {
          fill(status, h('span', { role: 'alert' }, err.message));
        }
      },
    }, Object.entries(scores).map(([k, el]) => field(`review-${k}`, t(`review.${k}`), el, t('score0to100'))),
    field('review-opinion', t('opinion'), opinion), h('button', { type: 'submit', class: 'primary' }, t('saveReview')), status));
}

export async function applicationPage([id], ctx) {
  const container = h('div', {});
  const reload = async () => fill(container, await render());
  async function render() {
    const app = await api('GET', `/api/applications/${encodeURIComponent(id)}`);
    const role = ctx.account.role;
    const checks = role === 'reviewer' && ['completeness_check', 'compliance_review'].includes(app.state)
      ? await api('GET', `/api/applications/${app.id}/checks`) : null;
    const seated = app.panel.filter((p) => p.seated).map((p) => p.expert);
    const d = app.current;
    return h('article', { class: 'application' },
      h('h1', {}, d.name),
      h('p', {}, h('span', { class: 'state' }, enumName('appState', app.state)), ' ', h('span', { class: 'muted' }, `${app.id} · ${t('versionN', { n: app.version })}`)),
      h('section', {}, h('h2', {}, t('projectFacts')), facts([
        [t('department'), app.department],
        [t('projectType'), enumName('projectType', d.type)],
        [t('requestedBudget'), yuan(d.requested_budget_fen)],
        app.approved_budget_fen ? [t('approvedBudget'), yuan(app.approved_budget_fen)] : null,
        app.project_code ? [t('projectCode'), h('a', { href: `#/projects/${app.project_code}` }, app.project_code)] : null,
        [t('hosting'), enumName('hosting', d.hosting)],
        [t('securityLevelLabel'), t('securityLevel', { n: d.security_level })],
        [t('schedule'), `${d.schedule_start} — ${d.schedule_end}`],
        app.due ? [t('stageDue'), h('span', { class: app.overdue ? 'down' : null }, time(app.due))] : null,
      ]), h('p', { class: 'description' }, d.functions)),
      attachmentsSection(app, role === 'department' && app.state === 'draft', reload),
      checks ? checksSection(app, checks, reload) : null,
      role === 'expert' && app.state === 'expert_review' && seated.includes(ctx.account.id) ? reviewForm(app) : null,
      app.reviews.length ? h('section', {}, h('h2', {}, t('expertReviews')), h('p', {}, t('reviewSummary', {
        n: app.review_summary.reviews, overall: (app.review_summary.overall_x100 / 100).toFixed(2),
      }))) : null,
      stepButtons(app, role, reload),
      role === 'supervisor' && app.state !== 'draft'
        ? h('p', {}, h('a', { class: 'button', href: `#/monitoring/new?type=application&id=${app.id}` }, t('openCase'))) : null,
      h('section', {}, h('h2', {}, t('stepHistory')), h('ol', { class: 'steps' }, app.steps.map((s) => h('li', {},
        `${time(s.at)} · ${enumName('step', s.step)} · ${s.actor ?? t('platform')}${s.reason ? ` · ${s.reason}` : ''}`)))));
  }
  fill(container, await render());
  return container;
}
