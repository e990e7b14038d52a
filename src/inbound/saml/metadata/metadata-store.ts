import type { Database } from '../../../storage/database.js';

/** A copy of a country's IdP metadata as fetched, shared by every instance. */
export interface StoredMetadata {
  country: string;
  xml: string;
  digest: string;
  fetchedAt: number;
}

/**
 * The last good IdP metadata of each country, in the database (`idp_metadata`), so that
 * instances agree on the keys they trust and a new instance starts with what the others
 * have. What is stored is the fetched document itself: every instance that reads it checks
 * it again (signature against the configured metadata signing certificates, validUntil,
 * NodeCountry) exactly as if it had fetched it.
 */
export class MetadataStore {
  constructor(private readonly db: Database) {}

  /** Digest and fetch time of every stored copy (cheap: no XML). */
  async versions(): Promise<Map<string, { digest: string; fetchedAt: number }>> {
    const rows = await this.db.knex('idp_metadata').select('country', 'digest', 'fetched_at') as Array<{ country: string; digest: string; fetched_at: number }>;
    return new Map(rows.map((r) => [r.country, { digest: r.digest, fetchedAt: r.fetched_at }]));
  }

  async read(country: string): Promise<StoredMetadata | undefined> {
    const row = await this.db.knex('idp_metadata').where({ country }).first() as { xml: string; digest: string; fetched_at: number } | undefined;
    return row ? { country, xml: row.xml, digest: row.digest, fetchedAt: row.fetched_at } : undefined;
  }

  /** Stores a copy unless a newer fetch is already there (instances refreshing at once). */
  async write(copy: StoredMetadata): Promise<void> {
    await this.db.knex('idp_metadata')
      .insert({ country: copy.country, xml: copy.xml, digest: copy.digest, fetched_at: copy.fetchedAt })
      .onConflict('country')
      .merge(['xml', 'digest', 'fetched_at'])
      .where('idp_metadata.fetched_at', '<=', copy.fetchedAt);
  }
}
