import type { MessageTable } from '../../web/i18n.js';

/** The confirmation pages of /me (withdraw, delete) and what /me says once it is done. */
export type ConfirmMessage =
  | 'withdrawTitle' | 'withdrawExplain' | 'withdrawYes' | 'withdrawDone'
  | 'eraseTitle' | 'eraseExplain' | 'eraseConsents' | 'eraseYes' | 'eraseDone'
  | 'keep' | 'alreadyEnded';

export const confirmMessages: MessageTable<ConfirmMessage> = {
  en: {
    withdrawTitle: 'Withdraw your consent?',
    withdrawExplain: '{portal} will no longer be able to download this document, its data or the attestations from Passerelle. What it downloaded before stays with it; accesses so far stay in your data tracker.',
    withdrawYes: 'Yes, withdraw my consent', withdrawDone: 'You withdrew your consent: {portal} can no longer access “{document}” (shared on {given}).',
    eraseTitle: 'Delete this document?',
    eraseExplain: 'Passerelle destroys the document and its data for good. This cannot be undone; you can request a new copy from the authority later.',
    eraseConsents: '{n, plural, =0 {No portal currently has access to it.} one {The one active consent to share it ends now.} other {The # active consents to share it end now.}}',
    eraseYes: 'Yes, delete the document', eraseDone: 'You deleted “{document}”. {ended, plural, =0 {No consent had to end.} one {One consent to share it ended.} other {# consents to share it ended.}}',
    keep: 'No, go back', alreadyEnded: 'This consent has already ended; nothing was changed.',
  },
  de: {
    withdrawTitle: 'Einwilligung widerrufen?',
    withdrawExplain: '{portal} kann dieses Dokument, seine Daten und die Bestätigungen dann nicht mehr bei Passerelle abrufen. Was bereits abgerufen wurde, bleibt dort; die bisherigen Zugriffe bleiben in Ihrem Datenprotokoll.',
    withdrawYes: 'Ja, Einwilligung widerrufen', withdrawDone: 'Sie haben Ihre Einwilligung widerrufen: {portal} kann nicht mehr auf „{document}“ zugreifen (geteilt am {given}).',
    eraseTitle: 'Dieses Dokument löschen?',
    eraseExplain: 'Passerelle vernichtet das Dokument und seine Daten endgültig. Das kann nicht rückgängig gemacht werden; eine neue Ausfertigung können Sie später bei der Behörde anfordern.',
    eraseConsents: '{n, plural, =0 {Derzeit hat kein Portal Zugriff darauf.} one {Die eine aktive Einwilligung zur Weitergabe endet jetzt.} other {Die # aktiven Einwilligungen zur Weitergabe enden jetzt.}}',
    eraseYes: 'Ja, Dokument löschen', eraseDone: 'Sie haben „{document}“ gelöscht. {ended, plural, =0 {Keine Einwilligung musste enden.} one {Eine Einwilligung zur Weitergabe wurde beendet.} other {# Einwilligungen zur Weitergabe wurden beendet.}}',
    keep: 'Nein, zurück', alreadyEnded: 'Diese Einwilligung ist bereits beendet; nichts wurde geändert.',
  },
  it: {
    withdrawTitle: 'Revocare il consenso?',
    withdrawExplain: '{portal} non potrà più scaricare da Passerelle questo documento, i suoi dati né le attestazioni. Ciò che ha già scaricato resta presso di lui; gli accessi finora restano nel tuo registro dei dati.',
    withdrawYes: 'Sì, revoca il consenso', withdrawDone: 'Hai revocato il consenso: {portal} non può più accedere a «{document}» (condiviso il {given}).',
    eraseTitle: 'Eliminare questo documento?',
    eraseExplain: 'Passerelle distrugge il documento e i suoi dati in modo definitivo. Non si può annullare; potrai richiedere una nuova copia all\'autorità in seguito.',
    eraseConsents: '{n, plural, =0 {Al momento nessun portale vi ha accesso.} one {L\'unico consenso attivo alla condivisione termina ora.} other {I # consensi attivi alla condivisione terminano ora.}}',
    eraseYes: 'Sì, elimina il documento', eraseDone: 'Hai eliminato «{document}». {ended, plural, =0 {Nessun consenso doveva terminare.} one {È terminato un consenso alla condivisione.} other {Sono terminati # consensi alla condivisione.}}',
    keep: 'No, torna indietro', alreadyEnded: 'Questo consenso è già terminato; non è stato cambiato nulla.',
  },
  es: {
    withdrawTitle: '¿Retirar su consentimiento?',
    withdrawExplain: '{portal} ya no podrá descargar de Passerelle este documento, sus datos ni las atestaciones. Lo que ya descargó sigue en su poder; los accesos hasta ahora siguen en su registro de datos.',
    withdrawYes: 'Sí, retirar mi consentimiento', withdrawDone: 'Ha retirado su consentimiento: {portal} ya no puede acceder a «{document}» (compartido el {given}).',
    eraseTitle: '¿Eliminar este documento?',
    eraseExplain: 'Passerelle destruye el documento y sus datos de forma definitiva. No se puede deshacer; más adelante puede pedir una copia nueva a la autoridad.',
    eraseConsents: '{n, plural, =0 {Ahora mismo ningún portal tiene acceso a él.} one {El único consentimiento vigente para compartirlo termina ahora.} other {Los # consentimientos vigentes para compartirlo terminan ahora.}}',
    eraseYes: 'Sí, eliminar el documento', eraseDone: 'Ha eliminado «{document}». {ended, plural, =0 {No tuvo que terminar ningún consentimiento.} one {Terminó un consentimiento para compartirlo.} other {Terminaron # consentimientos para compartirlo.}}',
    keep: 'No, volver', alreadyEnded: 'Este consentimiento ya había terminado; no se ha cambiado nada.',
  },
  fr: {
    withdrawTitle: 'Retirer votre consentement ?',
    withdrawExplain: '{portal} ne pourra plus télécharger ce document, ses données ni les attestations depuis Passerelle. Ce qu\'il a déjà téléchargé reste chez lui ; les accès passés restent dans votre journal des données.',
    withdrawYes: 'Oui, retirer mon consentement', withdrawDone: 'Vous avez retiré votre consentement : {portal} ne peut plus accéder à « {document} » (partagé le {given}).',
    eraseTitle: 'Supprimer ce document ?',
    eraseExplain: 'Passerelle détruit définitivement le document et ses données. C\'est irréversible ; vous pourrez demander une nouvelle copie à l\'autorité plus tard.',
    eraseConsents: '{n, plural, =0 {Aucun portail n\'y a accès actuellement.} one {Le consentement actif à son partage prend fin maintenant.} other {Les # consentements actifs à son partage prennent fin maintenant.}}',
    eraseYes: 'Oui, supprimer le document', eraseDone: 'Vous avez supprimé « {document} ». {ended, plural, =0 {Aucun consentement n\'a dû prendre fin.} one {Un consentement à son partage a pris fin.} other {# consentements à son partage ont pris fin.}}',
    keep: 'Non, revenir', alreadyEnded: 'Ce consentement avait déjà pris fin ; rien n\'a été modifié.',
  },
  'sr-Latn': {
    withdrawTitle: 'Povući saglasnost?',
    withdrawExplain: '{portal} više neće moći da preuzme ovaj dokument, njegove podatke ni potvrde od usluge Passerelle. Ono što je već preuzeo ostaje kod njega; dosadašnji pristupi ostaju u vašem dnevniku podataka.',
    withdrawYes: 'Da, povuci moju saglasnost', withdrawDone: 'Povukli ste saglasnost: {portal} više ne može da pristupi dokumentu „{document}” (podeljen {given}).',
    eraseTitle: 'Obrisati ovaj dokument?',
    eraseExplain: 'Passerelle trajno uništava dokument i njegove podatke. To ne može da se opozove; novi primerak kasnije možete zatražiti od organa.',
    eraseConsents: '{n, plural, =0 {Trenutno nijedan portal nema pristup njemu.} one {# aktivna saglasnost za deljenje prestaje sada.} few {# aktivne saglasnosti za deljenje prestaju sada.} other {# aktivnih saglasnosti za deljenje prestaje sada.}}',
    eraseYes: 'Da, obriši dokument', eraseDone: 'Obrisali ste dokument „{document}”. {ended, plural, =0 {Nijedna saglasnost nije morala da prestane.} one {Prestala je # saglasnost za deljenje.} few {Prestale su # saglasnosti za deljenje.} other {Prestalo je # saglasnosti za deljenje.}}',
    keep: 'Ne, vrati se', alreadyEnded: 'Ova saglasnost je već prestala; ništa nije promenjeno.',
  },
};
