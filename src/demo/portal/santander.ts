import { loaUri } from '../../core/loa.js';
import { evidenceRequest, type EvidenceTexts } from './evidence/index.js';
import type { DemoPortal } from './portal.js';
import { presetPortal, type PresetOptions } from './preset.js';
import type { PortalTexts, PortalTheme } from './texts.js';

const es: PortalTexts = {
  title: 'Certificado de empadronamiento de Santander',
  intro: '¿Acaba de llegar a Santander? Identifíquese con la identidad electrónica de su país para solicitar el alta en el padrón y su certificado.',
  loginButton: 'Acceder con una eID europea',
  hintButton: 'Acceder con una eID de {country}',
  welcome: 'Bienvenido/a, {name}',
  loggedInIntro: 'Ha accedido. Passerelle nos ha enviado estos datos con su consentimiento:',
  nextSteps: 'A continuación podrá aportar su certificado de nacimiento para el alta en el padrón.',
  fieldName: 'Nombre', fieldBirthdate: 'Fecha de nacimiento', fieldCountry: 'País de la eID', fieldLoa: 'Nivel de seguridad',
  fieldAddress: 'Dirección', fieldBirthName: 'Apellidos de nacimiento', fieldIdentifier: 'Identificador eIDAS', fieldNationality: 'Nacionalidad',
  fieldSubject: 'Su identificador con nosotros',
  logout: 'Cerrar sesión',
  loginCancelled: 'El acceso se ha cancelado.',
  loginLoaTooLow: 'El certificado de empadronamiento requiere un acceso con un nivel de seguridad más alto.',
  loginFailed: 'El acceso ha fallado. Inténtelo de nuevo.',
  back: 'Volver a la página de inicio',
  loaLow: 'bajo', loaSubstantial: 'sustancial', loaHigh: 'alto',
};

const en: PortalTexts = {
  title: 'Santander census certificate',
  intro: 'New in Santander? Log in with your country\'s electronic identity to register in the municipal census (padrón) and get your certificate.',
  loginButton: 'Log in with a European eID',
  hintButton: 'Log in with an eID from {country}',
  welcome: 'Welcome, {name}',
  loggedInIntro: 'You are logged in. Passerelle sent us these details with your consent:',
  nextSteps: 'Next, you can provide your birth certificate for the census registration.',
  fieldName: 'Name', fieldBirthdate: 'Date of birth', fieldCountry: 'Country of the eID', fieldLoa: 'Level of assurance',
  fieldAddress: 'Address', fieldBirthName: 'Name at birth', fieldIdentifier: 'eIDAS identifier', fieldNationality: 'Nationality',
  fieldSubject: 'Your identifier with us',
  logout: 'Log out',
  loginCancelled: 'The login was cancelled.',
  loginLoaTooLow: 'The census certificate needs a login at a higher level of assurance.',
  loginFailed: 'The login failed. Please try again.',
  back: 'Back to the start page',
  loaLow: 'low', loaSubstantial: 'substantial', loaHigh: 'high',
};

const evidenceEs: EvidenceTexts = {
  heading: 'Certificado de nacimiento',
  why: 'Para el alta en el padrón necesitamos un certificado de nacimiento de su país.',
  howItWorks: 'Irá a Passerelle: allí verá lo que pedimos, solicitará el documento al registro de su país, lo revisará y decidirá si nos lo envía. Sin su consentimiento no recibimos nada.',
  attachButton: 'Aportar certificado de nacimiento',
  received: 'Passerelle nos envió este certificado el {date} con su consentimiento.',
  document: 'Documento', documentLink: 'Descargar el certificado (PDF, {size})',
  issuedBy: 'Expedido por', issuerValue: 'Autoridad de {country} ({id})',
  documentNumber: 'Número de documento', issuedOn: 'Fecha de expedición', sharedUntil: 'Compartido hasta', purpose: 'Finalidad',
  sharingEnded: 'terminado: {reason}', reasonWithdrawn: 'consentimiento retirado', reasonExpired: 'plazo vencido', reasonErased: 'documento eliminado',
  officialHeading: 'Para el personal municipal',
  officialIntro: 'Compruebe la autenticidad y la vigencia del consentimiento en Passerelle. La comprobación queda anotada en el registro de la persona.',
  checkLink: 'Comprobar en Passerelle', attestationLink: 'Ver la atestación de Passerelle', credentialLink: 'Ver la credencial de la autoridad (SD-JWT VC)',
  downloadAgain: 'Descargar de nuevo',
  downloadedAgain: 'Descargado de nuevo de Passerelle a las {time}: el consentimiento sigue vigente.',
  withdrawn: 'La persona solicitante ha retirado su consentimiento.',
  expired: 'El plazo para compartir ha vencido.',
  erased: 'La persona solicitante ha eliminado el documento.',
  refusedDetail: 'Passerelle rechazó la descarga a las {time} (HTTP 403, consent_required). La copia recibida antes se ha eliminado de la solicitud.',
  statusListDetail: 'Nuestro acceso a Passerelle ya había terminado (HTTP 401). A las {time}, la lista de estado pública de Passerelle marca este consentimiento como no válido. La copia recibida antes se ha eliminado de la solicitud.',
  tokenExpired: 'A las {time} nuestro acceso a Passerelle había terminado (HTTP 401: dura 10 minutos tras compartir, o hasta que la persona cierra sesión en Passerelle). Según la lista de estado pública de Passerelle, el consentimiento sigue vigente y la copia recibida sigue siendo válida. Para descargarla de nuevo, la persona debe aportarla otra vez.',
  checkFailed: 'No se pudo contactar con Passerelle a las {time}. Inténtelo más tarde.',
  fetchFailed: 'No se pudo obtener el certificado de Passerelle ({code}). Inténtelo de nuevo.',
  declinedHeading: 'Certificado no compartido',
  declined: 'No ha compartido el certificado; no hemos recibido nada. Puede aportarlo más tarde o traerlo en papel a su cita.',
  requestFailed: 'No se pudo solicitar el certificado (error: {code}).',
  attachAgain: 'Aportar el certificado de nuevo',
  labels: {
    birth_date: 'Fecha de nacimiento', place_of_birth: 'Lugar de nacimiento', country_of_birth: 'País de nacimiento', sex: 'Sexo',
    sex_F: 'mujer', sex_M: 'hombre', sex_X: 'no especificado', parents: 'Progenitores', relationship_parent: 'progenitor/a',
  },
  personName: 'Nombre', personBirthDate: 'Fecha de nacimiento', personRelationship: 'Parentesco',
};

