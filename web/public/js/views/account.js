// Signing in (staff by login name, enterprises by their USCC) and an enterprise's registration,
// with the USCC checked as it is typed.
import { api, problemText } from '../api.js';
import { field, h } from '../dom.js';
import { t } from '../i18n.js';
import { usccProblem } from '../uscc.js';

export async function signInPage(_params, ctx) {
  const error = h('p', { role: 'alert', class: 'form-error' });
  const login = h('input', { autocomplete: 'username', required: true, maxlength: 64 });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true, maxlength: 128 });
  async function onSubmit(e) {
    e.preventDefault();
    error.textContent = '';
    try {
      const session = await api('POST', '/api/session', { body: { login: login.value.trim(), password: password.value } });
      password.value = '';
      await ctx.signedIn(session.account);
      const back = sessionStorage.getItem('gp.after_sign_in');
      sessionStorage.removeItem('gp.after_sign_in');
      ctx.navigate(back ?? '/');
    } catch (err) {
      password.value = '';
      error.textContent = err.message;
    }
  }
  return h('section', { class: 'narrow' },
    h('h1', {}, t('signIn')),
    h('form', { id: 'signin', onsubmit: onSubmit },
      field('login', t('loginOrUscc'), login),
      field('password', t('password'), password),
      h('button', { type: 'submit', class: 'primary' }, t('signIn')),
      error),
    h('p', {}, t('noAccount'), ' ', h('a', { href: '#/register' }, t('registerEnterprise'))));
}

export async function registerPage(_params, ctx) {
  const error = h('p', { role: 'alert', class: 'form-error' });
  const usccHint = h('small', { id: 'uscc-check', class: 'hint', 'aria-live': 'polite' }, t('usccHint'));
  const uscc = h('input', { required: true, maxlength: 18, autocomplete: 'off', 'aria-describedby': 'uscc-check', class: 'mono' });
  uscc.addEventListener('input', () => {
    const problem = uscc.value ? usccProblem(uscc.value) : null;
    usccHint.className = problem ? 'hint bad' : 'hint';
    if (!uscc.value) usccHint.textContent = t('usccHint');
    else if (!problem) usccHint.textContent = t('usccOk');
    else if (problem.kind === 'character') usccHint.textContent = t('usccBadChar', { char: problem.char, position: problem.position });
    else if (problem.kind === 'length') usccHint.textContent = t('usccLength', { length: problem.length });
    else usccHint.textContent = t('usccCheck', { expected: problem.expected });
  });
  const inputs = {
    name: h('input', { required: true, maxlength: 200, autocomplete: 'organization' }),
    contact_name: h('input', { required: true, maxlength: 100, autocomplete: 'name' }),
    contact_phone: h('input', { required: true, maxlength: 40, type: 'tel', autocomplete: 'tel' }),
    contact_email: h('input', { required: true, maxlength: 254, type: 'email', autocomplete: 'email' }),
    password: h('input', { required: true, type: 'password', autocomplete: 'new-password', minlength: 10, maxlength: 128 }),
  };
  async function onSubmit(e) {
    e.preventDefault();
    error.textContent = '';
    if (usccProblem(uscc.value)) {
      uscc.focus();
      return;
    }
    const body = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()]));
    body.password = inputs.password.value;
    body.uscc = uscc.value.trim().toUpperCase();
    try {
      await api('POST', '/api/enterprises', { body });
      const session = await api('POST', '/api/session', { body: { login: body.uscc, password: body.password } });
      await ctx.signedIn(session.account);
      ctx.navigate('/');
    } catch (err) {
      error.textContent = problemText(err, (f) => t(`field.${f}`));
    }
  }
  return h('section', { class: 'narrow' },
    h('h1', {}, t('registerEnterprise')),
    h('form', { id: 'register', onsubmit: onSubmit },
      field('reg-name', t('field.name'), inputs.name),
      h('div', { class: 'field' }, h('label', { for: 'reg-uscc' }, t('field.uscc')), Object.assign(uscc, { id: 'reg-uscc', name: 'uscc' }), usccHint),
      field('reg-contact-name', t('field.contact_name'), inputs.contact_name),
      field('reg-contact-phone', t('field.contact_phone'), inputs.contact_phone),
      field('reg-contact-email', t('field.contact_email'), inputs.contact_email),
      field('reg-password', t('field.password'), inputs.password, t('passwordHint')),
      h('button', { type: 'submit', class: 'primary' }, t('register')),
      error));
}
