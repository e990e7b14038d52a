import { randomBytes, type KeyObject } from 'node:crypto';
import { algorithms, namespaces, type BlockCipher } from './algorithms.js';
import { cipherValueLooksComplete, decryptData } from './data-encryption.js';
import { childElements, onlyChild, optionalChild, requiredAttribute } from './dom.js';
import { cipherValueOf, planEncryptedKey, type KeyPlan } from './encrypted-key-plan.js';
import { decryptionFailed, malformedEncryption, refuse } from './failures.js';
import { concatKdf, ecdhSharedSecret, unwrapKey } from './key-agreement.js';
import { curveOf, isRsa } from './keys.js';
import { oaepDecrypt } from './oaep.js';
import { requireBlockCipher, type AlgorithmPolicy } from './policy.js';

const { ds, xenc } = namespaces;
const maxEncryptedKeys = 4;

/** Everything needed to decrypt, read and checked against the policy without touching a private key. */
export interface DecryptionPlan { cipher: BlockCipher; cipherValue: Buffer; keys: KeyPlan[] }

/**
 * Reads an EncryptedAssertion (or any element wrapping one xenc:EncryptedData): the EncryptedKey may sit in
 * EncryptedData/ds:KeyInfo or beside EncryptedData. RetrievalMethod, CipherReference and every algorithm
 * outside the policy are refused here, i.e. before any private-key operation.
 */
export function planDecryption(encryptedAssertion: Element, policy: AlgorithmPolicy): DecryptionPlan {
  refuseIndirection(encryptedAssertion);
  const siblings = childElements(encryptedAssertion);
  if (siblings.some((c) => c.namespaceURI !== xenc || !['EncryptedData', 'EncryptedKey'].includes(c.localName))) {
    malformedEncryption('unexpected element beside EncryptedData');
  }
  const data = onlyChild(encryptedAssertion, xenc, 'EncryptedData', malformedEncryption);
  for (const child of childElements(data)) {
    if (!['EncryptionMethod', 'KeyInfo', 'CipherData'].includes(child.localName)) malformedEncryption(`EncryptedData child ${child.localName}`);
  }
  const type = data.getAttribute('Type');
  if (type && type !== algorithms.typeElement) malformedEncryption(`EncryptedData Type ${type}`);
  const method = onlyChild(data, xenc, 'EncryptionMethod', malformedEncryption);
  const cipher = requireBlockCipher(requiredAttribute(method, 'Algorithm', malformedEncryption), policy);

  const keyInfo = optionalChild(data, ds, 'KeyInfo', malformedEncryption);
  const inlineKeys: Element[] = [];
  if (keyInfo) {
    for (const child of childElements(keyInfo)) {
      if (child.localName === 'RetrievalMethod') refuse('RetrievalMethod is not allowed');
      if (child.namespaceURI === xenc && child.localName === 'EncryptedKey') inlineKeys.push(child);
      else if (!(child.namespaceURI === ds && child.localName === 'KeyName')) malformedEncryption(`KeyInfo child ${child.localName}`);
    }
  }
  const encryptedKeys = [...inlineKeys, ...childElements(encryptedAssertion, xenc, 'EncryptedKey')];
  if (encryptedKeys.length === 0 || encryptedKeys.length > maxEncryptedKeys) malformedEncryption(`${encryptedKeys.length} EncryptedKey elements`);
  const keys = encryptedKeys.map((key) => planEncryptedKey(key, policy));
  const cipherValue = cipherValueOf(data);
  if (!cipherValueLooksComplete(cipher, cipherValue)) malformedEncryption('CipherValue too short');
  return { cipher, cipherValue, keys };
}

/** No reference to anything outside the message, wherever it hides (KeyInfo of an EncryptedKey included). */
function refuseIndirection(root: Element): void {
  for (const name of ['RetrievalMethod', 'CipherReference']) {
    if (root.getElementsByTagNameNS(ds, name).length + root.getElementsByTagNameNS(xenc, name).length > 0) refuse(`${name} is not allowed`);
  }
}

/**
 * Decrypts with any of our private keys and returns the plaintext (the Assertion XML). A key that does not
 * unwrap yields a random content key instead, so every failure takes the same path to one error.
 */
export function decryptEncryptedAssertion(encryptedAssertion: Element, privateKeys: ReadonlyArray<KeyObject>, policy: AlgorithmPolicy): string {
  return executeDecryption(planDecryption(encryptedAssertion, policy), privateKeys);
}

export function executeDecryption(plan: DecryptionPlan, privateKeys: ReadonlyArray<KeyObject>): string {
  for (const keyPlan of plan.keys) {
    for (const privateKey of privateKeys) {
      if (!suits(keyPlan, privateKey)) continue;
      let cek = recoverContentKey(keyPlan, privateKey);
      if (!cek || cek.length !== plan.cipher.keyBytes) cek = randomBytes(plan.cipher.keyBytes);
      const plaintext = decryptData(plan.cipher, cek, plan.cipherValue);
      if (plaintext) {
        try {
          return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
        } catch {
          decryptionFailed();
        }
      }
    }
  }
  return decryptionFailed();
}

/** Public facts only: key type and curve, never anything derived from a private-key operation. */
function suits(plan: KeyPlan, privateKey: KeyObject): boolean {
  if (plan.kind === 'rsa-oaep') return isRsa(privateKey);
  return curveOf(privateKey)?.oid === plan.curveOid;
}

function recoverContentKey(plan: KeyPlan, privateKey: KeyObject): Buffer | undefined {
  if (plan.kind === 'rsa-oaep') return oaepDecrypt(privateKey, plan.wrappedKey, plan.oaep);
  try {
    const z = ecdhSharedSecret(privateKey, plan.originator);
    const kek = concatKdf(plan.kdfHash, z, plan.otherInfo, plan.wrap.kekBytes);
    return unwrapKey(plan.wrap, kek, plan.wrappedKey);
  } catch {
    return undefined;
  }
}
