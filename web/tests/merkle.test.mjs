// The audit checks the supervisor's page runs (web/public/js/merkle.js), in Node's WebCrypto: RFC
// 6962 inclusion proofs for every leaf of trees of 1 to 33 entries against the paths and roots of
// the RFC's own recursive definitions (written here from RFC 6962 section 2.1, independently), and a
// C2SP signed-note checkpoint's Ed25519 signature, refused when the note, the signature or the key
// differs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');
const { base64, leafHash, parseCheckpoint, verifyCheckpoint, verifyInclusion } = await import(path.join(publicDir, 'js/merkle.js'));

const sha = (...parts) => new Uint8Array(createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest());
const mthLeaf = (d) => sha([0], d);
const largestPowerOfTwoBelow = (n) => 2 ** Math.floor(Math.log2(n - 1));
function mth(d) {
  if (d.length === 1) return mthLeaf(d[0]);
  const k = largestPowerOfTwoBelow(d.length);
  return sha([1], mth(d.slice(0, k)), mth(d.slice(k)));
}
function pathOf(m, d) {
  if (d.length === 1) return [];
  const k = largestPowerOfTwoBelow(d.length);
  return m < k ? [...pathOf(m, d.slice(0, k)), mth(d.slice(k))] : [...pathOf(m - k, d.slice(k)), mth(d.slice(0, k))];
}

test('inclusion proofs check out for every leaf, and fail for another leaf, index or root', async () => {
  const entries = Array.from({ length: 33 }, (_, i) => new TextEncoder().encode(`{"index":${i}}`));
  for (let n = 1; n <= entries.length; n++) {
    const d = entries.slice(0, n);
    const root = mth(d);
    for (let m = 0; m < n; m++) {
      const proof = pathOf(m, d);
      const leaf = await leafHash(d[m]);
      assert.deepEqual(leaf, mthLeaf(d[m]));
      assert.equal(await verifyInclusion(leaf, m, n, proof, root), true, `leaf ${m} of ${n}`);
      if (n > 1) {
        assert.equal(await verifyInclusion(await leafHash(d[(m + 1) % n]), m, n, proof, root), false, `other leaf at ${m} of ${n}`);
        assert.equal(await verifyInclusion(leaf, (m + 1) % n, n, proof, root), false, `other index for ${m} of ${n}`);
      }
      assert.equal(await verifyInclusion(leaf, m, n, proof, sha('not the root')), false);
      assert.equal(await verifyInclusion(leaf, n, n, proof, root), false, 'an index beyond the tree');
    }
  }
});

async function signedNote(body, name, privateKey, publicRaw) {
  const keyId = sha(name, [0x0a, 0x01], publicRaw).slice(0, 4);
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, new TextEncoder().encode(body)));
  return `${body}\n— ${name} ${base64.encode(new Uint8Array([...keyId, ...signature]))}\n`;
}

test('a checkpoint is trusted only with a valid signature of the published key', async () => {
  const origin = 'gongping.example/audit';
  const root = sha('root');
  const body = `${origin}\n42\n${base64.encode(root)}\ntime 2026-11-27T02:00:00Z\n`;
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const jwks = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }] };
  const note = await signedNote(body, origin, pair.privateKey, raw);
  const parsed = parseCheckpoint(note);
  assert.deepEqual([parsed.origin, parsed.size, parsed.time], [origin, 42, '2026-11-27T02:00:00Z']);
  assert.deepEqual(parsed.root, root);
  assert.equal(await verifyCheckpoint(parsed, jwks), true);

  assert.equal(await verifyCheckpoint(parseCheckpoint(note.replace('\n42\n', '\n43\n')), jwks), false, 'a changed size');
  const other = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const otherRaw = new Uint8Array(await crypto.subtle.exportKey('raw', other.publicKey));
  assert.equal(await verifyCheckpoint(parseCheckpoint(await signedNote(body, origin, other.privateKey, otherRaw)), jwks), false, 'another key');
  assert.equal(await verifyCheckpoint(parseCheckpoint(await signedNote(body, 'elsewhere/audit', pair.privateKey, raw)), jwks), false,
    'a signature under another name');
  assert.equal(parseCheckpoint('no blank line'), null);
});
