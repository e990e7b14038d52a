import { loaUri } from '../../core/loa.js';
import { evidenceRequest, type EvidenceTexts } from './evidence/index.js';
import type { PortalTexts, PortalTheme } from './texts.js';
import type { DemoPortal } from './portal.js';
import { mandateRequest } from './mandate/index.js';
import { combined, presetPortal, type PresetOptions } from './preset.js';

const de: PortalTexts = {
  title: 'Kita-Platz in Bremerhaven beantragen',
  intro: 'Sie ziehen nach Bremerhaven und suchen einen Kita-Platz für Ihr Kind? Melden Sie sich mit der elektronischen Identität Ihres Heimatlandes an – wir übernehmen Ihre Angaben in den Antrag.',
  loginButton: 'Mit europäischer eID anmelden',
  hintButton: 'Mit eID aus {country} anmelden',
  welcome: 'Willkommen, {name}',
  loggedInIntro: 'Sie sind angemeldet. Diese Angaben hat Passerelle uns mit Ihrer Zustimmung übermittelt:',
  nextSteps: 'Im nächsten Schritt fügen Sie dem Antrag einen Nachweis über die Zusammensetzung Ihrer Familie bei.',
  fieldName: 'Name', fieldBirthdate: 'Geburtsdatum', fieldCountry: 'Land der eID', fieldLoa: 'Vertrauensniveau',
  fieldAddress: 'Anschrift', fieldBirthName: 'Geburtsname', fieldIdentifier: 'eIDAS-Kennung', fieldNationality: 'Staatsangehörigkeit',
  fieldSubject: 'Ihre Kennung bei uns',
  logout: 'Abmelden',
  loginCancelled: 'Die Anmeldung wurde abgebrochen.',
  loginLoaTooLow: 'Für die Kita-Anmeldung ist eine Anmeldung mit höherem Vertrauensniveau nötig.',
  loginFailed: 'Die Anmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  back: 'Zurück zur Startseite',
  loaLow: 'niedrig', loaSubstantial: 'substanziell', loaHigh: 'hoch',
  organisation: {
    intro: 'Arbeitgeber in Bremerhaven können Betreuungsplätze für die Kinder ihrer Beschäftigten reservieren. Melden Sie sich dafür im Namen Ihres Unternehmens an.',
    button: 'Für ein Unternehmen anmelden',
    fieldName: 'Unternehmen', fieldIdentifier: 'eIDAS-Kennung des Unternehmens', fieldVat: 'USt-IdNr.', fieldLei: 'LEI', fieldAddress: 'Sitz',
    representative: 'Vertreten durch',
  },
};

const en: PortalTexts = {
  title: 'Apply for a kindergarten place in Bremerhaven',
  intro: 'Moving to Bremerhaven and looking for a kindergarten place for your child? Log in with your home country\'s electronic identity and we fill in the application for you.',
  loginButton: 'Log in with a European eID',
  hintButton: 'Log in with an eID from {country}',
  welcome: 'Welcome, {name}',
  loggedInIntro: 'You are logged in. Passerelle sent us these details with your consent:',
  nextSteps: 'Next, you attach proof of your family composition to the application.',
  fieldName: 'Name', fieldBirthdate: 'Date of birth', fieldCountry: 'Country of the eID', fieldLoa: 'Level of assurance',
  fieldAddress: 'Address', fieldBirthName: 'Name at birth', fieldIdentifier: 'eIDAS identifier', fieldNationality: 'Nationality',
  fieldSubject: 'Your identifier with us',
  logout: 'Log out',
  loginCancelled: 'The login was cancelled.',
  loginLoaTooLow: 'The kindergarten application needs a login at a higher level of assurance.',
  loginFailed: 'The login failed. Please try again.',
  back: 'Back to the start page',
  loaLow: 'low', loaSubstantial: 'substantial', loaHigh: 'high',
  organisation: {
    intro: 'Employers in Bremerhaven can reserve kindergarten places for their employees\' children. Log in on behalf of your company to do so.',
    button: 'Log in for a company',
    fieldName: 'Company', fieldIdentifier: 'eIDAS identifier of the company', fieldVat: 'VAT number', fieldLei: 'LEI', fieldAddress: 'Registered office',
    representative: 'Represented by',
  },
};