const evidenceEn: EvidenceTexts = {
  heading: 'Birth certificate',
  why: 'To register you in the municipal census we need a birth certificate from your country.',
  howItWorks: 'You will go to Passerelle: there you see what we ask for, request the document from your country\'s registry, look at it and decide whether to send it to us. We receive nothing without your consent.',
  attachButton: 'Provide birth certificate',
  received: 'Passerelle sent us this certificate on {date} with your consent.',
  document: 'Document', documentLink: 'Download the certificate (PDF, {size})',
  issuedBy: 'Issued by', issuerValue: 'Authority in {country} ({id})',
  documentNumber: 'Document number', issuedOn: 'Issued on', sharedUntil: 'Sharing valid until', purpose: 'Purpose',
  sharingEnded: 'ended: {reason}', reasonWithdrawn: 'consent withdrawn', reasonExpired: 'expired', reasonErased: 'document deleted',
  officialHeading: 'For municipal staff',
  officialIntro: 'Check authenticity and the validity of the consent at Passerelle. The check appears in the applicant\'s data tracker.',
  checkLink: 'Check at Passerelle', attestationLink: 'Show Passerelle\'s attestation', credentialLink: 'Show the authority\'s credential (SD-JWT VC)',
  downloadAgain: 'Download again',
  downloadedAgain: 'Downloaded again from Passerelle at {time}: the consent is still valid.',
  withdrawn: 'The applicant has withdrawn consent.',
  expired: 'The sharing has expired.',
  erased: 'The applicant has deleted the document.',
  refusedDetail: 'Passerelle refused the download at {time} (HTTP 403, consent_required). The copy received earlier has been removed from this application.',
  statusListDetail: 'Our access at Passerelle had already ended (HTTP 401). At {time} Passerelle\'s public status list marks this sharing as no longer valid. The copy received earlier has been removed from this application.',
  tokenExpired: 'At {time} our access at Passerelle had ended (HTTP 401: it ends 10 minutes after the sharing, or when the applicant logs out of Passerelle). Passerelle\'s public status list says the sharing is still valid, so the copy received earlier stays usable. To download it again, the applicant provides the certificate again.',
  checkFailed: 'Passerelle could not be reached at {time}. Please try again later.',
  fetchFailed: 'The certificate could not be fetched from Passerelle ({code}). Please try again.',
  declinedHeading: 'Certificate not shared',
  declined: 'You did not share the certificate; we received nothing. You can provide it later or bring a paper copy to your appointment.',
  requestFailed: 'The certificate could not be requested (error: {code}).',
  attachAgain: 'Provide the certificate again',
  labels: {
    birth_date: 'Date of birth', place_of_birth: 'Place of birth', country_of_birth: 'Country of birth', sex: 'Sex',
    sex_F: 'female', sex_M: 'male', sex_X: 'unspecified', parents: 'Parents', relationship_parent: 'parent',
  },
  personName: 'Name', personBirthDate: 'Date of birth', personRelationship: 'Relationship',
};

/** The census registration's evidence step: the birth certificate. */
export function censusEvidence() {
  return evidenceRequest({
    evidenceType: 'birth',
    procedure: 'census-registration',
    purpose: { en: 'Census registration (padrón)', es: 'Alta en el padrón municipal' },
    fields: ['birth_date', 'place_of_birth', 'country_of_birth', 'sex', 'parents'],
    texts: { es: evidenceEs, en: evidenceEn },
  });
}

export const santanderTheme: PortalTheme = { accent: '#a3121f', languages: ['es', 'en'], texts: { es, en }, countryHint: 'ES' };

/** The Santander census certificate service (Spanish/English), client `santander-padron` (client_secret_post). */
export function createSantanderPortal(options: PresetOptions): Promise<DemoPortal> {
  return presetPortal({
    name: { es: 'Certificado de empadronamiento de Santander', en: 'Santander census certificate' },
    clientId: 'santander-padron',
    clientSecret: process.env.DEMO_SANTANDER_SECRET || 'demo-santander-secret-0123456789abcdefgh',
    tokenEndpointAuthMethod: 'client_secret_post',
    theme: santanderTheme,
    cookiePrefix: 'padron',
    // An official procedure: eIDAS substantial. Serbia's national IdP (its floor is low) meets it only when the citizen logs in at substantial.
    acrValues: loaUri('substantial'),
    scope: 'openid profile address eidas',
  }, censusEvidence(), options);
}
