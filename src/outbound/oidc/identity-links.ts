import type { AuthenticatedCitizen } from '../../core/citizen.js';
import type { Database } from '../../storage/database.js';

/**
 * The matching rule a link needs (docs/wallet.md): the same family name, given names and date of
 * birth (compared without case, accents or extra spaces), and, where both logins carry
 * nationalities, one in common. Only then is the citizen asked, and only her confirmation links.
 */
export function linkMatch(wallet: AuthenticatedCitizen, eidas: AuthenticatedCitizen): 'name-birthdate' | 'name-birthdate-nationality' | undefined {
  const norm = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
  if (norm(wallet.familyName) !== norm(eidas.familyName) || norm(wallet.givenName) !== norm(eidas.givenName) || wallet.dateOfBirth !== eidas.dateOfBirth) return undefined;
  if (!wallet.nationality?.length || !eidas.nationality?.length) return 'name-birthdate';
  return wallet.nationality.some((n) => eidas.nationality!.includes(n)) ? 'name-birthdate-nationality' : undefined;
}

export async function linkedAccount(db: Database, walletKey: string): Promise<string | undefined> {
  const row = await db.knex('identity_links').where({ wallet_key: walletKey }).first() as { eidas_key: string } | undefined;
  return row?.eidas_key;
}

/** Records the link once; a second confirmation of the same wallet subject keeps the first link. */
export async function recordLink(db: Database, link: { walletKey: string; eidasKey: string; matchedOn: string; at: number }): Promise<void> {
  await db.knex('identity_links')
    .insert({ wallet_key: link.walletKey, eidas_key: link.eidasKey, matched_on: link.matchedOn, created_at: link.at })
    .onConflict('wallet_key').ignore();
}
