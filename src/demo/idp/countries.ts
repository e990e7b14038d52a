import { loaLevels, loaRank, type Loa } from '../../core/loa.js';
import type { DemoCountry } from '../citizens.js';
import { signatureUris, type SignatureUri } from './algorithms.js';

/** What the login page says, in the country's own language. */
export interface IdpTexts {
  readonly title: string;
  readonly intro: string;
  readonly requester: string;
  readonly chooseCitizen: string;
  /** Legend over the companies offered for a login on behalf of an organisation. */
  readonly chooseCompany: string;
  readonly loaLegend: string;
  readonly loaNames: Readonly<Record<Loa, string>>;
  readonly belowMinimum: string;
  readonly cancel: string;
  /** A demo-only button: the IdP answers with an authentication failure. */
  readonly simulateFailure: string;
  readonly continueLabel: string;
  readonly errorTitle: string;
  readonly demoNotice: string;
}

export interface DemoIdpCountry {
  readonly code: DemoCountry;
  /** Path segment and key directory name. */
  readonly path: string;
  readonly lang: string;
  readonly name: string;
  /** Key types generated for this IdP; the first one signs, the others are published too. */
  readonly keyTypes: readonly ('RSA' | 'EC')[];
  readonly signatureAlgorithm: SignatureUri;
  /** Whether this IdP plays an eIDAS node (false: a national IdP with its own conventions). */
  readonly eidasNode: boolean;
  /** Highest LoA its eID means are certified for (metadata assurance-certification): it never asserts more. */
  readonly assuranceCertification: Loa;
  readonly texts: IdpTexts;
}

export const demoIdpCountries: readonly DemoIdpCountry[] = [
  {
    code: 'IT', path: 'it', lang: 'it', name: 'Italia', keyTypes: ['EC'], signatureAlgorithm: signatureUris.ecdsaSha256,
    eidasNode: true, assuranceCertification: 'high',
    texts: {
      title: 'Nodo eIDAS italiano (demo)', intro: 'Accedi con la tua identità digitale italiana.',
      requester: 'Servizio richiedente', chooseCitizen: 'Scegli la persona con cui accedere',
      chooseCompany: 'Scegli l\'impresa per cui accedi (con il suo rappresentante)',
      loaLegend: 'Livello di garanzia', loaNames: { low: 'Basso', substantial: 'Significativo', high: 'Elevato' },
      belowMinimum: 'inferiore al minimo richiesto', cancel: 'Annulla', simulateFailure: 'Simula un errore di autenticazione', continueLabel: 'Continua',
      errorTitle: 'Richiesta non valida', demoNotice: 'Ambiente dimostrativo: nessuna identità reale.',
    },
  },
  {
    code: 'DE', path: 'de', lang: 'de', name: 'Deutschland', keyTypes: ['RSA'], signatureAlgorithm: signatureUris.rsaPssSha256,
    eidasNode: true, assuranceCertification: 'high',
    texts: {
      title: 'Deutscher eIDAS-Knoten (Demo)', intro: 'Melden Sie sich mit Ihrem Online-Ausweis an.',
      requester: 'Anfragender Dienst', chooseCitizen: 'Person für die Anmeldung wählen',
      chooseCompany: 'Unternehmen wählen, in dessen Namen Sie sich anmelden (mit seiner Vertretung)',
      loaLegend: 'Vertrauensniveau', loaNames: { low: 'Niedrig', substantial: 'Substanziell', high: 'Hoch' },
      belowMinimum: 'unter dem verlangten Mindestniveau', cancel: 'Abbrechen', simulateFailure: 'Authentifizierungsfehler simulieren', continueLabel: 'Weiter',
      errorTitle: 'Ungültige Anfrage', demoNotice: 'Demo-Umgebung: keine echten Identitäten.',
    },
  },
  {
    // Two signing keys (RSA signs, EC is published too) so the broker sees a multi-key IdP.
    code: 'ES', path: 'es', lang: 'es', name: 'España', keyTypes: ['RSA', 'EC'], signatureAlgorithm: signatureUris.rsaPssSha256,
    eidasNode: true, assuranceCertification: 'substantial',
    texts: {
      title: 'Nodo eIDAS de España (demo)', intro: 'Identifíquese con Cl@ve o su DNIe.',
      requester: 'Servicio solicitante', chooseCitizen: 'Elija la persona con la que identificarse',
      chooseCompany: 'Elija la empresa en cuyo nombre se identifica (con su representante)',
      loaLegend: 'Nivel de seguridad', loaNames: { low: 'Bajo', substantial: 'Sustancial', high: 'Alto' },
      belowMinimum: 'inferior al mínimo solicitado', cancel: 'Cancelar', simulateFailure: 'Simular un error de autenticación', continueLabel: 'Continuar',
      errorTitle: 'Solicitud no válida', demoNotice: 'Entorno de demostración: no hay identidades reales.',
    },
  },
  {
    // Plays a national IdP that is not an eIDAS node: RSA PKCS#1 v1.5 signatures.
    code: 'RS', path: 'rs', lang: 'sr', name: 'Србија', keyTypes: ['RSA'], signatureAlgorithm: signatureUris.rsaSha256,
    eidasNode: false, assuranceCertification: 'substantial',
    texts: {
      title: 'Портал еУправа — пријава (демо)', intro: 'Пријавите се својим електронским идентитетом.',
      requester: 'Услуга која тражи пријаву', chooseCitizen: 'Изаберите особу за пријаву',
      chooseCompany: 'Изаберите предузеће у чије име се пријављујете (са заступником)',
      loaLegend: 'Ниво поузданости', loaNames: { low: 'Основни', substantial: 'Средњи', high: 'Висок' },
      belowMinimum: 'испод траженог минимума', cancel: 'Откажи', simulateFailure: 'Симулирај грешку при аутентификацији', continueLabel: 'Настави',
      errorTitle: 'Неисправан захтев', demoNotice: 'Демо окружење: нема стварних идентитета.',
    },
  },
];

/** The levels an IdP can assert: up to what its eID means are certified for. */
export function certifiedLevels(country: DemoIdpCountry): Loa[] {
  return loaLevels.filter((loa) => loaRank(loa) <= loaRank(country.assuranceCertification));
}

/** What the IdP asserts when the citizen picks nothing: the requested minimum, or its best if it cannot reach that. */
export function defaultLevel(country: DemoIdpCountry, minimum: Loa): Loa {
  return loaRank(minimum) <= loaRank(country.assuranceCertification) ? minimum : country.assuranceCertification;
}

export function demoIdpCountry(code: string): DemoIdpCountry | undefined {
  return demoIdpCountries.find((c) => c.code === code.toUpperCase());
}
