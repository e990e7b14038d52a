import { localized, matchLanguage } from '../../web/i18n.js';
import type { LocalizedText } from './model.js';

/**
 * Labels for what sits inside a field's value: the parts of `address` and `person-list`
 * entries, and the codes of `sex` fields. Pages show these, never the data's own keys;
 * the data itself (and what portals receive) keeps the keys.
 */
const partLabels: Readonly<Record<string, LocalizedText>> = {
  given_name: { en: 'Given names', de: 'Vornamen', it: 'Nome', es: 'Nombre', fr: 'Prénoms', 'sr-Latn': 'Ime' },
  family_name: { en: 'Family name', de: 'Familienname', it: 'Cognome', es: 'Apellidos', fr: 'Nom de famille', 'sr-Latn': 'Prezime' },
  birth_date: { en: 'Date of birth', de: 'Geburtsdatum', it: 'Data di nascita', es: 'Fecha de nacimiento', fr: 'Date de naissance', 'sr-Latn': 'Datum rođenja' },
  relationship: { en: 'Relationship', de: 'Verhältnis', it: 'Rapporto di parentela', es: 'Parentesco', fr: 'Lien', 'sr-Latn': 'Srodstvo' },
  street: { en: 'Street', de: 'Straße', it: 'Via', es: 'Calle', fr: 'Rue', 'sr-Latn': 'Ulica' },
  post_code: { en: 'Post code', de: 'Postleitzahl', it: 'CAP', es: 'Código postal', fr: 'Code postal', 'sr-Latn': 'Poštanski broj' },
  locality: { en: 'Town', de: 'Ort', it: 'Località', es: 'Localidad', fr: 'Localité', 'sr-Latn': 'Mesto' },
  country: { en: 'Country', de: 'Land', it: 'Stato', es: 'País', fr: 'Pays', 'sr-Latn': 'Država' },
};

/** The parts of a `person-list` entry in the order a page lists them. */
export const personParts = ['given_name', 'family_name', 'birth_date', 'relationship'] as const;
/** The parts of an `address`, in the order they are written on an envelope. */
export const addressParts = ['street', 'post_code', 'locality', 'country'] as const;

const sexLabels: Readonly<Record<string, LocalizedText>> = {
  F: { en: 'Female', de: 'Weiblich', it: 'Femminile', es: 'Mujer', fr: 'Féminin', 'sr-Latn': 'Ženski' },
  M: { en: 'Male', de: 'Männlich', it: 'Maschile', es: 'Hombre', fr: 'Masculin', 'sr-Latn': 'Muški' },
  X: { en: 'Not specified', de: 'Ohne Angabe', it: 'Non specificato', es: 'No especificado', fr: 'Non précisé', 'sr-Latn': 'Nije navedeno' },
};


/** Label of a part inside an address or a person entry; the part's own name when unknown. */
export function fieldPartLabel(part: string, lang: string): string {
  return Object.hasOwn(partLabels, part) ? localized(partLabels[part]!, matchLanguage(lang) ?? 'en') : part;
}

/** `F`, `M`, `X` in words; any other value as it is. */
export function sexLabel(code: string, lang: string): string {
  return Object.hasOwn(sexLabels, code) ? localized(sexLabels[code]!, matchLanguage(lang) ?? 'en') : code;
}

/** For the catalogue's completeness test. */
export const valueLabelTables = { parts: partLabels, sex: sexLabels };
