import { encryptAssertionProtocol14 } from './assertion-encryption.js';
import { saml } from './samlify.js';
import type { DemoIdpCountry } from './countries.js';
import { DemoIdpError } from './errors.js';
import type { DemoIdpKey } from './keys.js';
import type { SpDescription } from './sp-description.js';
import { pem, signEnveloped, type XmlSigningKey } from './xml-signature.js';

export const dataEncryptionAlgorithm = 'http://www.w3.org/2009/xmlenc11#aes256-gcm';
export const keyTransportAlgorithm = 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p';

const responseXpath = "/*[local-name(.)='Response']";
const assertionXpath = `${responseXpath}/*[local-name(.)='Assertion']`;

type SamlifyIdp = ReturnType<typeof saml.IdentityProvider>;

/**
 * samlify plays the IdP for what it does well: it holds this IdP's settings (read back from
 * our own metadata) and encrypts assertions. Signing stays with our xml-crypto classes,
 * because samlify's signer knows neither ECDSA nor registrable algorithms.
 */
export function samlifyIdentityProvider(metadataXml: string): SamlifyIdp {
  // samlify's typings omit the two algorithm settings its encryptAssertion reads.
  const settings = { metadata: metadataXml, isAssertionEncrypted: true, dataEncryptionAlgorithm, keyEncryptionAlgorithm: keyTransportAlgorithm };
  return saml.IdentityProvider(settings);
}

function samlifyServiceProvider(sp: SpDescription, acsUrl: string) {
  if (!sp.encryptionCertificate) throw new DemoIdpError('encryption_impossible', `no RSA encryption certificate for ${sp.entityId}`);
  return saml.ServiceProvider({
    entityID: sp.entityId,
    encryptCert: pem(sp.encryptionCertificate),
    assertionConsumerService: [{ Binding: saml.Constants.namespace.binding.post, Location: acsUrl }],
  });
}

export function signingKeyOf(country: DemoIdpCountry, keys: readonly DemoIdpKey[]): XmlSigningKey {
  const key = keys[0]!;
  return { algorithm: country.signatureAlgorithm, privateKey: key.privateKey, certificateBase64: key.certificateBase64 };
}

/**
 * Signs the assertion (if any), encrypts it to the SP, then signs the whole Response, the
 * order eIDAS nodes use. Returns the base64 value of the SAMLResponse form field. An IdP that
 * declares eIDAS protocol 1.4 encrypts with xmlenc11#rsa-oaep; the others with samlify's rsa-oaep-mgf1p.
 */
export async function sealResponse(xml: string, key: XmlSigningKey, idp: SamlifyIdp, sp: SpDescription, acsUrl: string, protocol14: boolean): Promise<string> {
  let message = xml;
  if (message.includes('<saml2:Assertion ')) {
    const spEntity = samlifyServiceProvider(sp, acsUrl);
    message = signEnveloped(message, key, assertionXpath, { reference: `${assertionXpath}/*[local-name(.)='Issuer']`, action: 'after' });
    message = protocol14
      ? encryptAssertionProtocol14(message, sp.encryptionCertificate!)
      : Buffer.from(await saml.SamlLib.encryptAssertion(idp, spEntity, message), 'base64').toString('utf8');
  }
  message = signEnveloped(message, key, responseXpath, { reference: `${responseXpath}/*[local-name(.)='Issuer']`, action: 'after' });
  return Buffer.from(message, 'utf8').toString('base64');
}
