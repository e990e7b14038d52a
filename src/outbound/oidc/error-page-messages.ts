import type { MessageTable } from '../../web/i18n.js';

/**
 * What the citizen reads on oidc-provider's error page, by OAuth error code: our own words in
 * the page language, never the library's English `error_description` (that goes to the log).
 * Several codes that mean the same to her share one text (see `oidcErrorKey`).
 */
export type OidcErrorKey =
  | 'invalid_request' | 'session_not_found' | 'invalid_client' | 'invalid_redirect_uri' | 'unauthorized_client'
  | 'unsupported_response_type' | 'invalid_scope' | 'invalid_authorization_details' | 'request_not_supported'
  | 'access_denied' | 'invalid_grant' | 'server_error' | 'other';

const sameText: Record<string, OidcErrorKey> = {
  unsupported_response_mode: 'unsupported_response_type',
  invalid_target: 'invalid_authorization_details',
  request_uri_not_supported: 'request_not_supported',
  invalid_request_object: 'request_not_supported',
  registration_not_supported: 'request_not_supported',
  invalid_token: 'invalid_grant',
  expired_token: 'invalid_grant',
};

/** The text for an error oidc-provider reports; a missing login session (Back, another tab) has its own. */
export function oidcErrorKey(code: string, errorName?: string): OidcErrorKey {
  if (errorName === 'SessionNotFound') return 'session_not_found';
  if (Object.hasOwn(oidcErrorMessages.en, code)) return code as OidcErrorKey;
  return sameText[code] ?? 'other';
}

