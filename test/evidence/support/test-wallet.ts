import { createHash, randomBytes } from 'node:crypto';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { CoseKey, DeviceRequest, DeviceResponse, DocRequest, IssuerSigned, ItemsRequest, SessionTranscript } from '@owf/mdoc';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { mdocContext } from '../../../src/mdoc/node-context.js';
import type { TestBrowser } from './browser.js';

export interface HolderKey { privateJwk: JWK; publicJwk: JWK }

export interface ParsedOffer {
  credential_issuer: string;
  credential_configuration_ids: string[];
  grants: {
    authorization_code?: { issuer_state: string };
    'urn:ietf:params:oauth:grant-type:pre-authorized_code'?: { 'pre-authorized_code': string; tx_code?: { length: number; input_mode: string } };
  };
}

export interface IssuerMetadata {
  credential_issuer: string;
  nonce_endpoint: string;
  batch_credential_issuance: { batch_size: number };
  credential_configurations_supported: Record<string, { vct?: string; doctype?: string; proof_types_supported: Record<string, unknown> }>;
}

export async function holderKey(): Promise<HolderKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

/**
 * The wallet side of OpenID4VCI 1.0 for tests: reads an offer link, the issuer's metadata,
 * gets a token through either grant, a c_nonce, makes `jwt` key proofs and asks for a batch;
 * then presents what it holds (SD-JWT VC with a KB-JWT, mdoc DeviceResponse).
 */
export class TestWallet {
  /** `issuer` is where the wallet reaches the issuer; `issuerId` the identifier it names (tests run on another port than publicUrl). */
  constructor(readonly issuer: string, readonly now: () => number, readonly issuerId: string, readonly clientId = 'test-wallet') {}

  static parseOffer(link: string): ParsedOffer {
    const url = new URL(link.replace(/&amp;/g, '&'));
    if (url.protocol !== 'openid-credential-offer:') throw new Error(`not an offer link: ${url.protocol}`);
    return JSON.parse(url.searchParams.get('credential_offer')!) as ParsedOffer;
  }

  async metadata(): Promise<IssuerMetadata> {
    return await (await fetch(`${this.issuer}/.well-known/openid-credential-issuer`)).json() as IssuerMetadata;
  }

  async preAuthorizedToken(offer: ParsedOffer, txCode: string | undefined): Promise<Response> {
    const grant = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!;
    return fetch(`${this.issuer}/oid4vci/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': grant['pre-authorized_code'], ...(txCode !== undefined ? { tx_code: txCode } : {}) }),
    });
  }

  /** The authorization code flow in the citizen's browser, then the token request with PKCE. */
  async authorizationCode(offer: ParsedOffer, browser: TestBrowser, options: { verifier?: string; sendVerifier?: string } = {}): Promise<{ authorize: Response; token?: Response }> {
    const verifier = options.verifier ?? randomBytes(32).toString('base64url');
    const redirectUri = 'https://wallet.example/callback';
    const query = new URLSearchParams({
      response_type: 'code', client_id: this.clientId, redirect_uri: redirectUri, state: 'st-1',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
      issuer_state: offer.grants.authorization_code!.issuer_state,
    });
    const authorize = await browser.get(`/oid4vci/authorize?${query.toString()}`);
    const location = authorize.headers.get('location') ?? '';
    if (authorize.status !== 303 || !location.startsWith(redirectUri)) return { authorize };
    const code = new URL(location).searchParams.get('code')!;
    const token = await fetch(`${this.issuer}/oid4vci/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: this.clientId, code_verifier: options.sendVerifier ?? verifier }),
    });
    return { authorize, token };
  }

  async nonce(): Promise<string> {
    const response = await fetch(`${this.issuer}/oid4vci/nonce`, { method: 'POST' });
    return ((await response.json()) as { c_nonce: string }).c_nonce;
  }

  async proof(key: HolderKey, nonce: string, options: { aud?: string; iat?: number; typ?: string; kid?: string } = {}): Promise<string> {
    const header = { alg: 'ES256', typ: options.typ ?? 'openid4vci-proof+jwt', jwk: key.publicJwk, ...(options.kid ? { kid: options.kid } : {}) };
    return new SignJWT({ aud: options.aud ?? this.issuerId, nonce, iat: options.iat ?? Math.floor(this.now() / 1000) })
      .setProtectedHeader(header).sign(await importPrivate(key));
  }

  async credential(token: string, configurationId: string, proofs: string[]): Promise<Response> {
    return fetch(`${this.issuer}/oid4vci/credential`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ credential_configuration_id: configurationId, proofs: { jwt: proofs } }),
    });
  }

  /** SD-JWT VC presentation disclosing `claims`, key-bound to `aud` and `nonce`. */
  static async presentSdJwt(credential: string, key: HolderKey, claims: string[], kb: { aud: string; nonce: string; iat: number }): Promise<string> {
    const instance = new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256', kbSigner: await ES256.getSigner(key.privateJwk), kbSignAlg: 'ES256' });
    const frame = Object.fromEntries(claims.map((c) => [c, true]));
    return instance.present(credential, frame, { kb: { payload: kb } });
  }

  /** mdoc DeviceResponse (base64url) disclosing `claims`, device-signed over the OpenID4VP handover. */
  static async presentMdoc(credential: string, key: HolderKey, claims: string[], handover: { clientId: string; nonce: string; responseUri: string }): Promise<string> {
    const issuerSigned = IssuerSigned.fromEncodedForOid4Vci(credential);
    const docType = issuerSigned.issuerAuth.mobileSecurityObject.docType;
    const transcript = await SessionTranscript.forOid4Vp({ ...handover, jwkThumbprint: undefined }, mdocContext);
    const deviceRequest = DeviceRequest.create({ docRequests: [DocRequest.create({ itemsRequest: ItemsRequest.create({ docType, namespaces: { [docType]: Object.fromEntries(claims.map((c) => [c, false])) } }) })] });
    const response = await DeviceResponse.createWithDeviceRequest({
      deviceRequest, sessionTranscript: transcript, issuerSigned: [issuerSigned], signature: { signingKey: CoseKey.fromJwk(key.privateJwk as Record<string, unknown>) },
    }, mdocContext);
    return response.encodedForOid4Vp;
  }
}

async function importPrivate(key: HolderKey) {
  const { importJWK } = await import('jose');
  return importJWK(key.privateJwk, 'ES256');
}
