import type { MessageTable } from '../../web/i18n.js';

/** The page that asks before a mandate is revoked, and what /me says once it is done. */
export type RevokeMessage = 'revokeTitle' | 'revokeExplain' | 'revokeYes' | 'revokeDone' | 'revokeUnchanged' | 'given';

export const revokeMessages: MessageTable<RevokeMessage> = {
  en: {
    revokeTitle: 'Revoke this mandate?',
    revokeExplain: '{portal} can no longer use it: its next use is refused, and officials who check it see it as revoked. What {portal} received before stays with it; uses so far stay in your data tracker.',
    revokeYes: 'Yes, revoke the mandate',
    revokeDone: 'You revoked the mandate to act for {child} at {portal}. Its next use is refused.',
    revokeUnchanged: 'This mandate had already ended; nothing was changed.', given: 'Given on',
  },
  de: {
    revokeTitle: 'Diese Vollmacht widerrufen?',
    revokeExplain: '{portal} kann sie dann nicht mehr verwenden: Die nächste Verwendung wird abgelehnt, und wer sie prüft, sieht sie als widerrufen. Was {portal} bereits erhalten hat, bleibt dort; die bisherigen Verwendungen bleiben in Ihrem Datenprotokoll.',
    revokeYes: 'Ja, Vollmacht widerrufen',
    revokeDone: 'Sie haben die Vollmacht widerrufen, bei {portal} für {child} zu handeln. Ihre nächste Verwendung wird abgelehnt.',
    revokeUnchanged: 'Diese Vollmacht war bereits beendet; nichts wurde geändert.', given: 'Erteilt am',
  },
  it: {
    revokeTitle: 'Revocare questa delega?',
    revokeExplain: '{portal} non potrà più usarla: il suo utilizzo successivo viene rifiutato e chi la verifica la vede come revocata. Ciò che {portal} ha già ricevuto resta presso di lui; gli utilizzi finora restano nel tuo registro dei dati.',
    revokeYes: 'Sì, revoca la delega',
    revokeDone: 'Hai revocato la delega ad agire per {child} presso {portal}. Il suo utilizzo successivo viene rifiutato.',
    revokeUnchanged: 'Questa delega era già terminata; non è stato cambiato nulla.', given: 'Data il',
  },
  es: {
    revokeTitle: '¿Revocar esta representación?',
    revokeExplain: '{portal} ya no podrá usarla: su siguiente uso se rechaza y quien la compruebe la verá como revocada. Lo que {portal} ya recibió se queda allí; los usos hasta ahora permanecen en su registro de datos.',
    revokeYes: 'Sí, revocar la representación',
    revokeDone: 'Usted revocó la representación para actuar en nombre de {child} ante {portal}. Su siguiente uso se rechaza.',
    revokeUnchanged: 'Esta representación ya había terminado; no se cambió nada.', given: 'Otorgada el',
  },
  fr: {
    revokeTitle: 'Révoquer ce mandat ?',
    revokeExplain: '{portal} ne pourra plus l\'utiliser : son utilisation suivante est refusée, et les agents qui le vérifient le voient comme révoqué. Ce que {portal} a déjà reçu reste chez lui ; les utilisations passées restent dans votre journal des données.',
    revokeYes: 'Oui, révoquer le mandat',
    revokeDone: 'Vous avez révoqué le mandat pour agir pour {child} auprès de {portal}. Son utilisation suivante est refusée.',
    revokeUnchanged: 'Ce mandat avait déjà pris fin ; rien n\'a été modifié.', given: 'Donné le',
  },
  'sr-Latn': {
    revokeTitle: 'Opozvati ovo ovlašćenje?',
    revokeExplain: '{portal} više neće moći da ga koristi: njegova sledeća upotreba se odbija, a službenici koji ga proveravaju vide ga kao opozvano. Ono što je {portal} već primio ostaje kod njega; dosadašnje upotrebe ostaju u vašem dnevniku podataka.',
    revokeYes: 'Da, opozovi ovlašćenje',
    revokeDone: 'Opozvali ste ovlašćenje da delujete u ime deteta {child} kod portala {portal}. Njegova sledeća upotreba se odbija.',
    revokeUnchanged: 'Ovo ovlašćenje je već prestalo; ništa nije promenjeno.', given: 'Dato',
  },
};
