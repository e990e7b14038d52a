import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, X509Certificate, type JsonWebKey } from 'node:crypto';
import { CoseKey, type MdocContext } from '@owf/mdoc';

const digestNames: Record<string, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** Subject DN attributes as `C=IT\nO=…` lines (what node's X509Certificate gives). */
function subjectField(certificate: X509Certificate, field: string): string[] {
  return certificate.subject.split('\n').filter((line) => line.startsWith(`${field}=`)).map((line) => line.slice(field.length + 1));
}

/**
 * The crypto @owf/mdoc delegates to, on node:crypto: SHA-2 digests, ES256/384/512 COSE_Sign1
 * (IEEE P1363 signatures, as COSE encodes them) and certificate facts. The certificate chain is
 * not checked here: Passerelle checks it against the trusted list itself (checkIssuerChain), so
 * that it knows which PID provider, country and level it reached. MAC device authentication is
 * not offered (it needs a reader key; HAIP uses signatures).
 */
export const mdocContext: MdocContext = {
  crypto: {
    random: (length) => randomBytes(length),
    digest: ({ digestAlgorithm, bytes }) => {
      const name = digestNames[digestAlgorithm];
      if (!name) throw new Error(`digest ${digestAlgorithm} is not supported`);
      return createHash(name).update(bytes).digest();
    },
    calculateEphemeralMacKey: () => {
      throw new Error('MAC device authentication is not supported');
    },
  },
  cose: {
    sign1: {
      sign: ({ toBeSigned, key }) => sign(null, toBeSigned, { key: createPrivateKey({ key: key.jwk as JsonWebKey, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }),
      verify: ({ key, sign1 }) => {
        try {
          return verify(null, sign1.toBeSigned, { key: createPublicKey({ key: publicJwk(key), format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, sign1.signature);
        } catch {
          return false;
        }
      },
    },
    mac0: {
      sign: () => {
        throw new Error('MAC device authentication is not supported');
      },
      verify: () => false,
    },
  },
  x509: {
    getIssuerNameField: ({ certificate, field }) => subjectField(new X509Certificate(certificate), field),
    getPublicKey: ({ certificate }) => CoseKey.fromJwk(new X509Certificate(certificate).publicKey.export({ format: 'jwk' }) as Record<string, unknown>),
    verifyCertificateChain: () => {
      throw new Error('certificate chains are checked against the trusted list by Passerelle');
    },
    getCertificateData: ({ certificate }) => {
      const parsed = new X509Certificate(certificate);
      return {
        issuerName: parsed.issuer.replace(/\n/g, ', '), subjectName: parsed.subject.replace(/\n/g, ', '),
        serialNumber: parsed.serialNumber, thumbprint: parsed.fingerprint256.replace(/:/g, '').toLowerCase(),
        notBefore: new Date(parsed.validFrom), notAfter: new Date(parsed.validTo), pem: parsed.toString(),
      };
    },
  },
};

function publicJwk(key: CoseKey): JsonWebKey {
  const { d: _d, ...rest } = key.jwk as JsonWebKey;
  return rest;
}
