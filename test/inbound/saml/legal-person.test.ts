import assert from 'node:assert/strict';
import { isPasserelleError } from '../../../src/core/errors.js';
import { buildOrganisation } from '../../../src/core/organisation.js';
import { buildAuthnRequest } from '../../../src/inbound/saml/build-authn-request.js';
import { parseXmlSecurely } from '../../../src/inbound/saml/crypto/index.js';
import { SamlHarness } from './support/harness.js';
import { buildResponse, minimumDataSet, type AttributeSpec } from './support/response-builder.js';

const EIDAS = 'http://eidas.europa.eu/saml-extensions';
const legal = 'http://eidas.europa.eu/attributes/legalperson/';
const natural = 'http://eidas.europa.eu/attributes/naturalperson/';
const representative = (set: AttributeSpec[]) => set.map((a) => ({ ...a, name: a.name.replace(natural, natural + 'representative/') }));
const company = (extra: AttributeSpec[] = []): AttributeSpec[] => [
  { name: legal + 'LegalPersonIdentifier', values: ['IT/DE/01234567890'] },
  { name: legal + 'LegalName', values: ['Salento Costruzioni S.r.l.'] },
  ...extra,
];
const fails = (fn: () => unknown, code: string) => assert.throws(fn, (e: unknown) => isPasserelleError(e) && e.code === code);

