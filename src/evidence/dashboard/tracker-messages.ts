import type { MessageTable } from '../../web/i18n.js';

/**
 * How the data tracker names a portal's access: what it read (the tracker records the part,
 * never its content) and, when refused, why.
 */
export type TrackerMessage =
  | 'access_listing' | 'access_metadata' | 'access_document' | 'access_credential' | 'access_attestation' | 'access_data'
  | 'denied_document' | 'denied_credential' | 'denied_attestation' | 'denied_data'
  | 'because_withdrawn' | 'because_expired' | 'because_erased' | 'times' | 'groupedNote' | 'olderEntries' | 'newestEntries';

export const trackerMessages: MessageTable<TrackerMessage> = {
  en: {
    access_listing: 'A portal listed the documents you shared with it', access_metadata: 'A portal read the sharing\'s details and status',
    access_document: 'A portal downloaded the document', access_credential: 'A portal downloaded the authority\'s signed credential',
    access_attestation: 'A portal downloaded Passerelle\'s attestation', access_data: 'A portal downloaded the document\'s data',
    denied_document: 'A portal asked for the document', denied_credential: 'A portal asked for the authority\'s signed credential',
    denied_attestation: 'A portal asked for Passerelle\'s attestation', denied_data: 'A portal asked for the document\'s data',
    because_withdrawn: 'consent withdrawn', because_expired: 'consent expired', because_erased: 'document deleted',
    times: '{n, plural, one {once} other {# times}}, from {first}',
    groupedNote: 'The same access several times is shown on one line with the number of times; the log records repeats within five minutes as one entry with their number.',
    olderEntries: 'Older entries', newestEntries: 'Newest entries',
  },
  de: {
    access_listing: 'Ein Portal hat die mit ihm geteilten Dokumente aufgelistet', access_metadata: 'Ein Portal hat Angaben und Status der Weitergabe gelesen',
    access_document: 'Ein Portal hat das Dokument abgerufen', access_credential: 'Ein Portal hat den signierten Nachweis der Behörde abgerufen',
    access_attestation: 'Ein Portal hat die Bestätigung von Passerelle abgerufen', access_data: 'Ein Portal hat die Daten des Dokuments abgerufen',
    denied_document: 'Ein Portal hat das Dokument angefragt', denied_credential: 'Ein Portal hat den signierten Nachweis der Behörde angefragt',
    denied_attestation: 'Ein Portal hat die Bestätigung von Passerelle angefragt', denied_data: 'Ein Portal hat die Daten des Dokuments angefragt',
    because_withdrawn: 'Einwilligung widerrufen', because_expired: 'Einwilligung abgelaufen', because_erased: 'Dokument gelöscht',
    times: '{n, plural, one {einmal} other {#-mal}}, ab {first}',
    groupedNote: 'Derselbe Zugriff mehrmals steht in einer Zeile mit der Anzahl; das Protokoll hält Wiederholungen innerhalb von fünf Minuten als einen Eintrag mit ihrer Anzahl fest.',
    olderEntries: 'Ältere Einträge', newestEntries: 'Neueste Einträge',
  },
  it: {
    access_listing: 'Un portale ha elencato i documenti condivisi con esso', access_metadata: 'Un portale ha letto i dettagli e lo stato della condivisione',
    access_document: 'Un portale ha scaricato il documento', access_credential: 'Un portale ha scaricato la credenziale firmata dell\'autorità',
    access_attestation: 'Un portale ha scaricato l\'attestazione di Passerelle', access_data: 'Un portale ha scaricato i dati del documento',
    denied_document: 'Un portale ha chiesto il documento', denied_credential: 'Un portale ha chiesto la credenziale firmata dell\'autorità',
    denied_attestation: 'Un portale ha chiesto l\'attestazione di Passerelle', denied_data: 'Un portale ha chiesto i dati del documento',
    because_withdrawn: 'consenso revocato', because_expired: 'consenso scaduto', because_erased: 'documento eliminato',
    times: '{n, plural, one {una volta} other {# volte}}, dal {first}',
    groupedNote: 'Lo stesso accesso ripetuto compare su una riga con il numero di volte; il registro annota le ripetizioni entro cinque minuti come una sola voce con il loro numero.',
    olderEntries: 'Voci precedenti', newestEntries: 'Voci più recenti',
  },
  es: {
    access_listing: 'Un portal listó los documentos que usted compartió con él', access_metadata: 'Un portal leyó los datos y el estado de la cesión',
    access_document: 'Un portal descargó el documento', access_credential: 'Un portal descargó la credencial firmada de la autoridad',
    access_attestation: 'Un portal descargó la atestación de Passerelle', access_data: 'Un portal descargó los datos del documento',
    denied_document: 'Un portal pidió el documento', denied_credential: 'Un portal pidió la credencial firmada de la autoridad',
    denied_attestation: 'Un portal pidió la atestación de Passerelle', denied_data: 'Un portal pidió los datos del documento',
    because_withdrawn: 'consentimiento retirado', because_expired: 'consentimiento vencido', because_erased: 'documento eliminado',
    times: '{n, plural, one {una vez} other {# veces}}, desde {first}',
    groupedNote: 'El mismo acceso repetido aparece en una línea con el número de veces; el registro anota las repeticiones dentro de cinco minutos como una sola entrada con su número.',
    olderEntries: 'Entradas anteriores', newestEntries: 'Entradas más recientes',
  },
  fr: {
    access_listing: 'Un portail a listé les justificatifs partagés avec lui', access_metadata: 'Un portail a lu les détails et le statut du partage',
    access_document: 'Un portail a téléchargé le document', access_credential: 'Un portail a téléchargé l\'attestation signée de l\'autorité',
    access_attestation: 'Un portail a téléchargé l\'attestation de Passerelle', access_data: 'Un portail a téléchargé les données du document',
    denied_document: 'Un portail a demandé le document', denied_credential: 'Un portail a demandé l\'attestation signée de l\'autorité',
    denied_attestation: 'Un portail a demandé l\'attestation de Passerelle', denied_data: 'Un portail a demandé les données du document',
    because_withdrawn: 'consentement retiré', because_expired: 'consentement expiré', because_erased: 'document supprimé',
    times: '{n, plural, one {# fois} other {# fois}}, depuis le {first}',
    groupedNote: 'Un même accès répété figure sur une ligne avec le nombre de fois ; le journal enregistre les répétitions dans un délai de cinq minutes comme une seule entrée avec leur nombre.',
    olderEntries: 'Entrées plus anciennes', newestEntries: 'Entrées les plus récentes',
  },
  'sr-Latn': {
    access_listing: 'Portal je izlistao dokumente koje ste s njim podelili', access_metadata: 'Portal je pročitao podatke i stanje deljenja',
    access_document: 'Portal je preuzeo dokument', access_credential: 'Portal je preuzeo potpisani akreditiv organa',
    access_attestation: 'Portal je preuzeo potvrdu usluge Passerelle', access_data: 'Portal je preuzeo podatke iz dokumenta',
    denied_document: 'Portal je tražio dokument', denied_credential: 'Portal je tražio potpisani akreditiv organa',
    denied_attestation: 'Portal je tražio potvrdu usluge Passerelle', denied_data: 'Portal je tražio podatke iz dokumenta',
    because_withdrawn: 'saglasnost povučena', because_expired: 'saglasnost istekla', because_erased: 'dokument obrisan',
    times: '{n, plural, one {# put} few {# puta} other {# puta}}, od {first}',
    groupedNote: 'Isti pristup ponovljen više puta prikazan je u jednom redu sa brojem ponavljanja; dnevnik beleži ponavljanja u roku od pet minuta kao jedan unos sa njihovim brojem.',
    olderEntries: 'Stariji unosi', newestEntries: 'Najnoviji unosi',
  },
};
