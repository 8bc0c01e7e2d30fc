// Checking a bid receipt in the page (specs/sealed-bid.md, "The receipt"): the JWS's EdDSA signature
// against the platform's published keys (/.well-known/jwks.json), with the jose library in the
// browser's WebCrypto. Nothing here trusts what the server says about its own receipt.
import * as jose from '/vendor/jose/index.js';

let keys = null;

// → { valid: true, payload } or { valid: false, reason }.
export async function verifyReceipt(jws) {
  try {
    keys ??= jose.createLocalJWKSet(await (await fetch('/.well-known/jwks.json')).json());
    const { payload, protectedHeader } = await jose.compactVerify(jws, keys, { algorithms: ['EdDSA', 'Ed25519'] });
    const claims = JSON.parse(new TextDecoder().decode(payload));
    if (claims.typ !== 'bid-receipt') return { valid: false, reason: `typ ${claims.typ}` };
    return { valid: true, payload: claims, kid: protectedHeader.kid };
  } catch (e) {
    return { valid: false, reason: e.code ?? e.message };
  }
}

// A file the bidder keeps: the receipt as issued and what it says, for any later dispute.
export function receiptDownload(jws, payload) {
  const text = JSON.stringify({ receipt: jws, payload }, null, 2);
  return URL.createObjectURL(new Blob([text], { type: 'application/json' }));
}