describe('logins on behalf of an organisation (eIDAS legal person with a representative)', () => {
  describe('the neutral organisation, validated as it is built', () => {
    const valid = { legalPersonIdentifier: 'IT/DE/01234567890', legalName: 'Salento Costruzioni S.r.l.' };
    it('accepts the legal-person minimum data set and well-formed registration numbers', () => {
      const organisation = buildOrganisation({ ...valid, lei: '815600PASSERELLEIT14', eori: 'IT01234567890', vatRegistrationNumber: 'IT01234567890', seed: 'IT00LEC000123' }, 'IT', 'DE');
      assert.equal(organisation.lei, '815600PASSERELLEIT14');
      assert.ok(Object.isFrozen(organisation));
    });
    it('refuses a missing name or identifier, a foreign or malformed identifier, a LEI with a wrong check digit and control characters', () => {
      fails(() => buildOrganisation({ ...valid, legalName: ' ' }, 'IT', 'DE'), 'citizen_attribute_missing');
      fails(() => buildOrganisation({ ...valid, legalPersonIdentifier: '' }, 'IT', 'DE'), 'citizen_attribute_missing');
      fails(() => buildOrganisation({ ...valid, legalPersonIdentifier: 'ES/DE/01234567890' }, 'IT', 'DE'), 'person_identifier_invalid');
      fails(() => buildOrganisation({ ...valid, legalPersonIdentifier: 'IT/FR/01234567890' }, 'IT', 'DE'), 'person_identifier_invalid');
      fails(() => buildOrganisation({ ...valid, lei: '815600PASSERELLEIT15' }, 'IT', 'DE'), 'citizen_attribute_malformed');
      fails(() => buildOrganisation({ ...valid, eori: 'it0123' }, 'IT', 'DE'), 'citizen_attribute_malformed');
      fails(() => buildOrganisation({ ...valid, legalName: 'Salento\u0001' }, 'IT', 'DE'), 'citizen_attribute_malformed');
    });
  });

  it('an AuthnRequest never mixes natural- and legal-person attributes', () => {
    const base = { id: '_x', issueInstant: 0, destination: 'https://idp.test/sso', spEntityId: 'sp', providerName: 'P', spType: 'public' as const, loa: 'low' as const };
    fails(() => buildAuthnRequest({ ...base, requestedAttributes: [{ name: 'legalName', required: true }, { name: 'familyName', required: true }] }), 'bad_request');
    fails(() => buildAuthnRequest({ ...base, requestedAttributes: [] }), 'bad_request');
  });

  describe('over HTTP at the ACS', () => {
    const h = new SamlHarness();
    before(async () => { await h.start(); });
    after(async () => { await h.stop(); });

    async function answer(attributes: AttributeSpec[], subject: 'legal' | 'natural' = 'legal') {
      const login = await h.login('IT', subject === 'legal' ? { subject, attr: 'lei,familyName' } : {});
      const xml = buildResponse(h.idps.IT, { ...login.fields, attributes });
      const before = await h.counts();
      const response = await h.post(xml, login);
      return { login, response, before, after: await h.counts() };
    }

    it('requests exactly the legal-person set (the minimum data set required, no natural-person and no representative attributes)', async () => {
      const login = await h.login('IT', { subject: 'legal', attr: 'lei,eori,vatRegistrationNumber,familyName' });
      const requested = Array.from(parseXmlSecurely(login.authnRequestXml).documentElement!.getElementsByTagNameNS(EIDAS, 'RequestedAttribute'))
        .map((a) => [a.getAttribute('Name'), a.getAttribute('isRequired')]);
      assert.deepEqual(requested, [
        [legal + 'LegalPersonIdentifier', 'true'], [legal + 'LegalName', 'true'],
        [legal + 'LEI', 'false'], [legal + 'EORI', 'false'], [legal + 'VATRegistrationNumber', 'false'],
      ]);
    });

    it('hands over the representative as the citizen with the organisation they act for, legacy names included', async () => {
      const address = Buffer.from('<eidas-natural:Thoroughfare>Via Roma</eidas-natural:Thoroughfare><eidas-natural:PostName>Lecce</eidas-natural:PostName>').toString('base64');
      const { response } = await answer([
        ...company([{ name: legal + 'LEI', values: ['815600PASSERELLEIT14'] }, { name: legal + 'LegalAddress', values: [address] }, { name: legal + 'VATRegistration', values: ['IT01234567890'] }]),
        ...representative(minimumDataSet('IT')),
      ]);
      assert.equal(response.status, 200, response.text.slice(0, 300));
      const citizen = h.handOff.succeeded.at(-1)!.citizen;
      assert.equal(citizen.personIdentifier, 'IT/DE/ABC123456');
      assert.equal(citizen.familyName, 'Rossi');
      assert.deepEqual(citizen.onBehalfOf, {
        legalPersonIdentifier: 'IT/DE/01234567890', legalName: 'Salento Costruzioni S.r.l.', lei: '815600PASSERELLEIT14',
        vatRegistrationNumber: 'IT01234567890', legalAddress: { thoroughfare: 'Via Roma', postName: 'Lecce' },
      });
    });

    const refusals: Array<[string, () => AttributeSpec[], 'legal' | 'natural', string]> = [
      ['natural-person subject attributes next to the organisation', () => [...company(), ...minimumDataSet('IT')], 'legal', 'representation_invalid'],
      ['no representative', () => company(), 'legal', 'citizen_attribute_missing'],
      ['an incomplete representative', () => [...company(), ...representative(minimumDataSet('IT')).slice(0, 3)], 'legal', 'citizen_attribute_missing'],
      ['an organisation as representative', () => [...company(), ...representative(minimumDataSet('IT')), { name: legal + 'representative/LegalPersonIdentifier', values: ['IT/DE/999'] }], 'legal', 'representation_invalid'],
      ['no organisation name', () => [company()[0]!, ...representative(minimumDataSet('IT'))], 'legal', 'citizen_attribute_missing'],
      ['an organisation identifier of another country', () => [{ name: legal + 'LegalPersonIdentifier', values: ['ES/DE/B123'] }, company()[1]!, ...representative(minimumDataSet('IT'))], 'legal', 'person_identifier_invalid'],
      ['a natural-person login that names a representative', () => [...minimumDataSet('IT'), ...representative(minimumDataSet('IT', 'IT/DE/OTHER'))], 'natural', 'representation_invalid'],
      ['a natural-person login with legal-person attributes', () => [...minimumDataSet('IT'), ...company()], 'natural', 'representation_invalid'],
    ];
    for (const [what, attributes, subject, code] of refusals) {
      it(`refuses ${what} (${code}) and stores nothing`, async () => {
        const { response, before, after } = await answer(attributes(), subject);
        assert.equal(response.status, 403);
        assert.match(response.text, new RegExp(code));
        assert.deepEqual(after, before);
      });
    }
  });
});
