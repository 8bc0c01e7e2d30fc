// A small form that performs one action: its fields, a button, and the problem (RFC 9457, in the
// page's words) under it when the action fails.
import { problemText } from './api.js';
import { h } from './dom.js';

export function actionForm(fields, buttonText, send) {
  const error = h('p', { role: 'alert', class: 'form-error' });
  return h('form', {
    class: 'inline',
    onsubmit: async (e) => {
      e.preventDefault();
      error.textContent = '';
      try {
        await send();
      } catch (err) {
        error.textContent = problemText(err);
      }
    },
  }, fields, h('button', { type: 'submit' }, buttonText), error);
}
