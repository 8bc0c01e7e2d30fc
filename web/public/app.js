// The first page of the web UI: platform status and sign-in, over the REST API only.
// The session lives in the HttpOnly gp_session cookie; this script never sees the token.

const $ = (selector) => document.querySelector(selector);

async function showStatus() {
  let checks = {};
  try {
    const res = await fetch('/readyz');
    checks = (await res.json()).checks ?? {};
  } catch {
    // The server itself is unreachable: every check shows as down.
  }
  for (const cell of document.querySelectorAll('[data-check]')) {
    const up = checks[cell.dataset.check]?.status === 'up';
    cell.textContent = up ? '正常 up' : '不可用 down';
    cell.className = up ? 'up' : 'down';
  }
}

function showAccount(account) {
  $('#signin-section').hidden = Boolean(account);
  $('#account-section').hidden = !account;
  if (account) $('#account').textContent = `${account.display_name} (${account.role}, ${account.id})`;
}

async function loadSession() {
  const res = await fetch('/api/session');
  showAccount(res.ok ? (await res.json()).account : null);
}

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  $('#signin-error').textContent = '';
  const res = await fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: form.login.value, password: form.password.value }),
  });
  const body = await res.json();
  form.password.value = '';
  if (!res.ok) {
    $('#signin-error').textContent = body.detail ?? body.title;
    return;
  }
  showAccount(body.account);
}

async function signOut() {
  await fetch('/api/session', { method: 'DELETE' });
  showAccount(null);
}

$('#signin').addEventListener('submit', signIn);
$('#signout').addEventListener('click', signOut);
showStatus();
loadSession();
setInterval(showStatus, 10000);
