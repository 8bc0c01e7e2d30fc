// The bureau's statistics for everyone: tenders and their value by month and category, average bids,
// the share that failed, and the time from publication to award, as Apache ECharts charts and as a
// table (the same figures, for screen readers and for copying), with the CSV download. Reviewers,
// supervisors and admins also see how long applications stay in each stage of the approval.
import { api } from '../api.js';
import { h } from '../dom.js';
import { duration, yuan } from '../format.js';
import { enumName, t } from '../i18n.js';

let echarts = null;

function chart(options) {
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': options.title.text });
  // Drawn once the element is in the page (ECharts measures its box).
  requestAnimationFrame(async () => {
    echarts ??= await import('/vendor/echarts.esm.min.js');
    if (!el.isConnected) return;
    // No animation: the figures appear as they are (and a screenshot shows them).
    echarts.init(el, null, { renderer: 'svg' }).setOption({ animation: false, ...options });
  });
  return el;
}

const STAGE_READERS = ['reviewer', 'supervisor', 'admin'];

// The approval's stages: the median and 90th percentile of the time an application stayed in each.
function stageDurations(report) {
  const stages = report.stages.filter((s) => s.stays > 0);
  if (stages.length === 0) return h('section', {}, h('h2', {}, t('stageDurations')), h('p', { class: 'empty' }, t('noStageDurations')));
  const names = stages.map((s) => enumName('appState', s.stage));
  const hours = (s) => Number((s / 3600).toFixed(2));
  return h('section', { class: 'stage-durations' }, h('h2', {}, t('stageDurations')),
    chart({
      title: { text: t('stageDurationsChart') }, legend: { bottom: 0 }, tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: names }, yAxis: { type: 'value', name: t('hours') },
      series: [{ name: t('medianStay'), type: 'bar', data: stages.map((s) => hours(s.median_seconds)) },
        { name: t('p90Stay'), type: 'bar', data: stages.map((s) => hours(s.p90_seconds)) }],
    }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'stages' },
      h('thead', {}, h('tr', {}, [t('stage'), t('stays'), t('medianStay'), t('p90Stay')].map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
      h('tbody', {}, stages.map((s, i) => h('tr', {}, h('td', {}, names[i]), h('td', { class: 'num' }, String(s.stays)),
        h('td', { class: 'num' }, duration(s.median_seconds)), h('td', { class: 'num' }, duration(s.p90_seconds))))))));
}

export async function statisticsPage(_params, ctx) {
  const [stats, stages] = await Promise.all([
    api('GET', '/api/statistics'),
    // The bureau's figures are extra: the public ones show even when these cannot be had.
    STAGE_READERS.includes(ctx.account?.role) ? api('GET', '/api/approvals/stage-durations').catch(() => null) : null,
  ]);
  const rows = stats.tenders;
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const categories = [...new Set(rows.map((r) => r.category))].sort();
  const series = (value) => categories.map((c) => ({
    name: enumName('category', c),
    type: 'bar',
    stack: 'all',
    data: periods.map((p) => value(rows.find((r) => r.period === p && r.category === c))),
  }));
  const common = { legend: { bottom: 0 }, tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: periods }, yAxis: { type: 'value' } };
  return h('section', { class: 'statistics' },
    h('h1', {}, t('statistics')),
    rows.length === 0 ? h('p', { class: 'empty' }, t('noStatistics')) : [
      h('div', { class: 'charts' },
        chart({ ...common, title: { text: t('tendersByMonth') }, series: series((r) => r?.tenders ?? 0) }),
        chart({ ...common, title: { text: t('budgetByMonth') }, series: series((r) => (r ? Number(r.budget_fen) / 1e8 : 0)) })),
      h('div', { class: 'table-wrap' }, h('table', {},
        h('caption', {}, t('statisticsTable')),
        h('thead', {}, h('tr', {}, [t('period'), t('category'), t('tenderCount'), t('budget'), t('averageBids'), t('failedShare'), t('contracted'), t('medianDaysToAward')]
          .map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((r) => h('tr', {},
          h('td', {}, r.period), h('td', {}, enumName('category', r.category)), h('td', { class: 'num' }, String(r.tenders)),
          h('td', { class: 'num' }, yuan(r.budget_fen)), h('td', { class: 'num' }, (r.average_bids_x100 / 100).toFixed(2)),
          h('td', { class: 'num' }, `${(r.failed_share_x100 / 100).toFixed(2)}%`), h('td', { class: 'num' }, yuan(r.contracted_fen)),
          h('td', { class: 'num' }, r.median_seconds_to_award === null ? '—' : (r.median_seconds_to_award / 86400).toFixed(1))))))),
    ],
    h('p', {}, h('a', { class: 'button', href: '/api/statistics?format=csv', download: 'gongping-statistics.csv' }, t('downloadCsv'))),
    stages ? stageDurations(stages) : null);
}
