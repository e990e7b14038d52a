import { randomBytes } from 'node:crypto';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';
import { StatusList } from '@sd-jwt/jwt-status-list';
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import { DateOnly } from '@owf/mdoc';
import { exportJWK, SignJWT, type JWK } from 'jose';
import { pidAdministrativeNumber, type DemoCitizen } from '../citizens.js';
import { demoLeaf, demoRootCa, type DemoCertificate } from './certificates.js';
import { issueMdoc, type HeldMdoc, type MdocIssuance } from './mdoc-issuer.js';

export const pidVct = 'urn:eudi:pid:1';
export const pidDocType = 'eu.europa.ec.eudi.pid.1';

export interface PidOptions {
  /** Entry in the provider's status list (0 valid, 1 revoked). Without it the PID carries no status. */
  statusIndex?: number;
  /** NumericDate seconds; defaults to a year from now. */
  expiresAt?: number;
  issuedAt?: number;
  /** Leave out the holder binding (`cnf`), as an unbound PID would. */
  unbound?: boolean;
}

/**
 * A demo PID provider of one country: its own root CA (the trust anchor a trusted list names)
 * and a signing certificate, issuing PIDs as SD-JWT VC (vct urn:eudi:pid:1, x5c in the header)
 * and as mdoc (eu.europa.ec.eudi.pid.1), and publishing a Token Status List.
 */
export class DemoPidProvider {
  readonly statuses: StatusList;

  private constructor(readonly country: string, readonly name: string, readonly root: DemoCertificate, readonly signer: DemoCertificate, readonly statusListUri: string) {
    this.statuses = new StatusList(new Array<number>(1024).fill(0), 1);
  }

  static async create(country: string, name: string, statusListUri: string): Promise<DemoPidProvider> {
    const root = await demoRootCa(`CN=${name} Root CA, O=${name}, C=${country}`);
    const signer = await demoLeaf(root, `CN=${name} PID signer, O=${name}, C=${country}`);
    return new DemoPidProvider(country, name, root, signer, statusListUri);
  }

  /** The provider as a trusted list names it. */
  trustedListEntry(loa: 'low' | 'substantial' | 'high' = 'high') {
    return { name: this.name, country: this.country, service: 'pid-provider' as const, loa, certificates: [this.root.pem] };
  }

  revoke(index: number): void {
    this.statuses.setStatus(index, 1);
  }

  /** The status list token (typ statuslist+jwt, signed with the PID signing key, x5c chain). */
  async statusListToken(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sub: this.statusListUri, iat: now, exp: now + 3600, ttl: 300, status_list: { bits: 1, lst: this.statuses.compressStatusList() } })
      .setProtectedHeader({ alg: 'ES256', typ: 'statuslist+jwt', x5c: [this.signer.der] })
      .sign(this.signer.privateKey);
  }

  async issueSdJwt(citizen: DemoCitizen, holderJwk: JWK, options: PidOptions = {}): Promise<string> {
    const privateJwk = await exportJWK(this.signer.privateKey);
    const instance = new SDJwtVcInstance({
      signer: await ES256.getSigner(privateJwk), signAlg: 'ES256', hasher: digest, hashAlg: 'sha-256',
      saltGenerator: () => randomBytes(16).toString('base64url'),
    });
    const now = Math.floor(Date.now() / 1000);
    const claims = sdJwtClaims(citizen, this.country, this.name);
    const payload: SdJwtVcPayload = {
      iss: `https://pid.demo/${this.country.toLowerCase()}`, iat: options.issuedAt ?? now, exp: options.expiresAt ?? now + 365 * 86_400,
      vct: pidVct, ...claims,
      ...(options.unbound ? {} : { cnf: { jwk: holderJwk } }),
      ...(options.statusIndex !== undefined ? { status: { status_list: { idx: options.statusIndex, uri: this.statusListUri } } } : {}),
    };
    const frame = { _sd: Object.keys(claims) } as unknown as Parameters<SDJwtVcInstance['issue']>[1];
    return instance.issue(payload, frame, { header: { typ: 'dc+sd-jwt', x5c: [this.signer.der] } });
  }

  /** The PID as mdoc; with `statusIndex`, the MSO names this provider's status list entry. */
  async issueMdoc(citizen: DemoCitizen, holderJwk: JWK, options: Pick<PidOptions, 'expiresAt' | 'statusIndex'> & Pick<MdocIssuance, 'encodeItem'> = {}): Promise<HeldMdoc> {
    const now = Date.now();
    return issueMdoc({
      signer: this.signer, docType: pidDocType, namespace: pidDocType, claims: mdocClaims(citizen, this.country, this.name), holderJwk,
      validFrom: new Date(now - 60_000), validUntil: new Date((options.expiresAt ?? Math.floor(now / 1000) + 365 * 86_400) * 1000),
      ...(options.statusIndex !== undefined ? { status: { idx: options.statusIndex, uri: this.statusListUri } } : {}),
      ...(options.encodeItem ? { encodeItem: options.encodeItem } : {}),
    });
  }
}


const sex = (citizen: DemoCitizen) => (citizen.gender === 'Male' ? 1 : citizen.gender === 'Female' ? 2 : 0);

function sdJwtClaims(citizen: DemoCitizen, country: string, authority: string): Record<string, unknown> {
  const a = citizen.address;
  return {
    family_name: citizen.familyName, given_name: citizen.givenName, birthdate: citizen.dateOfBirth,
    place_of_birth: { locality: citizen.townOfBirth, country: citizen.countryOfBirth },
    nationalities: [...citizen.nationality], sex: sex(citizen),
    address: {
      ...(a.thoroughfare ? { street_address: a.thoroughfare } : {}), ...(a.locatorDesignator ? { house_number: a.locatorDesignator } : {}),
      ...(a.postCode ? { postal_code: a.postCode } : {}), ...(a.postName ? { locality: a.postName } : {}),
      ...(a.adminUnitSecondLine ? { region: a.adminUnitSecondLine } : {}), country: citizen.countryOfResidence,
    },
    ...(citizen.birthName ? { birth_family_name: citizen.birthName } : {}),
    ...(citizen.email ? { email: citizen.email } : {}),
    personal_administrative_number: pidAdministrativeNumber(citizen),
    issuing_country: country, issuing_authority: authority,
  };
}

function mdocClaims(citizen: DemoCitizen, country: string, authority: string): Record<string, unknown> {
  const a = citizen.address;
  return {
    family_name: citizen.familyName, given_name: citizen.givenName, birth_date: new DateOnly(citizen.dateOfBirth),
    place_of_birth: new Map([['locality', citizen.townOfBirth], ['country', citizen.countryOfBirth]]),
    nationality: [...citizen.nationality], sex: sex(citizen),
    resident_address: [a.thoroughfare, a.locatorDesignator, a.postCode, a.postName].filter(Boolean).join(' '),
    resident_country: citizen.countryOfResidence,
    ...(citizen.birthName ? { family_name_birth: citizen.birthName } : {}),
    ...(citizen.email ? { email_address: citizen.email } : {}),
    personal_administrative_number: pidAdministrativeNumber(citizen),
    issuing_country: country, issuing_authority: authority,
  };
}
