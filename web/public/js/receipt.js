// Checking a bid receipt in the page (specs/sealed-bid.md, "The receipt"): the JWS's EdDSA signature
// against the platform's published keys (/.well-known/jwks.json, fetched again when an unknown key
// signs), with the jose library in the browser's WebCrypto, and that the receipt is for this bid:
// its tender, its bidder, and the SHA-256 of the very envelope sent. Nothing here trusts what the
// server says about its own receipt.
import * as jose from '/vendor/jose/index.js';

const keys = jose.createRemoteJWKSet(new URL('/.well-known/jwks.json', location.origin));

// The hex SHA-256 of bytes (an ArrayBuffer or a typed array).
export async function sha256Hex(bytes) {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// The hex SHA-256 of a compact JWE as sent.
export const envelopeHash = (jwe) => sha256Hex(new TextEncoder().encode(jwe));

// → { valid: true, payload, kid } or { valid: false, reason }. `expected`: { tender_id, bidder_id,
// envelope_sha256 }, each compared with the signed payload.
export async function verifyReceipt(jws, expected) {
  let claims;
  let kid;
  try {
    const { payload, protectedHeader } = await jose.compactVerify(jws, keys, { algorithms: ['EdDSA', 'Ed25519'] });
    claims = JSON.parse(new TextDecoder().decode(payload));
    kid = protectedHeader.kid;
  } catch (e) {
    return { valid: false, reason: e.code ?? e.message };
  }
  if (claims.typ !== 'bid-receipt') return { valid: false, reason: `typ ${claims.typ}` };
  if (claims.iss !== location.origin && !claims.iss?.startsWith(`${location.origin}/`)) {
    // The platform's origin as configured may differ from the address the page was loaded from
    // (a proxy); the signature is what proves the issuer, so this is shown, not refused.
    claims.issuer_differs = true;
  }
  for (const field of ['tender_id', 'bidder_id', 'envelope_sha256']) {
    if (expected[field] !== claims[field]) return { valid: false, reason: `${field} ${claims[field]} ≠ ${expected[field]}` };
  }
  return { valid: true, payload: claims, kid };
}

// A file the bidder keeps: the receipt as issued and what it says, for any later dispute.
export function receiptDownload(jws, payload) {
  const text = JSON.stringify({ receipt: jws, payload }, null, 2);
  return URL.createObjectURL(new Blob([text], { type: 'application/json' }));
}
