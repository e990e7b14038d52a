import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { isPasserelleError } from '../../../src/core/errors.js';
import { requestEvidence } from '../../../src/evidence/authority/client.js';
import type { EvidenceResponseBody } from '../../../src/evidence/authority/protocol.js';
import { lecceRequest, startAuthorityFixture, type AuthorityFixture } from './fixture.js';

type Mutation = (body: EvidenceResponseBody) => EvidenceResponseBody | Promise<EvidenceResponseBody> | { raw: string; status?: number };

/**
 * A man in the middle between Passerelle and the authority: forwards everything, and rewrites
 * successful evidence answers with the current mutation. Credentials keep naming the proxy's
 * URL as issuer (the authority is configured to publish itself there), so only the tampering
 * can make the client refuse.
 */
async function startProxy(): Promise<{ url: string; target: { url: string }; mutation: { current?: Mutation }; close(): Promise<void> }> {
  const target = { url: '' };
  const mutation: { current?: Mutation } = {};
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await fetch(target.url + req.url, {
      method: req.method,
      headers: req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {},
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    let body = await upstream.text();
    let status = upstream.status;
    if (mutation.current && upstream.status === 200 && req.url?.endsWith('/evidence-requests')) {
      const changed = await mutation.current(JSON.parse(body) as EvidenceResponseBody);
      if ('raw' in changed) {
        body = changed.raw;
        status = changed.status ?? 200;
      } else body = JSON.stringify(changed);
    }
    res.writeHead(status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, target, mutation,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

function disclosureValue(disclosure: string): unknown[] {
  return JSON.parse(Buffer.from(disclosure, 'base64url').toString('utf8')) as unknown[];
}

function withDisclosures(credential: string, change: (disclosures: string[]) => string[]): string {
  const [jwt, ...rest] = credential.split('~');
  return [jwt, ...change(rest.slice(0, -1)), ''].join('~');
}

describe('evidence/authority client refuses tampered answers (man in the middle)', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let fixture: AuthorityFixture;
  before(async () => {
    proxy = await startProxy();
    fixture = await startAuthorityFixture({ authorityBaseUrl: proxy.url });
    proxy.target.url = fixture.authorities.localUrl;
  });
  afterEach(() => { proxy.mutation.current = undefined; });
  after(async () => {
    await fixture?.close();
    await proxy?.close();
  });

  const fetchWith = (mutation?: Mutation) => {
    proxy.mutation.current = mutation;
    return requestEvidence(fixture.ctx, {
      authorityId: 'it-anagrafe', citizen: fixture.citizen('it-giulia-rossi'), evidenceType: 'family-composition', requestId: randomUUID(), ...lecceRequest,
    });
  };

  async function refused(mutation: Mutation, reason: RegExp): Promise<void> {
    await assert.rejects(fetchWith(mutation), (error: unknown) => {
      assert.ok(isPasserelleError(error));
      assert.equal(error.code, 'evidence_unavailable');
      assert.match(error.message, reason);
      return true;
    });
  }

  it('accepts the untouched answer through the proxy (control)', async () => {
    const fetched = await fetchWith();
    assert.equal(fetched.issuer, `${proxy.url}/it`);
  });

  it('refuses a PDF changed by one byte (document_digest)', async () => {
    await refused((body) => {
      const bytes = Buffer.from(body.document.content, 'base64');
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      return { ...body, document: { ...body.document, content: bytes.toString('base64') } };
    }, /does not match the signed digest/);
  });

  it('refuses a forged disclosure (a household without the child), even with matching JSON data', async () => {
    await refused((body) => {
      const members = (body.data.members as unknown[]).slice(0, 1);
      const credential = withDisclosures(body.credential, (disclosures) => disclosures.map((d) =>
        disclosureValue(d)[1] === 'members' ? Buffer.from(JSON.stringify([randomBytes(16).toString('base64url'), 'members', members])).toString('base64url') : d));
      return { ...body, credential, data: { ...body.data, members } };
    }, /not referenced/);
  });

  it('refuses a credential whose subject disclosures were withheld', async () => {
    await refused((body) => ({
      ...body,
      credential: withDisclosures(body.credential, (disclosures) => disclosures.filter((d) => !['family_name', 'given_name'].includes(String(disclosureValue(d)[1])))),
    }), /about someone else/);
  });

  it('refuses an issuer JWT whose payload was edited (later expiry)', async () => {
    await refused((body) => {
      const [header, payload, signature] = body.credential.split('~')[0]!.split('.');
      const claims = decodeJwt(`${header}.${payload}.${signature}`);
      const edited = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp! + 365 * 86_400 })).toString('base64url');
      return { ...body, credential: body.credential.replace(`${header}.${payload}.`, `${header}.${edited}.`), valid_until: claims.exp! + 365 * 86_400 };
    }, /signature or validity/);
  });

  it('refuses a credential re-signed by another key under the authority\'s kid', async () => {
    await refused(async (body) => {
      const [jwt, ...rest] = body.credential.split('~');
      const header = decodeProtectedHeader(jwt!);
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const forged = await new SignJWT(decodeJwt(jwt!)).setProtectedHeader({ alg: 'ES256', typ: 'dc+sd-jwt', kid: header.kid! }).sign(privateKey);
      return { ...body, credential: [forged, ...rest].join('~') };
    }, /signature or validity/);
  });

  it('refuses JSON data that differ from what the credential signs', async () => {
    await refused((body) => ({ ...body, data: { ...body.data, members: [] } }), /data differ/);
  });

  it('refuses a document that is not a PDF', async () => {
    await refused((body) => ({ ...body, document: { ...body.document, content: Buffer.from('<html>hello</html>').toString('base64') } }), /not a PDF/);
  });

  it('refuses an answer larger than the size limit without buffering it', async () => {
    await refused(() => ({ raw: JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }) }), /larger than/);
  });

  it('maps an authority error 500 to evidence_unavailable', async () => {
    await refused(() => ({ raw: JSON.stringify({ error: 'no_record' }), status: 500 }), /HTTP 500/);
  });

  it('refuses a non-JSON answer', async () => {
    await refused(() => ({ raw: 'not json' }), /not valid JSON/);
  });
});
