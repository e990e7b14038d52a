import type { PresetOptions } from './bremerhaven.js';
import { createDemoPortal, type DemoPortal } from './portal.js';
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
  loginFailed: 'The login failed. Please try again.',
  back: 'Back to the start page',
  loaLow: 'low', loaSubstantial: 'substantial', loaHigh: 'high',
};

export const santanderTheme: PortalTheme = { accent: '#a3121f', languages: ['es', 'en'], texts: { es, en }, countryHint: 'ES' };

/** The Santander census certificate service (Spanish/English), client `santander-padron` (client_secret_post). */
export function createSantanderPortal(options: PresetOptions): Promise<DemoPortal> {
  return createDemoPortal({
    name: { es: 'Certificado de empadronamiento de Santander', en: 'Santander census certificate' },
    clientId: 'santander-padron',
    clientSecret: process.env.DEMO_SANTANDER_SECRET || 'demo-santander-secret-0123456789abcdefgh',
    tokenEndpointAuthMethod: 'client_secret_post',
    theme: santanderTheme,
    cookiePrefix: 'padron',
    scope: 'openid profile address eidas',
    ...options,
  });
}
