import { PasserelleError } from '../../../core/errors.js';
import { MdocItemError, readSignedItems, type MsoDigests } from '../../../mdoc/item-digests.js';

/**
 * The PID's disclosed items, each digested over the bytes as received (src/mdoc/item-digests.ts),
 * with the wallet front door's codes: an unreadable response is malformed, an item the MSO does
 * not sign as sent is an altered disclosure.
 */
export function checkMdocDigests(response: Uint8Array, mso: MsoDigests, namespace: string): Map<string, unknown> {
  try {
    return readSignedItems(response, mso, namespace);
  } catch (error) {
    if (!(error instanceof MdocItemError)) throw error;
    throw new PasserelleError(error.kind === 'digest' ? 'wallet_disclosure_invalid' : 'wallet_response_malformed', error.message, { cause: error });
  }
}