const relationships = {
  de: { relationship_head: 'Haushaltsvorstand (antragstellend)', relationship_spouse: 'Ehegatte/Ehegattin', relationship_partner: 'Lebenspartner/in', relationship_child: 'Kind', relationship_parent: 'Elternteil', relationship_relative: 'Verwandte/r' },
  en: { relationship_head: 'Head of household', relationship_spouse: 'Spouse', relationship_partner: 'Partner', relationship_child: 'Child', relationship_parent: 'Parent', relationship_relative: 'Relative' },
};

const evidenceDe: EvidenceTexts = {
  heading: 'Nachweis über die Familienzusammensetzung',
  why: 'Für die Vergabe eines Kita-Platzes brauchen wir einen amtlichen Nachweis, wer zu Ihrem Haushalt gehört.',
  howItWorks: 'Sie werden zu Passerelle weitergeleitet. Dort sehen Sie, was wir anfragen, lassen das Dokument bei der Behörde Ihres Heimatlandes abrufen, sehen es sich an und entscheiden, ob Sie es mit uns teilen. Ohne Ihre Zustimmung erhalten wir nichts.',
  attachButton: 'Nachweis der Familienzusammensetzung beifügen',
  received: 'Passerelle hat uns diesen Nachweis am {date} mit Ihrer Einwilligung übermittelt.',
  document: 'Dokument', documentLink: 'Bescheinigung herunterladen (PDF, {size})',
  issuedBy: 'Ausgestellt von', issuerValue: 'Behörde in {country} ({id})',
  documentNumber: 'Dokumentnummer', issuedOn: 'Ausgestellt am', sharedUntil: 'Freigabe gültig bis', purpose: 'Zweck',
  sharingEnded: 'beendet: {reason}', reasonWithdrawn: 'Einwilligung widerrufen', reasonExpired: 'abgelaufen', reasonErased: 'Dokument gelöscht',
  officialHeading: 'Für die Sachbearbeitung',
  officialIntro: 'Echtheit und Gültigkeit der Freigabe prüfen Sie bei Passerelle. Die Prüfung erscheint im Datenprotokoll der antragstellenden Person.',
  checkLink: 'Bei Passerelle prüfen', attestationLink: 'Passerelle-Bestätigung anzeigen (zum Einfügen in die Prüfseite)', credentialLink: 'Nachweis der Behörde anzeigen (SD-JWT VC)',
  downloadAgain: 'Erneut herunterladen',
  downloadedAgain: 'Um {time} erneut bei Passerelle heruntergeladen: Die Einwilligung ist weiterhin gültig.',
  withdrawn: 'Die antragstellende Person hat ihre Einwilligung widerrufen.',
  expired: 'Die Freigabe ist abgelaufen.',
  erased: 'Die antragstellende Person hat das Dokument gelöscht.',
  refusedDetail: 'Passerelle hat den Abruf um {time} abgelehnt (HTTP 403, consent_required). Die zuvor erhaltene Kopie wurde aus dem Antrag entfernt.',
  statusListDetail: 'Unser Zugriff bei Passerelle war bereits abgelaufen (HTTP 401). Die öffentliche Statusliste von Passerelle kennzeichnet diese Freigabe um {time} als nicht mehr gültig. Die zuvor erhaltene Kopie wurde aus dem Antrag entfernt.',
  tokenExpired: 'Um {time} war unser Zugriff bei Passerelle abgelaufen (HTTP 401: er endet 10 Minuten nach der Freigabe oder wenn sich die antragstellende Person bei Passerelle abmeldet). Laut der öffentlichen Statusliste von Passerelle ist die Freigabe weiterhin gültig; die erhaltene Kopie bleibt verwendbar. Für einen neuen Abruf muss der Nachweis erneut beigefügt werden.',
  checkFailed: 'Passerelle war um {time} nicht erreichbar. Bitte versuchen Sie es später erneut.',
  fetchFailed: 'Der Nachweis konnte nicht von Passerelle abgerufen werden ({code}). Bitte versuchen Sie es erneut.',
  declinedHeading: 'Nachweis nicht geteilt',
  declined: 'Sie haben den Nachweis nicht mit uns geteilt; wir haben nichts erhalten. Sie können ihn später beifügen oder eine Papierbescheinigung zum Termin mitbringen.',
  requestFailed: 'Der Nachweis konnte nicht angefordert werden (Fehler: {code}).',
  attachAgain: 'Nachweis erneut beifügen',
  labels: { members: 'Im Nachweis aufgeführte Familienmitglieder', address: 'Anschrift', municipality: 'Gemeinde', ...relationships.de },
  personName: 'Name', personBirthDate: 'Geburtsdatum', personRelationship: 'Verhältnis',
};

