import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { bearer, sharedFamilyComposition } from './support/steps.js';

interface Schema { required?: string[]; properties?: Record<string, Schema & { $ref?: string }>; $ref?: string }
const spec = parse(readFileSync('docs/openapi/evidence.yaml', 'utf8')) as {
  openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, Schema> };
};

/** Every required member (recursively through $refs) is present in an actual answer. */
function missingRequired(schema: Schema, value: unknown, at = '$'): string[] {
  const resolved = schema.$ref ? spec.components.schemas[schema.$ref.split('/').at(-1)!]! : schema;
  if (!value || typeof value !== 'object') return [];
  const missing = (resolved.required ?? []).filter((key) => !(key in value)).map((key) => `${at}.${key}`);
  for (const [key, inner] of Object.entries(resolved.properties ?? {})) {
    missing.push(...missingRequired(inner, (value as Record<string, unknown>)[key], `${at}.${key}`));
  }
  return missing;
}

describe('docs/openapi/evidence.yaml describes the evidence API as served', () => {
  let h: EvidenceHarness;
  before(async () => { h = await startEvidenceHarness(); });
  after(async () => { await h?.close(); });

  it('is OpenAPI 3.1 and lists every route', () => {
    assert.equal(spec.openapi, '3.1.0');
    assert.deepEqual(Object.keys(spec.paths).sort(), [
      '/.well-known/jwt-vc-issuer', '/api/evidence/mandates/{mandateId}', '/api/evidence/mandates/{mandateId}/attestation', '/api/evidence/shares', '/api/evidence/shares/{consentId}',
      '/api/evidence/shares/{consentId}/attestation', '/api/evidence/shares/{consentId}/credential',
      '/api/evidence/shares/{consentId}/data', '/api/evidence/shares/{consentId}/document', '/api/verify', '/status-lists/{listId}',
    ]);
  });

  it('answers with every member the schemas require (Share, VerificationReport)', async () => {
    const { consentId, token } = await sharedFamilyComposition(h);
    const share = await (await fetch(`${h.url}/api/evidence/shares/${consentId}`, { headers: bearer(token) })).json();
    assert.deepEqual(missingRequired(spec.components.schemas.Share!, share), []);
    const attestation = await (await fetch(`${h.url}/api/evidence/shares/${consentId}/attestation`, { headers: bearer(token) })).text();
    const report = await (await fetch(`${h.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ attestation }) })).json();
    assert.deepEqual(missingRequired(spec.components.schemas.VerificationReport!, report), []);
  });
});
