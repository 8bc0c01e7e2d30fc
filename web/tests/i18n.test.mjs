// Every message the page asks for exists in Chinese and in English: each t('key') in web/public;
// for keys built at run time (t(`review.${k}`)), the names the code builds them from; and the enum
// names (enumName) of both languages cover the same values.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
globalThis.localStorage = { getItem: () => null, setItem: () => {} };
const { catalogs, enumTables } = await import(path.join(publicDir, 'js/i18n.js'));

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

test('no message key is given twice in a language (the later would silently replace the earlier)', () => {
  const source = readFileSync(path.join(publicDir, 'js/i18n.js'), 'utf8');
  for (const [lang, from, to] of [['zh', 'const zh = {', 'const en = {'], ['en', 'const en = {', 'const enums']]) {
    const block = source.slice(source.indexOf(from), source.indexOf(to));
    const keys = [...block.matchAll(/(?:^|[\s{,])'?([A-Za-z0-9_.-]+)'?\s*:\s*['"`]/gm)].map((m) => m[1]);
    assert.ok(keys.length > 300, `found ${keys.length} keys in ${lang}`);
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], `keys given twice in ${lang}`);
  }
});

test('keys built at run time and enum names exist in both languages', () => {
  // The registration form's fields (problem JSON names them) and the expert review's scores.
  const built = ['name', 'uscc', 'contact_name', 'contact_phone', 'contact_email', 'password'].map((f) => `field.${f}`)
    .concat(['necessity', 'feasibility', 'security', 'budget'].map((k) => `review.${k}`));
  // Every problem type the server can answer (server/src/http/problem.cpp) has its words.
  const problems = [...readFileSync(path.join(publicDir, '../../server/src/http/problem.cpp'), 'utf8')
    .matchAll(/\{Status::[a-z_]+, "([a-z-]+)"/g)].map((m) => `problem.${m[1]}`);
  assert.ok(problems.length >= 25, `found ${problems.length} problem types`);
  built.push(...problems);
  // And every collusion indicator the server raises (audit/src/collusion.cpp) has its name.
  const indicators = new Set([...readFileSync(path.join(publicDir, '../../audit/src/collusion.cpp'), 'utf8')
    .matchAll(/"((?:same|identical|control|regular|rotating|cover)_[a-z_]+)"/g)].map((m) => m[1]));
  assert.ok(indicators.size >= 10, `found ${indicators.size} indicators`);
  for (const lang of ['zh', 'en']) {
    assert.deepEqual([...indicators].filter((k) => !(k in enumTables[lang].indicator)), [], `indicators in ${lang}`);
  }
  for (const lang of ['zh', 'en']) assert.deepEqual(built.filter((k) => !(k in catalogs[lang])), [], lang);
  const used = new Set();
  for (const file of sources(publicDir)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/enumName\('([A-Za-z]+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size >= 10);
  for (const kind of used) {
    assert.ok(enumTables.zh[kind] && enumTables.en[kind], `enum ${kind}`);
    assert.deepEqual(Object.keys(enumTables.en[kind]).sort(), Object.keys(enumTables.zh[kind]).sort(), `enum ${kind}`);
  }
});
