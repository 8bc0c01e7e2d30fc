// Gongping's web UI: one page, hash routes (#/tenders/T-2026-000001), every view over the REST API.
// The session lives in the HttpOnly gp_session cookie; this script never sees the token.
import { api } from './js/api.js';
import { fill, h } from './js/dom.js';
import { serverClock } from './js/format.js';
import { language, onLanguageChange, roleName, setLanguage, t } from './js/i18n.js';
import { applicationPage, applicationsPage, newApplicationPage } from './js/views/applications.js';
import { auctionPage, auctionsPage, newAuctionPage } from './js/views/auction.js';
import { auditPage } from './js/views/audit.js';
import { bidPage } from './js/views/bid.js';
import { draftTenderPage } from './js/views/draft.js';
import { credentialsPage } from './js/views/credentials.js';
import { evaluationPage } from './js/views/evaluation.js';
import { monitoringCasePage, monitoringCasesPage, newMonitoringCasePage } from './js/views/monitoring.js';
import { openingKeyPage, openingPage } from './js/views/opening.js';
import { projectPage } from './js/views/project.js';
import { registerPage, signInPage } from './js/views/account.js';
import { statisticsPage } from './js/views/statistics.js';
import { alertsPage, historyPage, recordSearchPage } from './js/views/supervision.js';
import { tenderList, tenderPage } from './js/views/tenders.js';

// Each route: a hash path pattern, its view (params, ctx) → Node, and the roles it is for (none:
// anyone). A signed-out visitor of a role's page is sent to sign in, then back.
const routes = [
  { path: /^\/$/, view: tenderList },
  { path: /^\/tenders\/new$/, view: draftTenderPage, roles: ['official'] },
  { path: /^\/tenders\/([A-Za-z0-9-]+)$/, view: tenderPage },
  { path: /^\/tenders\/([A-Za-z0-9-]+)\/bid$/, view: bidPage, roles: ['enterprise'] },
  { path: /^\/tenders\/([A-Za-z0-9-]+)\/opening$/, view: openingPage, roles: ['official', 'supervisor'] },
  { path: /^\/tenders\/([A-Za-z0-9-]+)\/evaluation$/, view: evaluationPage, roles: ['expert', 'official', 'supervisor'] },
  { path: /^\/me\/opening-key$/, view: openingKeyPage, roles: ['official', 'supervisor'] },
  { path: /^\/me\/credentials$/, view: credentialsPage, roles: ['enterprise'] },
  { path: /^\/applications$/, view: applicationsPage, roles: ['department', 'reviewer', 'supervisor', 'expert'] },
  { path: /^\/applications\/new$/, view: newApplicationPage, roles: ['department'] },
  { path: /^\/applications\/(A-[0-9]+)$/, view: applicationPage, roles: ['department', 'reviewer', 'supervisor', 'expert'] },
  { path: /^\/projects\/([A-Z]{2,4}-[0-9]{4}-[0-9]{6})$/, view: projectPage },
  { path: /^\/monitoring$/, view: monitoringCasesPage, roles: ['official', 'supervisor', 'department'] },
  { path: /^\/monitoring\/new$/, view: newMonitoringCasePage, roles: ['supervisor'] },
  { path: /^\/monitoring\/(M-[0-9]+)$/, view: monitoringCasePage, roles: ['official', 'supervisor', 'department'] },
  { path: /^\/auctions$/, view: auctionsPage },
  { path: /^\/auctions\/new$/, view: newAuctionPage, roles: ['official'] },
  { path: /^\/auctions\/(AU-[0-9]+)$/, view: auctionPage },
  { path: /^\/signin$/, view: signInPage },
  { path: /^\/register$/, view: registerPage },
  { path: /^\/statistics$/, view: statisticsPage },
  { path: /^\/audit$/, view: auditPage, roles: ['supervisor'] },
  { path: /^\/supervision$/, view: recordSearchPage, roles: ['supervisor'] },
  { path: /^\/supervision\/history\/([a-z_]+)\/([A-Za-z0-9-]+)$/, view: historyPage, roles: ['supervisor'] },
  { path: /^\/supervision\/alerts$/, view: alertsPage, roles: ['supervisor'] },
];

const ctx = {
  account: null,
  navigate(path) {
    if (location.hash === `#${path}`) render();
    else location.hash = path;
  },
  async signedIn(account) {
    ctx.account = account;
    masthead();
  },
};