const evidenceEn: EvidenceTexts = {
  heading: 'Proof of family composition',
  why: 'To allocate a kindergarten place we need official proof of who belongs to your household.',
  howItWorks: 'You will go to Passerelle. There you see what we ask for, have the document fetched from your home country\'s authority, look at it, and decide whether to share it with us. We receive nothing without your consent.',
  attachButton: 'Attach proof of family composition',
  received: 'Passerelle sent us this proof on {date} with your consent.',
  document: 'Document', documentLink: 'Download the certificate (PDF, {size})',
  issuedBy: 'Issued by', issuerValue: 'Authority in {country} ({id})',
  documentNumber: 'Document number', issuedOn: 'Issued on', sharedUntil: 'Sharing valid until', purpose: 'Purpose',
  sharingEnded: 'ended: {reason}', reasonWithdrawn: 'consent withdrawn', reasonExpired: 'expired', reasonErased: 'document deleted',
  officialHeading: 'For the case worker',
  officialIntro: 'Check authenticity and the validity of the sharing at Passerelle. The check appears in the applicant\'s data tracker.',
  checkLink: 'Check at Passerelle', attestationLink: 'Show Passerelle\'s attestation (to paste into the verification page)', credentialLink: 'Show the authority\'s credential (SD-JWT VC)',
  downloadAgain: 'Download again',
  downloadedAgain: 'Downloaded again from Passerelle at {time}: the consent is still valid.',
  withdrawn: 'The applicant has withdrawn consent.',
  expired: 'The sharing has expired.',
  erased: 'The applicant has deleted the document.',
  refusedDetail: 'Passerelle refused the download at {time} (HTTP 403, consent_required). The copy received earlier has been removed from this application.',
  statusListDetail: 'Our access at Passerelle had already ended (HTTP 401). At {time} Passerelle\'s public status list marks this sharing as no longer valid. The copy received earlier has been removed from this application.',
  tokenExpired: 'At {time} our access at Passerelle had ended (HTTP 401: it ends 10 minutes after the sharing, or when the applicant logs out of Passerelle). Passerelle\'s public status list says the sharing is still valid, so the copy received earlier stays usable. To download it again, the applicant attaches the proof again.',
  checkFailed: 'Passerelle could not be reached at {time}. Please try again later.',
  fetchFailed: 'The proof could not be fetched from Passerelle ({code}). Please try again.',
  declinedHeading: 'Proof not shared',
  declined: 'You did not share the proof with us; we received nothing. You can attach it later or bring a paper certificate to your appointment.',
  requestFailed: 'The proof could not be requested (error: {code}).',
  attachAgain: 'Attach the proof again',
  labels: { members: 'Family members listed in the certificate', address: 'Address', municipality: 'Municipality', ...relationships.en },
  personName: 'Name', personBirthDate: 'Date of birth', personRelationship: 'Relationship',
};

/** The kindergarten application's evidence step: the family-composition certificate. */
export function kindergartenEvidence() {
  return evidenceRequest({
    evidenceType: 'family-composition',
    procedure: 'kindergarten-application',
    // The same texts as the purpose registered in config/demo.yaml.
    purpose: { en: 'Kindergarten place application', de: 'Antrag auf einen Kita-Platz' },
    fields: ['members', 'address', 'municipality'],
    texts: { de: evidenceDe, en: evidenceEn },
  });
}

export const bremerhavenTheme: PortalTheme = { accent: '#00557a', languages: ['de', 'en'], texts: { de, en }, countryHint: 'IT' };

/** The Bremerhaven kindergarten application (German/English), client `bremerhaven-kita`. */
export function createBremerhavenPortal(options: PresetOptions): Promise<DemoPortal> {
  return presetPortal({
    name: { de: 'Kita-Anmeldung Bremerhaven', en: 'Bremerhaven kindergarten application' },
    clientId: 'bremerhaven-kita',
    clientSecret: process.env.DEMO_BREMERHAVEN_SECRET || 'demo-bremerhaven-secret-0123456789abcdef',
    tokenEndpointAuthMethod: 'client_secret_basic',
    theme: bremerhavenTheme,
    cookiePrefix: 'kita',
    // An official procedure: eIDAS substantial. Serbia's national IdP (its floor is low) meets it only when the citizen logs in at substantial.
    acrValues: loaUri('substantial'),
    scope: 'openid profile',
  }, combined(mandateRequest({ procedure: 'kindergarten-application' }), kindergartenEvidence()), options);
}
