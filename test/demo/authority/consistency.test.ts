import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { demoAuthorities } from '../../../src/demo/authority/authorities.js';
import { documentKinds } from '../../../src/demo/authority/documents.js';
import * as authoritySide from '../../../src/demo/authority/protocol.js';
import { defaultDemoRecords } from '../../../src/demo/authority/records.js';
import { citizenByPersonIdentifier } from '../../../src/demo/citizens.js';
import * as passerelleSide from '../../../src/evidence/authority/protocol.js';
import { credentialTyp } from '../../../src/evidence/authority/verify-credential.js';
import { evidenceType } from '../../../src/evidence/catalogue/index.js';

/** The demo authorities keep their own copies (they never import broker code); these must agree. */
describe('demo authorities agree with Passerelle, the catalogue, the demo citizens and config/demo.yaml', () => {
  const records = defaultDemoRecords('DE');

  it('speak the same protocol constants as Passerelle\'s client', () => {
    assert.equal(authoritySide.evidenceRequestTyp, passerelleSide.evidenceRequestTyp);
    assert.equal(authoritySide.evidenceRequestPath, passerelleSide.evidenceRequestPath);
    assert.equal(authoritySide.requesterJwksPath, passerelleSide.requesterJwksPath);
    assert.equal(authoritySide.issuerMetadataPath, passerelleSide.issuerMetadataPath);
    assert.equal(authoritySide.credentialTyp, credentialTyp);
    assert.equal(authoritySide.maxRequestLifetimeSeconds, passerelleSide.requestLifetimeSeconds);
    for (const code of Object.keys(authoritySide.authorityErrors)) {
      assert.ok((passerelleSide.authorityErrorCodes as readonly string[]).includes(code), code);
    }
  });

  it('sign the catalogue\'s vct, validity and national document names for every type', () => {
    for (const [id, kind] of Object.entries(documentKinds)) {
      const type = evidenceType(id)!;
      assert.equal(kind.vct, type.vct, id);
      assert.equal(kind.validityDays, type.defaultValidityDays, id);
      for (const [country, title] of Object.entries(kind.nationalTitle)) assert.equal(title, type.nationalDocuments[country]?.name, `${id} ${country}`);
    }
  });

  it('are the authorities config/demo.yaml names, at its paths, for its types', () => {
    const demo = parse(readFileSync('config/demo.yaml', 'utf8')) as { issuingAuthorities: Array<{ id: string; country: string; url: string; evidenceTypes: string[] }> };
    assert.deepEqual(demo.issuingAuthorities.map((a) => a.id), demoAuthorities.map((a) => a.id));
    for (const configured of demo.issuingAuthorities) {
      const authority = demoAuthorities.find((a) => a.id === configured.id)!;
      assert.equal(configured.country, authority.country);
      assert.ok(configured.url.endsWith(`/${authority.path}`), configured.url);
      assert.deepEqual([...configured.evidenceTypes].sort(), [...authority.evidenceTypes].sort());
    }
  });

  it('key every record by the eIDAS identifier CC/DE/<national id> of a demo citizen of that country, with the same name and birth date', () => {
    for (const authority of demoAuthorities) {
      assert.ok(records[authority.path]!.length > 0, authority.path);
      for (const record of records[authority.path]!) {
        assert.match(record.personIdentifier, new RegExp(`^${authority.country}/DE/`));
        const citizen = citizenByPersonIdentifier(record.personIdentifier);
        assert.ok(citizen, record.personIdentifier);
        assert.deepEqual([record.familyName, record.givenName, record.birthDate], [citizen.familyName, citizen.givenName, citizen.dateOfBirth]);
      }
    }
  });

  it('hold only catalogue fields, with every required one, and only types the authority issues', () => {
    for (const authority of demoAuthorities) {
      for (const record of records[authority.path]!) {
        for (const [typeId, data] of Object.entries(record.documents)) {
          assert.ok((authority.evidenceTypes as readonly string[]).includes(typeId), `${authority.id} ${typeId}`);
          const type = evidenceType(typeId)!;
          for (const name of Object.keys(data!)) assert.ok(type.fields.some((f) => f.name === name), `${typeId}.${name}`);
          for (const field of type.fields.filter((f) => f.required)) assert.ok(data![field.name] !== undefined, `${record.personIdentifier} ${typeId}.${field.name}`);
        }
      }
    }
  });

  it('list the whole Lecce household (Giulia, partner Marco, child Sofia) on each member\'s family certificate', () => {
    for (const id of ['RSSGLI88D52E506C', 'BNCMRC86S23E506O', 'BNCSFO22P43E506M']) {
      const record = records.it!.find((r) => r.personIdentifier === `IT/DE/${id}`)!;
      const members = record.documents['family-composition']!.members as Array<Record<string, string>>;
      assert.deepEqual(members.map((m) => [m.given_name, m.relationship]), [['Giulia', 'head'], ['Marco', 'partner'], ['Sofia', 'child']]);
    }
    const giulia = records.it!.find((r) => r.givenName === 'Giulia')!;
    assert.equal(giulia.documents.marriage, undefined, 'partners, not married');
  });

  it('record the Santander couple\'s marriage and Milica\'s diploma', () => {
    const lucia = records.es!.find((r) => r.givenName === 'Lucía')!;
    assert.equal((lucia.documents.marriage!.spouses as unknown[]).length, 2);
    const members = lucia.documents['family-composition']!.members as Array<Record<string, string>>;
    assert.equal(members.find((m) => m.given_name === 'Javier')?.relationship, 'spouse');
    const milica = records.rs!.find((r) => r.givenName === 'Milica')!;
    assert.equal(milica.documents['higher-education-diploma']!.eqf_level, '7');
  });
});
