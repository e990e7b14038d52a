/** Every string of the "act for your child" part of a demo portal, per portal language. Placeholders: `{parent}`, `{child}`, `{date}`, `{time}`, `{code}`. */
export interface MandateTexts {
  heading: string;
  why: string;
  howItWorks: string;
  button: string;
  actingFor: string;
  born: string;
  until: string;
  procedure: string;
  checkAgain: string;
  stillValid: string;
  ended: string;
  endedDetail: string;
  attestationLink: string;
  officialIntro: string;
  verifyLink: string;
  declinedHeading: string;
  declined: string;
  failed: string;
}

export const mandateTexts: Record<'de' | 'en', MandateTexts> = {
  de: {
    heading: 'Für Ihr Kind handeln',
    why: 'Den Kita-Platz beantragen Sie für Ihr Kind. Dafür brauchen wir die Bestätigung, dass Sie als Elternteil für das Kind handeln dürfen.',
    howItWorks: 'Passerelle liest das aus der Haushaltsbescheinigung Ihres Heimatlandes, zeigt Ihnen, für wen Sie handeln würden, und sendet uns die Vollmacht nur mit Ihrer Zustimmung, für höchstens 30 Tage.',
    button: 'Vollmacht für mein Kind erteilen',
    actingFor: '{parent}, handelnd für {child}',
    born: 'Geburtsdatum des Kindes', until: 'Vollmacht gültig bis', procedure: 'Verfahren',
    checkAgain: 'Vollmacht erneut prüfen',
    stillValid: 'Um {time} bei Passerelle geprüft: Die Vollmacht ist weiterhin gültig.',
    ended: 'Die Vollmacht gilt nicht mehr.',
    endedDetail: 'Passerelle hat die Prüfung um {time} abgelehnt (HTTP 403, {code}): widerrufen, abgelaufen oder das zugrunde liegende Dokument wurde gelöscht.',
    attestationLink: 'Vollmachtsbestätigung von Passerelle anzeigen (zum Einfügen in die Prüfseite)',
    officialIntro: 'Für die Sachbearbeitung: Echtheit und Status der Vollmacht prüfen Sie bei Passerelle.',
    verifyLink: 'Bei Passerelle prüfen',
    declinedHeading: 'Keine Vollmacht erteilt',
    declined: 'Sie haben keine Vollmacht erteilt; wir haben nichts erhalten.',
    failed: 'Die Vollmacht konnte nicht abgerufen werden ({code}). Bitte versuchen Sie es erneut.',
  },
  en: {
    heading: 'Acting for your child',
    why: 'You apply for the kindergarten place for your child. For that we need confirmation that you may act for the child as a parent.',
    howItWorks: 'Passerelle reads it from your home country\'s family-composition certificate, shows you whom you would act for, and sends us the mandate only with your consent, for at most 30 days.',
    button: 'Give a mandate for my child',
    actingFor: '{parent}, acting for {child}',
    born: 'Child\'s date of birth', until: 'Mandate valid until', procedure: 'Procedure',
    checkAgain: 'Check the mandate again',
    stillValid: 'Checked at Passerelle at {time}: the mandate is still valid.',
    ended: 'The mandate is no longer valid.',
    endedDetail: 'Passerelle refused the check at {time} (HTTP 403, {code}): revoked, expired, or the document behind it was deleted.',
    attestationLink: 'Show Passerelle\'s mandate attestation (to paste into the verification page)',
    officialIntro: 'For the case worker: check the mandate\'s authenticity and status at Passerelle.',
    verifyLink: 'Check at Passerelle',
    declinedHeading: 'No mandate given',
    declined: 'You did not give a mandate; we received nothing.',
    failed: 'The mandate could not be fetched ({code}). Please try again.',
  },
};
