import type { PortalTexts, PortalTheme } from './texts.js';
import { createDemoPortal, type DemoPortal, type DemoPortalOptions } from './portal.js';

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
  loginFailed: 'Die Anmeldung ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
  back: 'Zurück zur Startseite',
  loaLow: 'niedrig', loaSubstantial: 'substanziell', loaHigh: 'hoch',
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
  loginFailed: 'The login failed. Please try again.',
  back: 'Back to the start page',
  loaLow: 'low', loaSubstantial: 'substantial', loaHigh: 'high',
};

export const bremerhavenTheme: PortalTheme = { accent: '#00557a', languages: ['de', 'en'], texts: { de, en }, countryHint: 'IT' };

export type PresetOptions = Pick<DemoPortalOptions, 'port' | 'passerelleUrl'> & Partial<DemoPortalOptions>;

/** The Bremerhaven kindergarten application (German/English), client `bremerhaven-kita`. */
export function createBremerhavenPortal(options: PresetOptions): Promise<DemoPortal> {
  return createDemoPortal({
    name: { de: 'Kita-Anmeldung Bremerhaven', en: 'Bremerhaven kindergarten application' },
    clientId: 'bremerhaven-kita',
    clientSecret: process.env.DEMO_BREMERHAVEN_SECRET || 'demo-bremerhaven-secret-0123456789abcdef',
    tokenEndpointAuthMethod: 'client_secret_basic',
    theme: bremerhavenTheme,
    cookiePrefix: 'kita',
    scope: 'openid profile',
    ...options,
  });
}
