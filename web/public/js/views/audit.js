// The supervisor's audit log page: the latest checkpoint with its signature checked here against the
// platform's published key, the newest entries, and for any entry an inclusion proof checked here
// against that checkpoint's root. The page trusts the hashes it computes, not the server's word.
import { api } from '../api.js';
import { facts, fill, h } from '../dom.js';
import { time } from '../format.js';
import { t } from '../i18n.js';
import { base64, leafHash, parseCheckpoint, verifyCheckpoint, verifyInclusion } from '../merkle.js';

const SHOWN = 20;

export async function auditPage() {
  const note = await (await fetch('/api/audit/checkpoint')).text();
  const checkpoint = parseCheckpoint(note);
  if (!checkpoint) throw new Error(t('checkpointUnreadable'));
  const jwks = await api('GET', '/.well-known/jwks.json');
  const signed = await verifyCheckpoint(checkpoint, jwks);
  const start = Math.max(0, checkpoint.size - SHOWN);
  const text = checkpoint.size > 0
    ? await (await fetch(`/api/audit/entries?start=${start}&end=${checkpoint.size}`, { headers: { accept: 'application/x-ndjson' } })).text()
    : '';
  // Each line exactly as served: its bytes are what was hashed.
  const lines = text.split('\n').filter((l) => l.length > 0);

  // A proof is only worth its root: against an unsigned checkpoint nothing is checked. A withheld
  // entry's leaf hash is the server's word (the entry itself is not shown yet), so its result says
  // only that the hash is in the log.
  async function check(line, cell) {
    fill(cell, t('checking'));
    try {
      const entry = JSON.parse(line);
      const leaf = entry.withheld ? base64.decode(entry.leaf_hash) : await leafHash(new TextEncoder().encode(line));
      const proof = await api('GET', `/api/audit/proof/inclusion?index=${entry.index}&tree_size=${checkpoint.size}`);
      const ok = await verifyInclusion(leaf, entry.index, checkpoint.size, proof.hashes.map(base64.decode), checkpoint.root);
      const text = !ok ? `✘ ${t('notIncluded')}` : entry.withheld ? `✔ ${t('hashIncluded', { size: checkpoint.size })}` : `✔ ${t('included', { size: checkpoint.size })}`;
      fill(cell, h('span', { class: ok ? 'up' : 'down', role: 'status' }, text));
    } catch (e) {
      fill(cell, h('span', { class: 'down', role: 'status' }, `✘ ${e.message}`));
    }
  }

  const rows = lines.reverse().map((line) => {
    const e = JSON.parse(line);
    const cell = h('td', {});
    fill(cell, signed ? h('button', { type: 'button', onclick: () => check(line, cell) }, t('verifyInclusion')) : '—');
    return h('tr', { 'data-index': e.index },
      h('td', { class: 'num' }, String(e.index)),
      h('td', { class: 'nowrap' }, e.withheld ? '—' : time(e.at, { zone: false })),
      h('td', {}, e.withheld ? t('withheld') : `${e.actor.id} (${e.actor.role})`),
      h('td', {}, e.withheld ? '—' : h('code', {}, e.action)),
      h('td', {}, e.withheld ? '—' : `${e.object.type} ${e.object.id}`),
      cell);
  });
  return h('section', { class: 'audit' },
    h('h1', {}, t('auditLog')),
    h('section', {}, h('h2', {}, t('checkpoint')),
      h('p', { class: signed ? 'up' : 'down', id: 'checkpoint-status', role: 'status' },
        signed ? `✔ ${t('checkpointSigned', { origin: checkpoint.origin })}` : `✘ ${t('checkpointUnsigned')}`),
      facts([
        [t('treeSize'), String(checkpoint.size)],
        [t('rootHash'), h('code', { class: 'hash' }, base64.encode(checkpoint.root))],
        [t('signedAt'), time(checkpoint.time)],
      ]),
      h('details', {}, h('summary', {}, t('checkpointText')), h('pre', {}, note))),
    h('section', {}, h('h2', {}, t('latestEntries')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'entries' },
        h('thead', {}, h('tr', {}, [t('index'), t('timeBeijing'), t('actor'), t('action'), t('object'), t('inclusion')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows)))));
}