export const oidcErrorMessages: MessageTable<OidcErrorKey> = {
  en: {
    invalid_request: 'The service that sent you here made a request that is incomplete or not valid. Go back to it and try again; if it keeps happening, contact that service.',
    session_not_found: 'This login is already over: it was completed, cancelled or has expired (for example after the Back button, or in another tab). Go back to the service and start again.',
    invalid_client: 'The service that sent you here is not registered with Passerelle, so you cannot log in to it from here. Contact that service.',
    invalid_redirect_uri: 'The service that sent you here asked for the answer at an address it has not registered with Passerelle, so we cannot send you back there. Contact that service.',
    unauthorized_client: 'The service that sent you here is not allowed to make this kind of request. Contact that service.',
    unsupported_response_type: 'The service that sent you here asked for a kind of answer that Passerelle does not give. Contact that service.',
    invalid_scope: 'The service that sent you here asked for data it may not receive. Contact that service.',
    invalid_authorization_details: 'The service that sent you here asked for documents in a way that Passerelle does not accept. Contact that service.',
    request_not_supported: 'The service that sent you here sent its request in a form that Passerelle does not accept. Contact that service.',
    access_denied: 'The login was cancelled or refused. Go back to the service to try again.',
    invalid_grant: 'This link has expired or was already used. Go back to the service and start again.',
    server_error: 'Something went wrong on our side. Please try again later.',
    other: 'The request could not be processed. Go back to the service that sent you here and try again; if it keeps happening, contact that service.',
  },
  de: {
    invalid_request: 'Der Dienst, der Sie hierher geschickt hat, hat eine unvollständige oder ungültige Anfrage gestellt. Kehren Sie zu ihm zurück und versuchen Sie es erneut; wenn das wiederholt passiert, wenden Sie sich an diesen Dienst.',
    session_not_found: 'Diese Anmeldung ist bereits vorbei: Sie wurde abgeschlossen, abgebrochen oder ist abgelaufen (zum Beispiel nach der Zurück-Taste oder in einem anderen Tab). Kehren Sie zum Dienst zurück und beginnen Sie erneut.',
    invalid_client: 'Der Dienst, der Sie hierher geschickt hat, ist bei Passerelle nicht registriert; eine Anmeldung für ihn ist hier nicht möglich. Wenden Sie sich an diesen Dienst.',
    invalid_redirect_uri: 'Der Dienst, der Sie hierher geschickt hat, möchte die Antwort an einer Adresse erhalten, die er bei Passerelle nicht registriert hat; dorthin können wir Sie nicht zurückschicken. Wenden Sie sich an diesen Dienst.',
    unauthorized_client: 'Der Dienst, der Sie hierher geschickt hat, darf eine solche Anfrage nicht stellen. Wenden Sie sich an diesen Dienst.',
    unsupported_response_type: 'Der Dienst, der Sie hierher geschickt hat, verlangt eine Art von Antwort, die Passerelle nicht gibt. Wenden Sie sich an diesen Dienst.',
    invalid_scope: 'Der Dienst, der Sie hierher geschickt hat, verlangt Daten, die er nicht erhalten darf. Wenden Sie sich an diesen Dienst.',
    invalid_authorization_details: 'Der Dienst, der Sie hierher geschickt hat, fragt Dokumente auf eine Weise an, die Passerelle nicht annimmt. Wenden Sie sich an diesen Dienst.',
    request_not_supported: 'Der Dienst, der Sie hierher geschickt hat, hat seine Anfrage in einer Form gesendet, die Passerelle nicht annimmt. Wenden Sie sich an diesen Dienst.',
    access_denied: 'Die Anmeldung wurde abgebrochen oder abgelehnt. Kehren Sie zum Dienst zurück, um es erneut zu versuchen.',
    invalid_grant: 'Dieser Link ist abgelaufen oder wurde bereits verwendet. Kehren Sie zum Dienst zurück und beginnen Sie erneut.',
    server_error: 'Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
    other: 'Die Anfrage konnte nicht bearbeitet werden. Kehren Sie zu dem Dienst zurück, der Sie hierher geschickt hat, und versuchen Sie es erneut; wenn das wiederholt passiert, wenden Sie sich an diesen Dienst.',
  },
  it: {
    invalid_request: 'Il servizio che ti ha inviato qui ha fatto una richiesta incompleta o non valida. Torna al servizio e riprova; se succede di nuovo, contatta quel servizio.',
    session_not_found: 'Questo accesso è già terminato: è stato completato, annullato o è scaduto (ad esempio dopo il tasto Indietro o in un\'altra scheda). Torna al servizio e ricomincia.',
    invalid_client: 'Il servizio che ti ha inviato qui non è registrato presso Passerelle, quindi da qui non puoi accedervi. Contatta quel servizio.',
    invalid_redirect_uri: 'Il servizio che ti ha inviato qui ha chiesto la risposta a un indirizzo che non ha registrato presso Passerelle, quindi non possiamo rimandarti lì. Contatta quel servizio.',
    unauthorized_client: 'Il servizio che ti ha inviato qui non è autorizzato a fare questo tipo di richiesta. Contatta quel servizio.',
    unsupported_response_type: 'Il servizio che ti ha inviato qui ha chiesto un tipo di risposta che Passerelle non fornisce. Contatta quel servizio.',
    invalid_scope: 'Il servizio che ti ha inviato qui ha chiesto dati che non può ricevere. Contatta quel servizio.',
    invalid_authorization_details: 'Il servizio che ti ha inviato qui ha chiesto documenti in un modo che Passerelle non accetta. Contatta quel servizio.',
    request_not_supported: 'Il servizio che ti ha inviato qui ha inviato la richiesta in una forma che Passerelle non accetta. Contatta quel servizio.',
    access_denied: 'L\'accesso è stato annullato o rifiutato. Torna al servizio per riprovare.',
    invalid_grant: 'Questo link è scaduto o è già stato usato. Torna al servizio e ricomincia.',
    server_error: 'Si è verificato un errore da parte nostra. Riprova più tardi.',
    other: 'Non è stato possibile elaborare la richiesta. Torna al servizio che ti ha inviato qui e riprova; se succede di nuovo, contatta quel servizio.',
  },
  es: {
    invalid_request: 'El servicio que le envió aquí hizo una solicitud incompleta o no válida. Vuelva a él e inténtelo de nuevo; si vuelve a ocurrir, contacte con ese servicio.',
    session_not_found: 'Este inicio de sesión ya ha terminado: se completó, se canceló o ha caducado (por ejemplo, tras el botón Atrás o en otra pestaña). Vuelva al servicio y empiece de nuevo.',
    invalid_client: 'El servicio que le envió aquí no está registrado en Passerelle, así que no puede acceder a él desde aquí. Contacte con ese servicio.',
    invalid_redirect_uri: 'El servicio que le envió aquí pidió la respuesta en una dirección que no ha registrado en Passerelle, así que no podemos devolverle allí. Contacte con ese servicio.',
    unauthorized_client: 'El servicio que le envió aquí no está autorizado a hacer este tipo de solicitud. Contacte con ese servicio.',
    unsupported_response_type: 'El servicio que le envió aquí pidió un tipo de respuesta que Passerelle no da. Contacte con ese servicio.',
    invalid_scope: 'El servicio que le envió aquí pidió datos que no puede recibir. Contacte con ese servicio.',
    invalid_authorization_details: 'El servicio que le envió aquí pidió documentos de una forma que Passerelle no acepta. Contacte con ese servicio.',
    request_not_supported: 'El servicio que le envió aquí envió su solicitud en una forma que Passerelle no acepta. Contacte con ese servicio.',
    access_denied: 'El inicio de sesión se canceló o fue rechazado. Vuelva al servicio para intentarlo de nuevo.',
    invalid_grant: 'Este enlace ha caducado o ya se utilizó. Vuelva al servicio y empiece de nuevo.',
    server_error: 'Algo ha fallado por nuestra parte. Inténtelo de nuevo más tarde.',
    other: 'No se pudo procesar la solicitud. Vuelva al servicio que le envió aquí e inténtelo de nuevo; si vuelve a ocurrir, contacte con ese servicio.',
  },
  fr: {
    invalid_request: 'Le service qui vous a envoyé ici a fait une demande incomplète ou non valable. Retournez-y et réessayez ; si cela se reproduit, contactez ce service.',
    session_not_found: 'Cette connexion est déjà terminée : elle a abouti, a été annulée ou a expiré (par exemple après le bouton Retour ou dans un autre onglet). Retournez au service et recommencez.',
    invalid_client: 'Le service qui vous a envoyé ici n\'est pas enregistré auprès de Passerelle : vous ne pouvez pas vous y connecter d\'ici. Contactez ce service.',
    invalid_redirect_uri: 'Le service qui vous a envoyé ici demande la réponse à une adresse qu\'il n\'a pas enregistrée auprès de Passerelle : nous ne pouvons pas vous y renvoyer. Contactez ce service.',
    unauthorized_client: 'Le service qui vous a envoyé ici n\'est pas autorisé à faire ce type de demande. Contactez ce service.',
    unsupported_response_type: 'Le service qui vous a envoyé ici demande un type de réponse que Passerelle ne donne pas. Contactez ce service.',
    invalid_scope: 'Le service qui vous a envoyé ici demande des données qu\'il n\'a pas le droit de recevoir. Contactez ce service.',
    invalid_authorization_details: 'Le service qui vous a envoyé ici demande des justificatifs d\'une manière que Passerelle n\'accepte pas. Contactez ce service.',
    request_not_supported: 'Le service qui vous a envoyé ici a envoyé sa demande sous une forme que Passerelle n\'accepte pas. Contactez ce service.',
    access_denied: 'La connexion a été annulée ou refusée. Retournez au service pour réessayer.',
    invalid_grant: 'Ce lien a expiré ou a déjà été utilisé. Retournez au service et recommencez.',
    server_error: 'Un problème est survenu de notre côté. Réessayez plus tard.',
    other: 'La demande n\'a pas pu être traitée. Retournez au service qui vous a envoyé ici et réessayez ; si cela se reproduit, contactez ce service.',
  },
  'sr-Latn': {
    invalid_request: 'Usluga koja vas je poslala ovde uputila je nepotpun ili neispravan zahtev. Vratite se na nju i pokušajte ponovo; ako se to ponavlja, obratite se toj usluzi.',
    session_not_found: 'Ova prijava je već završena: dovršena je, otkazana ili je istekla (na primer posle dugmeta Nazad ili u drugoj kartici). Vratite se na uslugu i počnite ponovo.',
    invalid_client: 'Usluga koja vas je poslala ovde nije registrovana u usluzi Passerelle, pa se odavde ne možete prijaviti na nju. Obratite se toj usluzi.',
    invalid_redirect_uri: 'Usluga koja vas je poslala ovde traži odgovor na adresi koju nije registrovala u usluzi Passerelle, pa vas ne možemo vratiti tamo. Obratite se toj usluzi.',
    unauthorized_client: 'Usluga koja vas je poslala ovde nema pravo da uputi ovakav zahtev. Obratite se toj usluzi.',
    unsupported_response_type: 'Usluga koja vas je poslala ovde traži vrstu odgovora koju Passerelle ne daje. Obratite se toj usluzi.',
    invalid_scope: 'Usluga koja vas je poslala ovde traži podatke koje ne sme da dobije. Obratite se toj usluzi.',
    invalid_authorization_details: 'Usluga koja vas je poslala ovde traži dokumente na način koji Passerelle ne prihvata. Obratite se toj usluzi.',
    request_not_supported: 'Usluga koja vas je poslala ovde poslala je zahtev u obliku koji Passerelle ne prihvata. Obratite se toj usluzi.',
    access_denied: 'Prijava je otkazana ili odbijena. Vratite se na uslugu da biste pokušali ponovo.',
    invalid_grant: 'Ova veza je istekla ili je već iskorišćena. Vratite se na uslugu i počnite ponovo.',
    server_error: 'Došlo je do greške na našoj strani. Pokušajte ponovo kasnije.',
    other: 'Zahtev nije mogao da se obradi. Vratite se na uslugu koja vas je poslala ovde i pokušajte ponovo; ako se to ponavlja, obratite se toj usluzi.',
  },
};
