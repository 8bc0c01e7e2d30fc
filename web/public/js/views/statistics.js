// The bureau's statistics for everyone: tenders and their value by month and category, average bids,
// the share that failed, and the time from publication to award, as Apache ECharts charts and as a
// table (the same figures, for screen readers and for copying), with the CSV download.
import { api } from '../api.js';
import { h } from '../dom.js';
import { yuan } from '../format.js';
import { enumName, t } from '../i18n.js';

let echarts = null;

function chart(options) {
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': options.title.text });
  // Drawn once the element is in the page (ECharts measures its box).
  requestAnimationFrame(async () => {
    echarts ??= await import('/vendor/echarts.esm.min.js');
    if (!el.isConnected) return;
    echarts.init(el, null, { renderer: 'svg' }).setOption(options);
  });
  return el;
}

export async function statisticsPage() {
  const stats = await api('GET', '/api/statistics');
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
    h('p', {}, h('a', { class: 'button', href: '/api/statistics?format=csv', download: 'gongping-statistics.csv' }, t('downloadCsv'))));
}
