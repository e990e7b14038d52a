/**
 * Every string of the evidence part of a demo portal, in each of the portal's languages.
 * Placeholders: `{date}`, `{time}`, `{size}`, `{country}`, `{id}`, `{code}`.
 */
export interface EvidenceTexts {
  heading: string;
  why: string;
  howItWorks: string;
  attachButton: string;
  received: string;
  document: string;
  documentLink: string;
  issuedBy: string;
  issuerValue: string;
  documentNumber: string;
  issuedOn: string;
  sharedUntil: string;
  /** Replaces the expiry once Passerelle refused: `{reason}` is one of the three below. */
  sharingEnded: string;
  reasonWithdrawn: string;
  reasonExpired: string;
  reasonErased: string;
  purpose: string;
  officialHeading: string;
  officialIntro: string;
  checkLink: string;
  attestationLink: string;
  credentialLink: string;
  downloadAgain: string;
  downloadedAgain: string;
  withdrawn: string;
  expired: string;
  erased: string;
  refusedDetail: string;
  /** A refusal learnt from the public status list after our access token had ended. */
  statusListDetail: string;
  tokenExpired: string;
  checkFailed: string;
  fetchFailed: string;
  declinedHeading: string;
  declined: string;
  requestFailed: string;
  attachAgain: string;
  /** Labels of data fields and of `relationship` values, keyed by their names in the data. */
  labels: Record<string, string>;
  /** Column headings of person lists. */
  personName: string;
  personBirthDate: string;
  personRelationship: string;
}
