// An opening officer's personal P-256 key, made in this browser (specs/sealed-bid.md, "Keys"): the
// private half is a non-extractable WebCrypto key kept in this browser's IndexedDB, never sent
// anywhere; the public half is registered with the platform, which seals the officer's opening
// share to it at each publication. An officer who clears the browser's data loses the key and must
// register a new one (the tenders published before then keep their shares sealed to the old one).
import * as jose from '/vendor/jose/index.js';

import { api } from './api.js';

const DB = 'gongping';
const STORE = 'opening-keys';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact(mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request?.result);
    tx.onerror = () => reject(tx.error);
  });
}

// The key this browser holds for `accountId`: { privateKey, kid } or undefined.
export const storedKey = (accountId) => transact('readonly', (store) => store.get(accountId));

// Makes a key pair here, registers its public half, and keeps the private half: → { kid }.
export async function createAndRegister(accountId) {
  const { publicKey, privateKey } = await jose.generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: false });
  const jwk = await jose.exportJWK(publicKey);
  const { kid } = await api('PUT', '/api/me/opening-key', { body: jwk });
  await transact('readwrite', (store) => store.put({ privateKey, kid }, accountId));
  return { kid };
}

// Opens this officer's sealed share of a tender with the key held here: → the share string.
export async function openShare(accountId, sealedShare) {
  const key = await storedKey(accountId);
  if (!key) throw new Error('no-key');
  const { plaintext } = await jose.compactDecrypt(sealedShare, key.privateKey);
  return new TextDecoder().decode(plaintext);
}
