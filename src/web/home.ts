import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import type { Feature } from './app.js';
import { html } from './html.js';
import { pageLanguage, translator, type MessageTable } from './i18n.js';
import { page } from './layout.js';

type Key = 'title' | 'intro' | 'citizens' | 'citizensText' | 'dashboard' | 'officials' | 'officialsText' | 'verify'
  | 'portals' | 'portalsText' | 'discovery' | 'idps' | 'idpsText' | 'metadata';

export const homeMessages: MessageTable<Key> = {
  en: {
    title: 'Passerelle: cross-border eID and evidence',
    intro: 'Passerelle lets you log in to public services with the electronic identity of your home country, and reuse official documents from it with your explicit consent.',
    citizens: 'Citizens', citizensText: 'See the documents you shared, with whom and for what, withdraw consent, and read the log of every access.', dashboard: 'Open my data',
    officials: 'Officials', officialsText: 'Check that a document shared with your service is genuine, unaltered and still covered by consent.', verify: 'Verify evidence',
    portals: 'Public portals', portalsText: 'Connect with OpenID Connect.', discovery: 'OpenID Provider configuration',
    idps: 'National identity providers', idpsText: 'Connect with the eIDAS SAML profile.', metadata: 'Our SAML metadata',
  },
  de: {
    title: 'Passerelle: grenzüberschreitende eID und Nachweise',
    intro: 'Mit Passerelle melden Sie sich bei Behördendiensten mit der elektronischen Identität Ihres Heimatlandes an und verwenden amtliche Dokumente von dort mit Ihrer ausdrücklichen Zustimmung weiter.',
    citizens: 'Bürgerinnen und Bürger', citizensText: 'Sehen Sie, welche Dokumente Sie mit wem und wofür geteilt haben, widerrufen Sie Einwilligungen und lesen Sie das Protokoll jedes Zugriffs.', dashboard: 'Meine Daten öffnen',
    officials: 'Sachbearbeitung', officialsText: 'Prüfen Sie, ob ein geteiltes Dokument echt, unverändert und noch von der Einwilligung gedeckt ist.', verify: 'Nachweis prüfen',
    portals: 'Behördenportale', portalsText: 'Anbindung über OpenID Connect.', discovery: 'OpenID-Provider-Konfiguration',
    idps: 'Nationale Identitätsanbieter', idpsText: 'Anbindung über das eIDAS-SAML-Profil.', metadata: 'Unsere SAML-Metadaten',
  },
  it: {
    title: 'Passerelle: eID e documenti oltre i confini',
    intro: 'Con Passerelle accedi ai servizi pubblici con l\'identità elettronica del tuo paese e riutilizzi i suoi documenti ufficiali con il tuo consenso esplicito.',
    citizens: 'Cittadini', citizensText: 'Vedi quali documenti hai condiviso, con chi e perché, revoca il consenso e leggi il registro di ogni accesso.', dashboard: 'Apri i miei dati',
    officials: 'Funzionari', officialsText: 'Verifica che un documento condiviso sia autentico, integro e ancora coperto dal consenso.', verify: 'Verifica un documento',
    portals: 'Portali pubblici', portalsText: 'Collegamento con OpenID Connect.', discovery: 'Configurazione OpenID Provider',
    idps: 'Fornitori di identità nazionali', idpsText: 'Collegamento con il profilo SAML eIDAS.', metadata: 'I nostri metadati SAML',
  },
  es: {
    title: 'Passerelle: eID y documentos a través de las fronteras',
    intro: 'Con Passerelle accede a servicios públicos con la identidad electrónica de su país y reutiliza sus documentos oficiales con su consentimiento expreso.',
    citizens: 'Ciudadanía', citizensText: 'Vea qué documentos ha compartido, con quién y para qué, retire su consentimiento y lea el registro de cada acceso.', dashboard: 'Abrir mis datos',
    officials: 'Personal de la administración', officialsText: 'Compruebe que un documento compartido es auténtico, no ha sido alterado y sigue cubierto por el consentimiento.', verify: 'Verificar un documento',
    portals: 'Portales públicos', portalsText: 'Conexión mediante OpenID Connect.', discovery: 'Configuración del proveedor OpenID',
    idps: 'Proveedores de identidad nacionales', idpsText: 'Conexión mediante el perfil SAML de eIDAS.', metadata: 'Nuestros metadatos SAML',
  },
  fr: {
    title: 'Passerelle : eID et justificatifs au-delà des frontières',
    intro: 'Passerelle vous permet de vous connecter aux services publics avec l\'identité électronique de votre pays et d\'en réutiliser les documents officiels avec votre consentement explicite.',
    citizens: 'Citoyens', citizensText: 'Voyez quels documents vous avez partagés, avec qui et pourquoi, retirez votre consentement et consultez le journal de chaque accès.', dashboard: 'Ouvrir mes données',
    officials: 'Agents', officialsText: 'Vérifiez qu\'un document partagé est authentique, intact et toujours couvert par le consentement.', verify: 'Vérifier un justificatif',
    portals: 'Portails publics', portalsText: 'Connexion par OpenID Connect.', discovery: 'Configuration du fournisseur OpenID',
    idps: 'Fournisseurs d\'identité nationaux', idpsText: 'Connexion par le profil SAML eIDAS.', metadata: 'Nos métadonnées SAML',
  },
  'sr-Latn': {
    title: 'Passerelle: eID i dokumenti preko granica',
    intro: 'Passerelle vam omogućava da se prijavite na javne usluge elektronskim identitetom svoje zemlje i da uz svoju izričitu saglasnost ponovo koristite njene zvanične dokumente.',
    citizens: 'Građani', citizensText: 'Pogledajte koje ste dokumente podelili, sa kim i zašto, povucite saglasnost i pročitajte dnevnik svakog pristupa.', dashboard: 'Otvori moje podatke',
    officials: 'Službenici', officialsText: 'Proverite da li je podeljeni dokument autentičan, neizmenjen i još pokriven saglasnošću.', verify: 'Proveri dokument',
    portals: 'Javni portali', portalsText: 'Povezivanje putem OpenID Connect.', discovery: 'Konfiguracija OpenID dobavljača',
    idps: 'Nacionalni dobavljači identiteta', idpsText: 'Povezivanje putem eIDAS SAML profila.', metadata: 'Naši SAML metapodaci',
  },
};

/** Passerelle's front page: where citizens, officials, portals and IdPs each go next. */
export const homeFeature: Feature = (app, _ctx: AppContext) => {
  app.get('/', (req: Request, res: Response) => {
    const lang = pageLanguage(req, res);
    const t = translator(homeMessages, lang);
    res.type('html').send(page({
      title: t('title'), lang, path: '/',
      body: html`<h1>${t('title')}</h1>
<p>${t('intro')}</p>
<section aria-labelledby="citizens"><h2 id="citizens">${t('citizens')}</h2><p>${t('citizensText')}</p><p><a class="button" href="/me">${t('dashboard')}</a></p></section>
<section aria-labelledby="officials"><h2 id="officials">${t('officials')}</h2><p>${t('officialsText')}</p><p><a class="button" href="/verify">${t('verify')}</a></p></section>
<section aria-labelledby="portals"><h2 id="portals">${t('portals')}</h2><p>${t('portalsText')} <a href="/oidc/.well-known/openid-configuration">${t('discovery')}</a></p></section>
<section aria-labelledby="idps"><h2 id="idps">${t('idps')}</h2><p>${t('idpsText')} <a href="/saml/metadata">${t('metadata')}</a></p></section>`,
    }));
  });
};
