import type { MessageTable } from './i18n.js';

export type LayoutMessage = 'skip' | 'languages' | 'operatedBy' | 'privacy' | 'accessibility' | 'contact' | 'about' | 'continue' | 'noScript' | 'autoPostHeading';

/** The page frame's own words: the skip link, the language switch, the operator block, the auto-post page. */
export const layoutMessages: MessageTable<LayoutMessage> = {
  en: {
    skip: 'Skip to content', languages: 'Language', about: 'About this service',
    operatedBy: 'This Passerelle is run by {operator} for {country}.',
    privacy: 'Privacy notice', accessibility: 'Accessibility statement', contact: 'Contact',
    autoPostHeading: 'Taking you to the next step',
    continue: 'Continue', noScript: 'JavaScript is off: press the button to continue.',
  },
  de: {
    skip: 'Zum Inhalt springen', languages: 'Sprache', about: 'Über diesen Dienst',
    operatedBy: 'Diese Passerelle wird von {operator} für {country} betrieben.',
    privacy: 'Datenschutzerklärung', accessibility: 'Erklärung zur Barrierefreiheit', contact: 'Kontakt',
    autoPostHeading: 'Sie werden zum nächsten Schritt weitergeleitet',
    continue: 'Weiter', noScript: 'JavaScript ist ausgeschaltet: Drücken Sie die Schaltfläche, um fortzufahren.',
  },
  it: {
    skip: 'Vai al contenuto', languages: 'Lingua', about: 'Informazioni su questo servizio',
    operatedBy: 'Questa Passerelle è gestita da {operator} per {country}.',
    privacy: 'Informativa sulla privacy', accessibility: 'Dichiarazione di accessibilità', contact: 'Contatti',
    autoPostHeading: 'Ti stiamo portando al passo successivo',
    continue: 'Continua', noScript: 'JavaScript è disattivato: premi il pulsante per continuare.',
  },
  es: {
    skip: 'Saltar al contenido', languages: 'Idioma', about: 'Acerca de este servicio',
    operatedBy: 'Esta Passerelle la gestiona {operator} para {country}.',
    privacy: 'Aviso de privacidad', accessibility: 'Declaración de accesibilidad', contact: 'Contacto',
    autoPostHeading: 'Le llevamos al paso siguiente',
    continue: 'Continuar', noScript: 'JavaScript está desactivado: pulse el botón para continuar.',
  },
  fr: {
    skip: 'Aller au contenu', languages: 'Langue', about: 'À propos de ce service',
    operatedBy: 'Cette Passerelle est exploitée par {operator} pour {country}.',
    privacy: 'Politique de confidentialité', accessibility: 'Déclaration d\'accessibilité', contact: 'Contact',
    autoPostHeading: 'Nous vous menons à l\'étape suivante',
    continue: 'Continuer', noScript: 'JavaScript est désactivé : appuyez sur le bouton pour continuer.',
  },
  'sr-Latn': {
    skip: 'Pređi na sadržaj', languages: 'Jezik', about: 'O ovoj usluzi',
    operatedBy: 'Ovu uslugu Passerelle za zemlju {country} pruža {operator}.',
    privacy: 'Obaveštenje o privatnosti', accessibility: 'Izjava o pristupačnosti', contact: 'Kontakt',
    autoPostHeading: 'Prelazite na sledeći korak',
    continue: 'Nastavi', noScript: 'JavaScript je isključen: pritisnite dugme da biste nastavili.',
  },
};
