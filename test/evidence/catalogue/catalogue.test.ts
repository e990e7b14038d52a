import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  catalogueLanguages, evidenceFieldLabel, evidenceTitle, evidenceType, evidenceTypeByVct, evidenceTypes, isKnownEvidenceType,
  nationalDocument, nationalDocumentName, relationshipCodes, relationshipLabel, addressParts, fieldPartLabel, personParts, sexLabel, valueLabelTables,
} from '../../../src/evidence/catalogue/index.js';

describe('evidence types catalogue', () => {
  it('holds the five canonical types under stable ids', () => {
    assert.deepEqual(evidenceTypes.map((t) => t.id), ['birth', 'residence', 'family-composition', 'marriage', 'higher-education-diploma']);
  });

  it('gives every type a title and description in en, de, it, es, fr and labels for every field', () => {
    for (const type of evidenceTypes) {
      for (const lang of catalogueLanguages) {
        assert.ok(type.title[lang]?.trim(), `${type.id} title ${lang}`);
        assert.ok(type.description[lang]?.trim(), `${type.id} description ${lang}`);
        for (const field of type.fields) assert.ok(field.label[lang]?.trim(), `${type.id}.${field.name} ${lang}`);
      }
    }
  });

  it('names each demo country\'s national document in the country\'s own language', () => {
    assert.equal(nationalDocumentName('family-composition', 'IT'), 'Certificato di stato di famiglia');
    assert.equal(nationalDocumentName('residence', 'ES'), 'Certificado de empadronamiento');
    assert.equal(nationalDocumentName('residence', 'DE'), 'Meldebescheinigung');
    assert.match(nationalDocumentName('residence', 'RS')!, /^Уверење о /);
    assert.equal(nationalDocument('birth', 'RS')?.lang, 'sr-Cyrl');
    for (const type of evidenceTypes) {
      for (const country of ['IT', 'DE', 'ES', 'RS']) assert.ok(nationalDocumentName(type.id, country), `${type.id} ${country}`);
    }
  });

  it('answers undefined, not a guess, for unknown types and countries', () => {
    assert.equal(evidenceType('passport'), undefined);
    assert.equal(isKnownEvidenceType('passport'), false);
    assert.equal(isKnownEvidenceType('__proto__'), false);
    assert.equal(isKnownEvidenceType(42), false);
    assert.equal(nationalDocumentName('birth', 'FR'), undefined);
    assert.equal(nationalDocumentName('birth', 'constructor'), undefined);
    assert.equal(nationalDocumentName('passport', 'IT'), undefined);
  });

  it('reuses the DE4A canonical identifiers verbatim where the reference gives them, our URNs elsewhere', () => {
    assert.equal(evidenceType('birth')?.classification, 'urn:de4a-eu:CanonicalEvidenceType::BirthCertificate:1.0');
    assert.equal(evidenceType('marriage')?.classification, 'urn:de4a-eu:CanonicalEvidenceType::MarriageRegistration:1.0');
    for (const id of ['residence', 'family-composition', 'higher-education-diploma']) {
      assert.equal(evidenceType(id)?.classification, `urn:passerelle:evidence-type:${id}:1.0`);
    }
  });

  it('gives every type a distinct vct that maps back to it, and a positive default validity', () => {
    assert.equal(new Set(evidenceTypes.map((t) => t.vct)).size, evidenceTypes.length);
    for (const type of evidenceTypes) {
      assert.equal(evidenceTypeByVct(type.vct), type);
      assert.ok(type.defaultValidityDays > 0);
    }
  });

  it('cannot be changed at run time', () => {
    assert.throws(() => { (evidenceTypes as unknown[]).push({}); });
    assert.throws(() => { (evidenceType('birth')!.title as Record<string, string>).en = 'x'; });
  });

  it('translates titles, field labels and relationships, Serbian in both scripts, with an English fallback', () => {
    assert.equal(evidenceTitle('family-composition', 'it'), 'Certificato di stato di famiglia');
    assert.equal(evidenceTitle('birth', 'sr-Latn'), 'Izvod iz matične knjige rođenih');
    assert.equal(evidenceTitle('birth', 'sr'), 'Извод из матичне књиге рођених');
    assert.equal(evidenceTitle('birth', 'pt'), 'Proof of birth');
    assert.equal(evidenceFieldLabel('family-composition', 'members', 'de'), 'Haushaltsmitglieder');
    assert.equal(evidenceFieldLabel('birth', 'unknown_field', 'de'), 'unknown_field');
    assert.equal(relationshipLabel('child', 'fr'), 'Enfant');
    assert.ok(relationshipCodes.includes('partner'));
  });

  it('labels every part of addresses and person lists, and every sex code, in every language, so pages never show a data key', () => {
    for (const part of [...personParts, ...addressParts]) {
      for (const lang of catalogueLanguages) assert.ok(valueLabelTables.parts[part]?.[lang]?.trim(), `${part} ${lang}`);
    }
    for (const code of ['F', 'M', 'X']) for (const lang of catalogueLanguages) assert.ok(valueLabelTables.sex[code]?.[lang]?.trim(), `${code} ${lang}`);
    assert.equal(fieldPartLabel('post_code', 'de'), 'Postleitzahl');
    assert.equal(fieldPartLabel('family_name', 'sr-Cyrl'), 'Презиме');
    assert.equal(fieldPartLabel('family_name', 'pt'), 'Family name');
    assert.equal(fieldPartLabel('nickname', 'it'), 'nickname', 'an unknown part keeps its name: shown, not hidden');
    assert.equal(fieldPartLabel('__proto__', 'en'), '__proto__');
    assert.equal(sexLabel('F', 'es'), 'Mujer');
    assert.equal(sexLabel('Q', 'es'), 'Q');
    assert.equal(evidenceType('birth')?.fields.find((f) => f.name === 'country_of_birth')?.kind, 'country');
  });

  it('knows every evidence type the demo configuration names (portals and authorities)', () => {
    const demo = parse(readFileSync('config/demo.yaml', 'utf8')) as {
      portals: Array<{ evidence?: Array<{ type: string }> }>; issuingAuthorities: Array<{ evidenceTypes: string[] }>;
    };
    const named = [...demo.portals.flatMap((p) => (p.evidence ?? []).map((e) => e.type)), ...demo.issuingAuthorities.flatMap((a) => a.evidenceTypes)];
    for (const type of named) assert.ok(isKnownEvidenceType(type), type);
  });
});
