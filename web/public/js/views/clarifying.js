// Clarifying a published tender on its page: bidders ask questions until the clarification
// deadline (the asker is never shown to anyone but supervisors); the author answers them, each
// answer published to all, and amends the notice (a new description or deadline, with a reason;
// the platform moves the deadline if the amendment needs more time and tells the bidders).
import { api } from '../api.js';
import { field, h } from '../dom.js';
import { actionForm as form } from '../forms.js';
import { fromBeijingInput, serverClock, time } from '../format.js';
import { t } from '../i18n.js';


// The bidder's question form, while questions are taken.
export function askSection(tender, ctx) {
  if (ctx.account?.role !== 'enterprise' || tender.state !== 'published') return null;
  if (Date.parse(tender.clarification_deadline) <= serverClock.now()) return null;
  const question = h('textarea', { rows: 3, maxlength: 4000, required: true });
  return h('section', {}, h('h2', {}, t('askQuestion')),
    form(field('ask-question', t('questionLabel'), question, t('questionHint', { until: time(tender.clarification_deadline) })), t('send'),
      async () => {
        await api('POST', `/api/tenders/${tender.id}/questions`, { body: { question: question.value.trim() } });
        question.value = '';
        ctx.navigate(`/tenders/${tender.id}`);
      }));
}

// The author's desk on a published tender: the questions waiting for an answer, and the amendment.
export async function authorSection(tender, ctx) {
  if (ctx.account?.id !== tender.created_by || tender.state !== 'published') return null;
  const questions = (await api('GET', `/api/tenders/${tender.id}/questions`)).items.filter((q) => !q.answer);
  const answers = questions.map((q) => {
    const answer = h('textarea', { rows: 2, maxlength: 8000, required: true, 'aria-label': t('answerQuestion', { id: q.id }) });
    const substantive = h('input', { type: 'checkbox', id: `substantive-${q.id}` });
    return h('li', {}, h('p', {}, h('strong', {}, time(q.asked_at)), ' ', q.question),
      form([answer, h('div', { class: 'field check' }, substantive, h('label', { for: `substantive-${q.id}` }, t('substantiveAnswer')))],
        t('publishAnswer'), async () => {
          await api('POST', `/api/tenders/${tender.id}/questions/${q.id}/answer`, { body: { answer: answer.value.trim(), substantive: substantive.checked } });
          ctx.navigate(`/tenders/${tender.id}`);
        }));
  });
  const reason = h('textarea', { rows: 2, maxlength: 2000, required: true });
  const description = h('textarea', { rows: 4, maxlength: 20000, value: tender.description });
  const deadline = h('input', { type: 'datetime-local' });
  const substantive = h('input', { type: 'checkbox', id: 'amend-substantive', checked: true });
  // A textarea gives back line breaks as LF and the text untrimmed: compare like with like.
  const normal = (text) => text.replace(/\r\n/g, '\n').trim();
  return h('section', {}, h('h2', {}, t('authorDesk')),
    h('h3', {}, t('openQuestions', { n: questions.length })),
    questions.length ? h('ol', { class: 'questions' }, answers) : h('p', { class: 'muted' }, t('noOpenQuestions')),
    h('h3', {}, t('amendNotice')),
    form([field('amend-reason', t('amendReason'), reason), field('amend-description', t('descriptionLabel'), description),
      field('amend-deadline', t('newBidDeadline'), deadline, t('newBidDeadlineHint')),
      h('div', { class: 'field check' }, substantive, h('label', { for: 'amend-substantive' }, t('substantiveAmendment')))], t('publishAmendment'), async () => {
      const changes = {};
      if (normal(description.value) !== normal(tender.description)) changes.description = description.value.trim();
      if (deadline.value) changes.bid_deadline = fromBeijingInput(deadline.value);
      await api('POST', `/api/tenders/${tender.id}/amendments`, { body: { reason: reason.value.trim(), substantive: substantive.checked, changes } });
      ctx.navigate(`/tenders/${tender.id}`);
    }));
}
