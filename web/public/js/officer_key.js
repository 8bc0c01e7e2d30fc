// An opening officer's personal P-256 keys, made in this browser (specs/sealed-bid.md, "Keys"): the
// private halves are non-extractable WebCrypto keys kept in this browser's IndexedDB, never sent
// anywhere; the public half of the newest is registered with the platform, which seals the
// officer's opening share to it at each publication. Keys are kept, never replaced: the shares of
// tenders published before a new key was made are sealed to an older one. An officer who clears the
// browser's data loses them and must register a new key (older shares then cannot be opened here).
// A key kept in a file (`gongping keygen`, the demo's var/demo-keys/) can be imported instead: the
// file is read here, its private half imported as a non-extractable key, and only the public half
// leaves the page.
import * as jose from '/vendor/jose/index.js';

import { api } from './api.js';

const DB = 'gongping';
const STORE = 'opening-keys';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 2);
    request.onupgradeneeded = () => {
      if (request.result.objectStoreNames.contains(STORE)) request.result.deleteObjectStore(STORE);
      request.result.createObjectStore(STORE);
    };
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

// Every key this browser holds for `accountId`, newest first: [{ privateKey, thumbprint, kid, made }].
async function keysOf(accountId) {
  const all = (await transact('readonly', (store) => store.getAll())) ?? [];
  return all.filter((k) => k.accountId === accountId).sort((a, b) => b.made - a.made);
}

// The newest registered key this browser holds for `accountId`: { kid } or undefined.
export async function storedKey(accountId) {
  return (await keysOf(accountId)).find((k) => k.kid);
}

// Makes a key pair here, keeps its private half, then registers its public half: → { kid }. The
// private half is stored first, so a key the platform knows is always one this browser holds.
export async function createAndRegister(accountId) {
  const { publicKey, privateKey } = await jose.generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: false });
  return keepAndRegister(accountId, privateKey, await jose.exportJWK(publicKey));
}

// Imports the private P-256 JWK in `text` (a key file's contents) and registers its public half:
// → { kid }. Throws Error('key-file-invalid') for anything but a P-256 private JWK.
export async function importAndRegister(accountId, text) {
  let jwk;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new Error('key-file-invalid');
  }
  const { kty, crv, x, y, d } = jwk ?? {};
  if (kty !== 'EC' || crv !== 'P-256' || ![x, y, d].every((v) => typeof v === 'string' && v.length > 0)) throw new Error('key-file-invalid');
  let privateKey;
  try {
    privateKey = await jose.importJWK({ kty, crv, x, y, d }, 'ECDH-ES', { extractable: false });
  } catch {
    throw new Error('key-file-invalid');
  }
  return keepAndRegister(accountId, privateKey, { kty, crv, x, y });
}

async function keepAndRegister(accountId, privateKey, jwk) {
  const thumbprint = await jose.calculateJwkThumbprint(jwk);
  const id = `${accountId}/${thumbprint}`;
  const record = { accountId, thumbprint, privateKey, kid: null, made: Date.now() };
  await transact('readwrite', (store) => store.put(record, id));
  const { kid } = await api('PUT', '/api/me/opening-key', { body: jwk });
  await transact('readwrite', (store) => store.put({ ...record, kid }, id));
  return { kid };
}

// Opens this officer's sealed share of a tender with the key it was sealed to (by the JWE's kid;
// else each key held here in turn): → the share string. Throws Error('no-key') when none opens it.
export async function openShare(accountId, sealedShare) {
  const { kid } = jose.decodeProtectedHeader(sealedShare);
  const keys = await keysOf(accountId);
  const ordered = [...keys.filter((k) => k.kid && k.kid === kid), ...keys.filter((k) => !k.kid || k.kid !== kid)];
  for (const key of ordered) {
    try {
      const { plaintext } = await jose.compactDecrypt(sealedShare, key.privateKey);
      return new TextDecoder().decode(plaintext);
    } catch {
      // Not this key: try the next one.
    }
  }
  throw new Error('no-key');
}
