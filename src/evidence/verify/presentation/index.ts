import type { AppContext } from '../../../context.js';
import type { PresentationExpectations } from './common.js';
import type { PresentationReport } from './report.js';
import { verifyMdocPresentation } from './verify-mdoc.js';
import { verifySdJwtPresentation } from './verify-sd-jwt.js';

export type { PresentationExpectations } from './common.js';
export type { PresentationReport } from './report.js';

/** An SD-JWT VC presentation has `~` separators; anything else must be a base64url DeviceResponse. */
export async function verifyPresentation(ctx: AppContext, presentation: string, expect: PresentationExpectations): Promise<PresentationReport> {
  if (presentation.includes('~')) return verifySdJwtPresentation(ctx, presentation, expect);
  if (/^[A-Za-z0-9_-]+$/.test(presentation)) return verifyMdocPresentation(ctx, presentation, expect);
  return { valid: false, failure: 'malformed' };
}
