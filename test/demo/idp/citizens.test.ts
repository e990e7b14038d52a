import { strict as assert } from 'node:assert';
import { buildCitizen } from '../../../src/core/citizen.js';
import { citizenByKey, citizenByPersonIdentifier, citizensOf, demoCitizens, demoCountries, personIdentifierOf } from '../../../src/demo/citizens.js';

describe('demo citizens', () => {
  it('the Lecce family exists: Giulia Rossi, her partner Marco Bianchi and their daughter Sofia', () => {
    const giulia = citizenByKey('it-giulia-rossi')!;
    assert.equal(giulia.dateOfBirth, '1988-04-12');
    assert.equal(giulia.placeOfBirth, 'Lecce');
    assert.equal(giulia.address.postName, 'Lecce');
    assert.equal(personIdentifierOf(giulia, 'DE'), 'IT/DE/RSSGLI88D52E506C');
    assert.equal(giulia.relations.partner, 'it-marco-bianchi');
    const sofia = citizenByKey('it-sofia-bianchi')!;
    assert.equal(sofia.dateOfBirth, '2022-09-03');
    assert.equal(sofia.placeOfBirth, 'Lecce');
    assert.deepEqual(sofia.relations.parents, ['it-giulia-rossi', 'it-marco-bianchi']);
    assert.equal(citizenByKey('it-marco-bianchi')!.relations.partner, 'it-giulia-rossi');
  });

  it('every demo country has at least two citizens, with unique keys and national ids', () => {
    for (const country of demoCountries) assert.ok(citizensOf(country).length >= 2, country);
    assert.equal(new Set(demoCitizens.map((c) => c.key)).size, demoCitizens.length);
    assert.equal(new Set(demoCitizens.map((c) => `${c.country}/${c.nationalId}`)).size, demoCitizens.length);
  });

  it('every citizen passes the neutral model\'s own validation when received in Germany', () => {
    for (const c of demoCitizens) {
      buildCitizen({
        personIdentifier: personIdentifierOf(c, 'DE'), familyName: c.familyName, givenName: c.givenName, dateOfBirth: c.dateOfBirth,
        gender: c.gender, placeOfBirth: c.placeOfBirth, birthName: c.birthName, currentAddress: c.address,
        nationality: c.nationality, countryOfBirth: c.countryOfBirth, countryOfResidence: c.countryOfResidence,
        loa: 'high', country: c.country, source: { protocol: 'eidas-saml', issuer: 'test' }, assertionId: '_a', authenticatedAt: Date.now(),
      }, 'DE');
    }
  });

  it('relations point at existing citizens of the same country, both ways', () => {
    for (const c of demoCitizens) {
      const related = [c.relations.partner, ...(c.relations.children ?? []), ...(c.relations.parents ?? [])].filter((k): k is string => !!k);
      for (const key of related) assert.equal(citizenByKey(key)?.country, c.country, `${c.key} → ${key}`);
      if (c.relations.partner) assert.equal(citizenByKey(c.relations.partner)!.relations.partner, c.key);
    }
  });

  it('finds a citizen back from a PersonIdentifier with any receiving country', () => {
    assert.equal(citizenByPersonIdentifier('ES/DE/53864217B')?.key, 'es-lucia-garcia');
    assert.equal(citizenByPersonIdentifier('ES/AT/53864217B')?.key, 'es-lucia-garcia');
    assert.equal(citizenByPersonIdentifier('IT/DE/53864217B'), undefined);
  });
});
