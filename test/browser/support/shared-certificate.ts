import type { Page } from 'playwright-core';
import { findItem, openItem } from '../../../src/evidence/vault/items.js';
import type { DemoStack } from './demo-stack.js';

export interface SharedCertificate {
  consent: { id: string; citizen_key: string; evidence_id: string; expires_at: number };
  /** What the portal received and the applicant hands in: the authority's credential and the PDF. */
  credential: string;
  pdf: Buffer;
  /** The same PDF with one bit flipped. */
  tampered: Buffer;
}

/**
 * Giulia logs in at the Bremerhaven portal (in English) and shares her family-composition
 * certificate with it; the originals are read back from Passerelle's vault, as an official
 * would get them from the applicant.
 */
export async function shareGiuliasCertificate(stack: DemoStack, page: Page): Promise<SharedCertificate> {
  await page.goto(`${stack.urls.bremerhaven}/?lang=en`);
  await page.getByRole('link', { name: 'Log in with a European eID' }).click();
  await page.locator('a[href$="/country/IT"]').click();
  await page.getByRole('button', { name: /Giulia Rossi/ }).click();
  await page.getByRole('button', { name: 'Share and continue' }).click();
  await page.getByRole('button', { name: 'Attach proof of family composition' }).click();
  await page.getByRole('button', { name: /^Request the document from / }).click();
  await page.waitForURL('**/items/0/preview');
  await page.getByRole('button', { name: 'Share with Bremerhaven kindergarten application' }).click();
  await page.getByText('Passerelle sent us this proof on').waitFor();
  const consent = await stack.database.db.knex('evidence_consents').orderBy('given_at', 'desc').first();
  const opened = openItem(stack.passerelle.ctx, (await findItem(stack.database.db.knex, consent.evidence_id))!);
  const tampered = Buffer.from(opened.document);
  tampered[Math.floor(tampered.length / 2)]! ^= 0x01;
  return { consent, credential: opened.credential, pdf: opened.document, tampered };
}
