import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, randomBytes, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import type { Keystore } from '../src/keys/keystore.js';
import type { BenchIdp } from './idp/identity.js';
import { round1 } from './stats.js';

export interface FloorResult {
  /** Sequences of all operations of one login per second of CPU time, back to back in one process. */
  flowsPerSecond: number;
  msPerFlow: number;
  operations: Array<{ name: string; msEach: number; perSecond: number }>;
}

interface Operation { name: string; run(): void }

/**
 * The private- and public-key operations one login costs Passerelle, with its real keys and
 * parameters: RSA-PSS 3072 for the AuthnRequest, RSA-OAEP 3072 to unwrap the assertion key, the
 * IdP's two signatures (Response and Assertion), RS256 3072 for the ID token. Symmetric work
 * (AES-GCM of a few kilobytes, digests, cookie HMACs) is left out: it is microseconds.
 */
export function loginCryptoOperations(keystore: Keystore, idp: BenchIdp): Operation[] {
  const samlSigning = keystore.active('saml-signing', 'RSA').privateKey!;
  const samlEncryption = keystore.active('saml-encryption', 'RSA');
  const oidcSigning = keystore.active('oidc-signing', 'RSA').privateKey!;
  const idpPrivate = createPrivateKey(idp.privateKeyPem);
  const idpPublic: KeyObject = new X509Certificate(Buffer.from(idp.certificateBase64, 'base64')).publicKey;
  const signedInfo = randomBytes(700); // an exclusive-c14n SignedInfo is ~0.7 kB
  const idTokenInput = Buffer.from(randomBytes(450).toString('base64url'));
  const wrappedKey = publicEncrypt({ key: createPublicKey(samlEncryption.certificatePem!), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, randomBytes(32));
  const idpOptions = (key: KeyObject) => (idp.algorithm === 'ecdsa-p256'
    ? { key, dsaEncoding: 'ieee-p1363' as const }
    : { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  const idpSignature = sign('sha256', signedInfo, idpOptions(idpPrivate));
  const check = (ok: boolean) => { if (!ok) throw new Error('floor: verification failed'); };
  const idpVerify = idp.algorithm === 'ecdsa-p256' ? 'ECDSA P-256' : 'RSA-PSS 3072';
  return [
    { name: 'sign AuthnRequest (RSA-PSS 3072, SHA-256)', run: () => { sign('sha256', signedInfo, { key: samlSigning, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }); } },
    { name: 'unwrap assertion key (RSA-OAEP 3072 decrypt)', run: () => { privateDecrypt({ key: samlEncryption.privateKey!, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, wrappedKey); } },
    { name: `verify Response signature (${idpVerify})`, run: () => check(verify('sha256', signedInfo, idpOptions(idpPublic), idpSignature)) },
    { name: `verify Assertion signature (${idpVerify})`, run: () => check(verify('sha256', signedInfo, idpOptions(idpPublic), idpSignature)) },
    { name: 'sign ID token (RS256 3072)', run: () => { sign('sha256', idTokenInput, oidcSigning); } },
  ];
}

/**
 * CPU milliseconds per run (the process's user + system time, not the wall clock): what the
 * server's CPU per login is compared with, and as little affected by other work on the machine.
 */
function timeEach(operation: Operation, seconds: number): number {
  for (let i = 0; i < 5; i++) operation.run();
  const until = performance.now() + seconds * 1000;
  let count = 0;
  const start = process.cpuUsage();
  while (performance.now() < until) {
    operation.run();
    count += 1;
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / count;
}

/** Each operation alone, then the whole sequence back to back; bounded by `seconds` overall. */
export function measureFloor(operations: Operation[], seconds: number): FloorResult {
  const each = operations.map((op) => {
    const ms = timeEach(op, seconds / (2 * operations.length));
    return { name: op.name, msEach: Math.round(ms * 1000) / 1000, perSecond: round1(1000 / ms) };
  });
  const sequence: Operation = { name: 'login', run: () => { for (const op of operations) op.run(); } };
  const msPerFlow = timeEach(sequence, seconds / 2);
  return { flowsPerSecond: round1(1000 / msPerFlow), msPerFlow: Math.round(msPerFlow * 1000) / 1000, operations: each };
}
