// Tender fixtures that need no running platform: valid USCCs, the terms of a publishable tender,
// sealed bids, and `jose` (npm, the independent JOSE library the browser will use). Shared by the
// cross-process tests (through tendering.mjs) and the benchmarks' set-up (simulations/lib/setup.mjs).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const jose = await import(createRequire(path.join(root, 'web/package.json')).resolve('jose'));

export const DAY_MS = 86_400_000;

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// A valid Unified Social Credit Code (GB 32100-2015) from its first 17 characters.
export function uscc(first17) {
  const sum = [...first17].reduce((acc, c, i) => acc + USCC_CHARS.indexOf(c) * USCC_WEIGHTS[i], 0);
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}

// The terms of a tender that can be published at `now` (an ISO string or milliseconds): a goods
// public tender, bids due in 21 days, officers as given.
export function draftTerms(now, officers, overrides = {}) {
  const at = typeof now === 'number' ? now : Date.parse(now);
  const deadline = new Date(at + 21 * DAY_MS).toISOString();
  return {
    title: '政务云网络交换机采购',
    description: 'Core and access switches for the provincial government cloud.',
    category: 'goods',
    procedure: 'public_tender',
    budget_fen: 100_000_000,
    ceiling_fen: 95_000_000,
    bid_bond_fen: 2_000_000,
    evaluation: {
      method: 'comprehensive',
      price_formula: 'low_price_first',
      price_points: 30,
      criteria: [
        { id: 'tech', max: 50 },
        { id: 'service', max: 20 },
      ],
    },
    qualification_requirements: [],
    clarification_deadline: new Date(at + 10 * DAY_MS).toISOString(),
    bid_deadline: deadline,
    opening_officers: officers.map((o) => o.id),
    opening_threshold: 2,
    ...overrides,
  };
}

// Seals a bid with `jose` exactly as specs/sealed-bid.md says. `recipientJwk` is normally the
// tender's opening key; `header` overrides protected-header members.
export async function sealBid(tender, bidder, priceFen, { recipientJwk, header = {}, content = {} } = {}) {
  const key = await jose.importJWK(recipientJwk ?? tender.opening_key, 'ECDH-ES');
  const plaintext = new TextEncoder().encode(
    JSON.stringify({
      v: 1,
      tender_id: tender.id,
      bidder_id: bidder.id,
      price_fen: priceFen,
      size: 'small',
      attachments: [],
      declarations: { joint_venture: false },
      ...content,
    }),
  );
  return new jose.CompactEncrypt(plaintext)
    .setProtectedHeader({
      alg: 'ECDH-ES',
      enc: 'A256GCM',
      kid: tender.opening_key.kid,
      gp_tender: tender.id,
      gp_bidder: bidder.id,
      cty: 'application/vnd.gongping.bid+json;v=1',
      ...header,
    })
    .encrypt(key);
}
