import { createHash } from 'node:crypto';
import type { CountryConfig } from '../../../config/schema.js';
import { isPasserelleError, PasserelleError } from '../../../core/errors.js';
import { parseXmlSecurely, type AlgorithmPolicy } from '../crypto/index.js';
import { readIdpMetadata, type IdpMetadata } from './idp-metadata.js';
import { readMetadataSigningKeys } from './metadata-signing-keys.js';
import { readMetadataSource, type FetchLike } from './read-metadata-source.js';
import { verifyMetadataSignature } from './verify-metadata-signature.js';

/** Metadata as checked, with the document it came from (what instances share). */
export interface LoadedMetadata {
  metadata: IdpMetadata;
  xml: string;
}

/**
 * One load of one country's IdP metadata from its source (file or URL, limited), then
 * `checkIdpMetadata`.
 */
export async function loadIdpMetadata(country: CountryConfig, baseDir: string, now: number, fetchImpl?: FetchLike): Promise<LoadedMetadata> {
  const xml = await readMetadataSource(country, baseDir, fetchImpl);
  return { metadata: checkIdpMetadataDocument(country, xml, baseDir, now), xml };
}

/**
 * Turns a metadata document into trusted metadata: parse (no DTD, no entities), verify the
 * signature when signing certificates are configured, extract, and refuse a copy whose
 * validUntil has passed. The same checks whether the document was just fetched or was
 * stored by another instance.
 */
export function checkIdpMetadataDocument(country: CountryConfig, text: string, baseDir: string, now: number): IdpMetadata {
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
