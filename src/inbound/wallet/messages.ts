import type { MessageTable } from '../../web/i18n.js';

export type WalletMessage =
  | 'title' | 'intro' | 'sameDevice' | 'crossDevice' | 'qrLabel' | 'waiting'
  | 'continue' | 'notYet' | 'otherWay' | 'doneElsewhereTitle' | 'doneElsewhereBody';

/** Every string of the wallet login pages. */
export const walletMessages: MessageTable<WalletMessage> = {
  en: {
    title: 'Log in with your EU Digital Identity Wallet',
    intro: '{portal} asks you to log in. Your wallet will show {portal} and the data it asks for; nothing is shared before you confirm in the wallet.',
    sameDevice: 'Open the wallet on this device',
    crossDevice: 'Or scan this code with the wallet on your phone:',
    qrLabel: 'QR code to open the login in your wallet',
    waiting: 'Waiting for your wallet…',
    continue: 'Continue',
    notYet: 'Your wallet has not answered yet. Confirm the login in your wallet, then continue.',
    otherWay: 'Log in another way',
    doneElsewhereTitle: 'Your wallet has answered',
    doneElsewhereBody: 'Return to the device where you started the login and continue there. You may close this page.',
  },
  de: {
    title: 'Mit Ihrer EU-Brieftasche für die Digitale Identität anmelden',
    intro: '{portal} bittet Sie, sich anzumelden. Ihre Brieftasche zeigt {portal} und die erbetenen Daten; nichts wird geteilt, bevor Sie in der Brieftasche bestätigen.',
    sameDevice: 'Brieftasche auf diesem Gerät öffnen',
    crossDevice: 'Oder scannen Sie diesen Code mit der Brieftasche auf Ihrem Telefon:',
    qrLabel: 'QR-Code, der die Anmeldung in Ihrer Brieftasche öffnet',
    waiting: 'Warten auf Ihre Brieftasche …',
    continue: 'Weiter',
    notYet: 'Ihre Brieftasche hat noch nicht geantwortet. Bestätigen Sie die Anmeldung in der Brieftasche und fahren Sie dann fort.',
    otherWay: 'Auf andere Weise anmelden',
    doneElsewhereTitle: 'Ihre Brieftasche hat geantwortet',
    doneElsewhereBody: 'Kehren Sie zu dem Gerät zurück, auf dem Sie die Anmeldung begonnen haben, und fahren Sie dort fort. Sie können diese Seite schließen.',
  },
  it: {
    title: 'Accedi con il tuo portafoglio europeo di identità digitale',
    intro: '{portal} ti chiede di accedere. Il portafoglio mostrerà {portal} e i dati richiesti; nulla viene condiviso prima della tua conferma nel portafoglio.',
    sameDevice: 'Apri il portafoglio su questo dispositivo',
    crossDevice: 'Oppure inquadra questo codice con il portafoglio sul tuo telefono:',
    qrLabel: 'Codice QR che apre l\'accesso nel tuo portafoglio',
    waiting: 'In attesa del tuo portafoglio…',
    continue: 'Continua',
    notYet: 'Il portafoglio non ha ancora risposto. Conferma l\'accesso nel portafoglio, poi continua.',
    otherWay: 'Accedi in un altro modo',
    doneElsewhereTitle: 'Il tuo portafoglio ha risposto',
    doneElsewhereBody: 'Torna al dispositivo su cui hai iniziato l\'accesso e continua lì. Puoi chiudere questa pagina.',
  },
  es: {
    title: 'Inicie sesión con su Cartera Europea de Identidad Digital',
    intro: '{portal} le pide que inicie sesión. Su cartera mostrará {portal} y los datos que solicita; no se comparte nada antes de que confirme en la cartera.',
    sameDevice: 'Abrir la cartera en este dispositivo',
    crossDevice: 'O escanee este código con la cartera de su teléfono:',
    qrLabel: 'Código QR que abre el inicio de sesión en su cartera',
    waiting: 'Esperando a su cartera…',
    continue: 'Continuar',
    notYet: 'Su cartera aún no ha respondido. Confirme el inicio de sesión en la cartera y después continúe.',
    otherWay: 'Iniciar sesión de otra forma',
    doneElsewhereTitle: 'Su cartera ha respondido',
    doneElsewhereBody: 'Vuelva al dispositivo en el que empezó el inicio de sesión y continúe allí. Puede cerrar esta página.',
  },
  fr: {
    title: 'Connectez-vous avec votre portefeuille européen d\'identité numérique',
    intro: '{portal} vous demande de vous connecter. Votre portefeuille affichera {portal} et les données demandées ; rien n\'est partagé avant votre confirmation dans le portefeuille.',
    sameDevice: 'Ouvrir le portefeuille sur cet appareil',
    crossDevice: 'Ou scannez ce code avec le portefeuille de votre téléphone :',
    qrLabel: 'Code QR qui ouvre la connexion dans votre portefeuille',
    waiting: 'En attente de votre portefeuille…',
    continue: 'Continuer',
    notYet: 'Votre portefeuille n\'a pas encore répondu. Confirmez la connexion dans le portefeuille, puis continuez.',
    otherWay: 'Se connecter autrement',
    doneElsewhereTitle: 'Votre portefeuille a répondu',
    doneElsewhereBody: 'Revenez à l\'appareil sur lequel vous avez commencé la connexion et continuez-y. Vous pouvez fermer cette page.',
  },
};
