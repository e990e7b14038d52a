import { createHash } from 'node:crypto';
import type { CountryConfig } from '../../../config/schema.js';
import { isPasserelleError, PasserelleError } from '../../../core/errors.js';
import { parseXmlSecurely, type AlgorithmPolicy } from '../crypto/index.js';
import { readIdpMetadata, type IdpMetadata } from './idp-metadata.js';
import { readMetadataSigningKeys } from './metadata-signing-keys.js';
import { readMetadataSource, type FetchLike } from './read-metadata-source.js';
import { verifyMetadataSignature } from './verify-metadata-signature.js';

/**
 * One load of one country's IdP metadata: read (file or URL, limited), parse (no DTD, no
 * entities), verify the signature when signing certificates are configured, extract, and
 * refuse a copy whose validUntil has passed.
 */
export async function loadIdpMetadata(country: CountryConfig, baseDir: string, now: number, fetchImpl?: FetchLike): Promise<IdpMetadata> {
  const text = await readMetadataSource(country, baseDir, fetchImpl);
  const digest = createHash('sha256').update(text).digest('hex');
  let document: Document;
  try {
    document = parseXmlSecurely(text);
  } catch (error) {
    const reason = isPasserelleError(error) ? error.message : 'not well-formed XML';
    throw new PasserelleError('metadata_invalid', `metadata of ${country.code} cannot be parsed: ${reason}`, { cause: error });
  }
  const root = document.documentElement;
  if (!root) throw new PasserelleError('metadata_invalid', `metadata of ${country.code} has no root element`);
  const signingKeys = readMetadataSigningKeys(country.idp.metadataSigningCertificates, baseDir);
  const signed = signingKeys.length > 0;
  if (signed) verifyMetadataSignature(root, signingKeys, country.algorithms as AlgorithmPolicy);
  const metadata = readIdpMetadata(root, country.code, { signed, digest });
  if (metadata.validUntil !== undefined && metadata.validUntil <= now) {
    throw new PasserelleError('metadata_invalid', `metadata of ${country.code} expired at ${new Date(metadata.validUntil).toISOString()}`);
  }
  return metadata;
}