function currentPath() {
  const path = location.hash.replace(/^#/, '').split('?')[0];
  return path === '' ? '/' : path;
}

function query() {
  return new URLSearchParams(location.hash.split('?')[1] ?? '');
}

let renders = 0;

async function render() {
  const view = document.getElementById('view');
  const mine = ++renders;  // a later render (another route, a language switch) wins
  const path = currentPath();
  const route = routes.find((r) => r.path.test(path));
  if (!route) {
    fill(view, h('section', {}, h('h1', {}, t('notFound')), h('p', {}, h('a', { href: '#/' }, t('backHome')))));
    return;
  }
  if (route.roles && !route.roles.includes(ctx.account?.role)) {
    if (!ctx.account) {
      sessionStorage.setItem('gp.after_sign_in', path);
      ctx.navigate('/signin');
      return;
    }
    fill(view, h('section', {}, h('h1', {}, t('forbidden')), h('p', {}, t('forbiddenDetail', { role: roleName(ctx.account.role) }))));
    return;
  }
  const params = path.match(route.path).slice(1).map(decodeURIComponent);
  fill(view, h('p', { class: 'loading' }, t('loading')));
  let node;
  try {
    node = await route.view(params, ctx, query());
  } catch (e) {
    node = h('section', {}, h('h1', {}, t('failed')), h('p', { role: 'alert' }, e.message));
  }
  if (mine !== renders) return;
  fill(view, node);
  document.title = `${t('brand')} · ${view.querySelector('h1')?.textContent ?? ''}`;
  // The new page's heading takes the focus, so that keyboard and screen reader users start there.
  const heading = view.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

function masthead() {
  const account = ctx.account;
  const nav = [
    ['#/', t('navTenders')],
    ['#/statistics', t('navStatistics')],
    ['#/auctions', t('navAuctions')],
    account?.role === 'official' ? ['#/tenders/new', t('navDraft')] : null,
    account?.role === 'enterprise' ? ['#/me/credentials', t('navCredentials')] : null,
    account?.role === 'supervisor' ? ['#/supervision', t('navSupervision')] : null,
    account?.role === 'supervisor' ? ['#/supervision/alerts', t('navAlerts')] : null,
    account?.role === 'supervisor' ? ['#/audit', t('navAudit')] : null,
    ['official', 'supervisor', 'department'].includes(account?.role) ? ['#/monitoring', t('navMonitoring')] : null,
    ['official', 'supervisor'].includes(account?.role) ? ['#/me/opening-key', t('navOpeningKey')] : null,
    ['department', 'reviewer', 'supervisor', 'expert'].includes(account?.role) ? ['#/applications', t('navApplications')] : null,
  ].filter(Boolean);
  fill(
    document.getElementById('masthead'),
    h('div', { class: 'brand' }, h('a', { href: '#/' }, h('strong', {}, '公平'), ' ', h('span', { lang: 'en' }, 'Gongping')),
      h('span', { class: 'tagline' }, t('tagline'))),
    h('nav', { 'aria-label': t('navLabel') }, h('ul', {}, nav.map(([href, label]) => h('li', {}, h('a', { href }, label))))),
    h('div', { class: 'account' },
      account
        ? [h('span', { id: 'account' }, `${account.display_name} · ${roleName(account.role)} · ${account.id}`),
          h('button', { type: 'button', onclick: signOut }, t('signOut'))]
        : h('a', { href: '#/signin', class: 'button' }, t('signIn')),
      h('button', { type: 'button', class: 'lang', lang: language() === 'zh' ? 'en' : 'zh', onclick: () => setLanguage(language() === 'zh' ? 'en' : 'zh') },
        language() === 'zh' ? 'English' : '中文')),
  );
}

async function signOut() {
  await api('DELETE', '/api/session').catch(() => null);
  ctx.account = null;
  masthead();
  ctx.navigate('/');
}

// The platform's status in the footer, every 10 seconds.
async function footer() {
  let checks = {};
  try {
    checks = (await (await fetch('/readyz')).json()).checks ?? {};
  } catch {
    // The server itself is unreachable: every check shows as down.
  }
  const status = (name) => {
    const up = checks[name]?.status === 'up';
    return h('span', { 'data-check': name, class: up ? 'up' : 'down' }, up ? t('up') : t('down'));
  };
  fill(document.getElementById('footer'),
    h('span', {}, t('database'), ' ', status('database')), ' · ',
    h('span', {}, t('engine'), ' ', status('engine')), ' · ',
    h('a', { href: '/api/ocds/releases' }, t('openData')), ' · ',
    h('a', { href: '/openapi.json' }, 'API (OpenAPI 3.1)'));
}

async function start() {
  document.documentElement.lang = language() === 'zh' ? 'zh-CN' : 'en';
  try {
    ctx.account = (await api('GET', '/api/session')).account;
  } catch {
    ctx.account = null;
  }
  await serverClock.sync().catch(() => null);
  masthead();
  footer();
  setInterval(footer, 10000);
  onLanguageChange(() => {
    document.documentElement.lang = language() === 'zh' ? 'zh-CN' : 'en';
    masthead();
    footer();
    render();
  });
  window.addEventListener('hashchange', render);
  // The skip link moves the focus without touching the route.
  document.querySelector('.skip').addEventListener('click', (e) => {
    e.preventDefault();
    document.getElementById('view').focus();
  });
  await render();
}

start();
