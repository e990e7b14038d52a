import { createHash } from 'node:crypto';
import type { DemoAuthority, DemoEvidenceType } from './authorities.js';
import { documentKinds } from './documents.js';
import { issueCredential } from './issue-credential.js';
import type { AuthorityIssuerKey } from './issuer-keys.js';
import type { DemoRecord } from './records.js';
import { renderDocumentPdf } from './render-pdf.js';
import type { VerifiedEvidenceRequest } from './verify-request.js';

/** The protocol's success body (docs/evidence-authorities.md). */
export interface IssuedDocument {
  document: { media_type: 'application/pdf'; filename: string; content: string };
  credential: string;
  data: Record<string, unknown>;
  issued_at: number;
  valid_until: number;
}

/** Field order on the PDF (the credential's data object carries the same fields). */
const fieldOrder: Readonly<Record<DemoEvidenceType, readonly string[]>> = {
  birth: ['birth_date', 'place_of_birth', 'country_of_birth', 'sex', 'parents'],
  residence: ['address', 'municipality', 'registered_since'],
  'family-composition': ['address', 'municipality', 'members'],
  marriage: ['spouses', 'marriage_date', 'place_of_marriage'],
  'higher-education-diploma': ['institution', 'degree_title', 'field_of_study', 'eqf_level', 'award_date'],
};

/** Renders the PDF, then signs a credential over its exact bytes. */
export async function issueDocument(
  authority: DemoAuthority, issuer: string, key: AuthorityIssuerKey, record: DemoRecord,
  type: DemoEvidenceType, data: Record<string, unknown>, request: VerifiedEvidenceRequest, now: number,
): Promise<IssuedDocument> {
  const kind = documentKinds[type];
  const issuedAt = Math.floor(now / 1000);
  const validUntil = issuedAt + kind.validityDays * 86_400;
  const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
  const serial = createHash('sha256').update(`${authority.id}\n${request.request_id}\n${request.jti}`).digest('hex').slice(0, 10).toUpperCase();
  const documentNumber = `${authority.country}-${kind.code}-${day(issuedAt).replaceAll('-', '')}-${serial}`;
  // The subject names her by the identifier the request matched on: the eIDAS PersonIdentifier,
  // or for a wallet PID the administrative number (a register does not hand out the other one).
  const identifier = request.identity.person_identifier !== undefined
    ? { person_identifier: record.personIdentifier }
    : { personal_administrative_number: record.administrativeNumber! };
  const subject = { ...identifier, family_name: record.familyName, given_name: record.givenName, birthdate: record.birthDate };
  const pdf = await renderDocumentPdf({
    authority, kind, documentNumber, issuedOn: day(issuedAt), validUntil: day(validUntil), issuedAt: new Date(issuedAt * 1000),
    subject, data, fieldOrder: fieldOrder[type],
    request: {
      procedure: request.procedure, requesterName: request.requester.name, requesterId: request.requester.client_id,
      purpose: request.purpose, requestId: request.request_id,
    },
  });
  const credential = await issueCredential(key, {
    issuer, vct: kind.vct, evidenceType: type, country: authority.country, documentNumber, documentBytes: pdf,
    issuedAt, validUntil, subject, data,
  });
  return {
    document: { media_type: 'application/pdf', filename: `${authority.path}-${type}-${documentNumber}.pdf`, content: Buffer.from(pdf).toString('base64') },
    credential,
    data,
    issued_at: issuedAt,
    valid_until: validUntil,
  };
}
