import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { CoseKey, DeviceRequest, DeviceResponse, DocRequest, ItemsRequest, SessionTranscript } from '@owf/mdoc';
import { calculateJwkThumbprint, CompactEncrypt, compactVerify, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { mdocContext } from '../../mdoc/node-context.js';
import { withIssuedItemBytes, type HeldMdoc } from './mdoc-issuer.js';

/** What a wallet reads from a verifier's signed request object. */
export interface WalletRequest {
  clientId: string;
  responseUri: string;
  responseMode: string;
  nonce: string;
  state: string;
  dcqlQuery: { credentials: Array<{ id: string; format: string; claims: Array<{ id: string; path: string[] }>; claim_sets?: string[][] }> };
  encryptionJwk: JWK;
  verifierInfo: Array<{ format: string; data: string }>;
  walletNonce?: string;
  /** Over the Digital Credentials API: the origin of the page that called it, as the browser reports it. */
  origin?: string;
  /** Every claim of the request object, for tests that show it. */
  claims: Record<string, unknown>;
  header: Record<string, unknown>;
}

export interface PresentOptions {
  /** Key-binding / SessionTranscript facts to use instead of the request's (tests of refusals). */
  nonce?: string;
  audience?: string;
  /** Claim ids to disclose instead of the first claim set the wallet can satisfy. */
  claimIds?: string[];
  /** DC API: bind the proof to this origin instead of the request's (tests of refusals). */
  origin?: string;
}

/**
 * A holder: its device key and its PIDs (SD-JWT VC and mdoc). It fetches a request object by
 * reference (POST with wallet_nonce), checks it is signed by the leaf its `x509_hash` client id
 * names, builds the DCQL answer and sends it encrypted with `direct_post.jwt`.
 */
export class WalletHolder {
  sdJwt?: string;
  mdoc?: HeldMdoc;

  private constructor(readonly privateJwk: JWK, readonly publicJwk: JWK) {}

  static async create(): Promise<WalletHolder> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    return new WalletHolder(await exportJWK(privateKey), await exportJWK(publicKey));
  }

  /** Fetches and checks the request object an invocation URL points at. */
  static async fetchRequest(invocation: string, fetchImpl: typeof fetch = fetch): Promise<WalletRequest> {
    const url = new URL(invocation);
    const clientId = url.searchParams.get('client_id') ?? '';
    const requestUri = url.searchParams.get('request_uri') ?? '';
    const walletNonce = randomBytes(16).toString('base64url');
    const usePost = url.searchParams.get('request_uri_method') === 'post';
    const response = await fetchImpl(requestUri, usePost
      ? { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/oauth-authz-req+jwt' }, body: new URLSearchParams({ wallet_nonce: walletNonce }).toString() }
      : { headers: { accept: 'application/oauth-authz-req+jwt' } });
    if (!response.ok) throw new Error(`request object fetch failed: HTTP ${response.status}`);
    const request = await WalletHolder.verifyRequestObject(await response.text());
    if (clientId !== request.clientId) throw new Error('client_id does not match the signing certificate');
    if (usePost && request.claims.wallet_nonce !== walletNonce) throw new Error('wallet_nonce not echoed');
    return { ...request, ...(usePost ? { walletNonce } : {}) };
  }

  /**
   * A request as the browser's Digital Credentials API hands it to a wallet (OpenID4VP 1.0
   * Appendix A): the signed request, and the origin of the page that asked, which must be among
   * its `expected_origins`.
   */
  static async readDcApiRequest(entry: { protocol?: unknown; data?: unknown }, origin: string): Promise<WalletRequest> {
    const jwt = (entry.data as { request?: unknown } | undefined)?.request;
    if (entry.protocol !== 'openid4vp-v1-signed' || typeof jwt !== 'string') throw new Error('not a signed OpenID4VP DC API request');
    const request = await WalletHolder.verifyRequestObject(jwt);
    const expected = request.claims.expected_origins;
    if (!Array.isArray(expected) || !expected.includes(origin)) throw new Error('the calling origin is not among expected_origins');
    if (request.responseMode !== 'dc_api.jwt') throw new Error('not a dc_api.jwt request');
    return { ...request, origin };
  }

  /** Checks a request object is signed by the leaf its `x509_hash` client id names, and reads it. */
  private static async verifyRequestObject(jwt: string): Promise<WalletRequest> {
    const header = decodeProtectedHeader(jwt) as Record<string, unknown>;
    const x5c = header.x5c as string[] | undefined;
    if (header.typ !== 'oauth-authz-req+jwt' || !x5c?.[0]) throw new Error('not a signed request object with x5c');
    const leaf = new X509Certificate(Buffer.from(x5c[0], 'base64'));
    await compactVerify(jwt, leaf.publicKey);
    const claims = decodeJwt(jwt) as Record<string, unknown>;
    const expected = 'x509_hash:' + createHash('sha256').update(leaf.raw).digest('base64url');
    if (claims.client_id !== expected) throw new Error('client_id does not match the signing certificate');
    const keys = ((claims.client_metadata as { jwks?: { keys?: JWK[] } } | undefined)?.jwks?.keys) ?? [];
    return {
      clientId: expected, responseUri: String(claims.response_uri ?? ''), responseMode: String(claims.response_mode),
      nonce: String(claims.nonce), state: String(claims.state ?? ''), dcqlQuery: claims.dcql_query as WalletRequest['dcqlQuery'],
      encryptionJwk: keys[0]!, verifierInfo: claims.verifier_info as WalletRequest['verifierInfo'], claims, header,
    };
  }

  /** The claim ids of the first claim set this wallet's PID can satisfy. */
  private static claimIds(request: WalletRequest, queryId: string, available: Set<string>): string[] {
    const query = request.dcqlQuery.credentials.find((c) => c.id === queryId)!;
    const sets = query.claim_sets ?? [query.claims.map((c) => c.id)];
    return sets.find((set) => set.every((id) => available.has(id))) ?? [];
  }

  /** The SD-JWT VC presentation with a key-binding JWT over this request's nonce and client id. */
  async presentSdJwt(request: WalletRequest, options: PresentOptions = {}): Promise<string> {
    const instance = new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256', kbSigner: await ES256.getSigner(this.privateJwk), kbSignAlg: 'ES256' });
    const query = request.dcqlQuery.credentials.find((c) => c.id === 'pid_sd_jwt')!;
    const claims = await (await instance.decode(this.sdJwt!)).getClaims<Record<string, unknown>>(digest);
    const available = new Set(query.claims.filter((c) => claims[c.path[0]!] !== undefined).map((c) => c.id));
    const ids = options.claimIds ?? WalletHolder.claimIds(request, 'pid_sd_jwt', available);
    const frame = Object.fromEntries(query.claims.filter((c) => ids.includes(c.id)).map((c) => [c.path[0]!, true]));
    return instance.present(this.sdJwt!, frame, {
      kb: { payload: { iat: Math.floor(Date.now() / 1000), aud: options.audience ?? WalletHolder.audience(request, options), nonce: options.nonce ?? request.nonce } },
    });
  }

  /** The key-binding audience: the client id, or over the DC API `origin:` and the calling origin (A.4). */
  private static audience(request: WalletRequest, options: PresentOptions): string {
    const origin = options.origin ?? request.origin;
    return origin !== undefined ? `origin:${origin}` : request.clientId;
  }

  /** The mdoc DeviceResponse (base64url), device-signed over the OpenID4VP (or DC API) SessionTranscript. */
  async presentMdoc(request: WalletRequest, options: PresentOptions & { responseUri?: string } = {}): Promise<string> {
    const query = request.dcqlQuery.credentials.find((c) => c.id === 'pid_mdoc')!;
    const namespace = query.claims[0]!.path[0]!;
    const held = new Set((this.mdoc!.issuerSigned.getIssuerNamespace(namespace) ?? []).map((item) => item.elementIdentifier));
    const available = new Set(query.claims.filter((c) => held.has(c.path[1]!)).map((c) => c.id));
    const ids = options.claimIds ?? WalletHolder.claimIds(request, 'pid_mdoc', available);
    const elements = Object.fromEntries(query.claims.filter((c) => ids.includes(c.id)).map((c) => [c.path[1]!, false]));
    const jwkThumbprint = Buffer.from(await calculateJwkThumbprint(request.encryptionJwk, 'sha256'), 'base64url');
    const origin = options.origin ?? request.origin;
    const transcript = origin !== undefined
      ? await SessionTranscript.forOid4VpDcApi({ origin, nonce: options.nonce ?? request.nonce, jwkThumbprint }, mdocContext)
      : await SessionTranscript.forOid4Vp({
        clientId: options.audience ?? request.clientId, nonce: options.nonce ?? request.nonce, responseUri: options.responseUri ?? request.responseUri, jwkThumbprint,
      }, mdocContext);
    const deviceRequest = DeviceRequest.create({ docRequests: [DocRequest.create({ itemsRequest: ItemsRequest.create({ docType: 'eu.europa.ec.eudi.pid.1', namespaces: { [namespace]: elements } }) })] });
    const response = await DeviceResponse.createWithDeviceRequest({
      deviceRequest, sessionTranscript: transcript, issuerSigned: [this.mdoc!.issuerSigned],
      signature: { signingKey: CoseKey.fromJwk(this.privateJwk as Record<string, unknown>) },
    }, mdocContext);
    return Buffer.from(withIssuedItemBytes(response.encode(), this.mdoc!)).toString('base64url');
  }

  /** Encrypts an answer to the request's ephemeral key (ECDH-ES, A128GCM by default) and posts it. */
  static async sendAnswer(request: WalletRequest, answer: Record<string, unknown>, options: { enc?: 'A128GCM' | 'A256GCM'; fetchImpl?: typeof fetch } = {}): Promise<Response> {
    const jwe = await WalletHolder.encryptAnswer(request, answer, options.enc);
    return (options.fetchImpl ?? fetch)(request.responseUri, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ response: jwe }).toString(),
    });
  }

  /** What `navigator.credentials.get` resolves with for a `dc_api.jwt` request: the protocol and the encrypted answer. */
  static async dcApiCredential(request: WalletRequest, answer: Record<string, unknown>, enc: 'A128GCM' | 'A256GCM' = 'A128GCM'): Promise<{ protocol: string; data: { response: string } }> {
    return { protocol: 'openid4vp-v1-signed', data: { response: await WalletHolder.encryptAnswer(request, answer, enc) } };
  }

  static async encryptAnswer(request: WalletRequest, answer: Record<string, unknown>, enc: 'A128GCM' | 'A256GCM' = 'A128GCM'): Promise<string> {
    const key = await importJWK({ ...request.encryptionJwk, alg: 'ECDH-ES' }, 'ECDH-ES');
    return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(answer)))
      .setProtectedHeader({ alg: 'ECDH-ES', enc, kid: request.encryptionJwk.kid! })
      .encrypt(key);
  }
}
