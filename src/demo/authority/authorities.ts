import type { Loa } from '../../core/loa.js';
import type { DemoCountry } from '../citizens.js';

export type DemoEvidenceType = 'birth' | 'residence' | 'family-composition' | 'marriage' | 'higher-education-diploma';

/** One demo issuing authority, mounted at `/<path>` of the demo authorities app. */
export interface DemoAuthority {
  readonly id: string;
  readonly path: string;
  readonly country: DemoCountry;
  /** Language of its documents (BCP 47); Serbian documents are printed in Latin script (see pdf-text.ts). */
  readonly lang: 'it' | 'de' | 'es' | 'sr';
  readonly name: { readonly national: string; readonly en: string };
  /** Lowest eIDAS LoA this authority answers to. */
  readonly minimumLoa: Loa;
  readonly evidenceTypes: readonly DemoEvidenceType[];
}

const civilStatus: readonly DemoEvidenceType[] = ['birth', 'residence', 'family-composition', 'marriage'];

/** Ids and paths match config/demo.yaml's issuingAuthorities. */
export const demoAuthorities: readonly DemoAuthority[] = [
  {
    id: 'it-anagrafe', path: 'it', country: 'IT', lang: 'it', minimumLoa: 'substantial', evidenceTypes: civilStatus,
    name: { national: 'Anagrafe Nazionale della Popolazione Residente (demo)', en: 'Italian national population register (demo)' },
  },
  {
    id: 'de-melderegister', path: 'de', country: 'DE', lang: 'de', minimumLoa: 'substantial', evidenceTypes: civilStatus,
    name: { national: 'Melderegister (Demo)', en: 'German registration office (demo)' },
  },
  {
    id: 'es-registro-civil', path: 'es', country: 'ES', lang: 'es', minimumLoa: 'substantial', evidenceTypes: civilStatus,
    name: { national: 'Registro Civil (demo)', en: 'Spanish civil registry (demo)' },
  },
  {
    // The Serbian pilot accepts logins at LoA low (its national IdP is not a notified eID).
    id: 'rs-maticne-knjige', path: 'rs', country: 'RS', lang: 'sr', minimumLoa: 'low', evidenceTypes: [...civilStatus, 'higher-education-diploma'],
    name: { national: 'Матичне књиге (демо)', en: 'Serbian registry books (demo)' },
  },
];
