// The audit log's checks, done in the page with WebCrypto (specs/audit-log.md): RFC 6962 leaf and
// node hashes, an inclusion proof against a root (RFC 9162 section 2.1.3.2), and a C2SP signed-note
// checkpoint's Ed25519 signature against the platform's published key.

const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

export const base64 = {
  decode: (text) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/').padEnd(Math.ceil(text.length / 4) * 4, '=')), (c) => c.charCodeAt(0)),
  encode: (bytes) => btoa(String.fromCharCode(...bytes)),
};

export const leafHash = (entryBytes) => sha256(concat(Uint8Array.of(0), entryBytes));
const nodeHash = (left, right) => sha256(concat(Uint8Array.of(1), left, right));

const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

// True when `path` (the proof's hashes, bytes) proves the leaf at `index` in a tree of `size` with
// the given root.
export async function verifyInclusion(leaf, index, size, path, root) {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

// A checkpoint note → { origin, size, root (bytes), time, body, signatures: [{ name, keyId, signature }] };
// null when it is not a signed note.
export function parseCheckpoint(note) {
  const split = note.indexOf('\n\n');
  if (split < 0) return null;
  const body = note.slice(0, split + 1);
  const [origin, size, root, timeLine] = body.split('\n');
  const signatures = note.slice(split + 2).split('\n').filter((l) => l.startsWith('— ')).map((line) => {
    const [name, sig] = line.slice(2).split(' ');
    const bytes = base64.decode(sig);
    return { name, keyId: bytes.slice(0, 4), signature: bytes.slice(4) };
  });
  if (!/^\d+$/.test(size ?? '')) return null;
  return { origin, size: Number(size), root: base64.decode(root), time: timeLine?.replace(/^time /, ''), body, signatures };
}

// The note key ID of an Ed25519 key: SHA-256(name || 0x0A || 0x01 || public key)[:4].
async function noteKeyId(name, publicKey) {
  return (await sha256(concat(new TextEncoder().encode(name), Uint8Array.of(0x0a, 0x01), publicKey))).slice(0, 4);
}

// True when one of the note's signatures, under its origin's name, is valid for one of the Ed25519
// keys of the JWK set.
export async function verifyCheckpoint(checkpoint, jwks) {
  for (const jwk of jwks.keys.filter((k) => k.kty === 'OKP' && k.crv === 'Ed25519')) {
    const raw = base64.decode(jwk.x);
    const id = await noteKeyId(checkpoint.origin, raw);
    for (const s of checkpoint.signatures) {
      if (s.name !== checkpoint.origin || !equal(s.keyId, id)) continue;
      const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
      if (await crypto.subtle.verify({ name: 'Ed25519' }, key, s.signature, new TextEncoder().encode(checkpoint.body))) return true;
    }
  }
  return false;
}
