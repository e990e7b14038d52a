import { PasserelleError } from '../../../core/errors.js';
import { idAttributeNames } from '../crypto/index.js';
import type { AcsCheck } from './acs-state.js';

/**
 * No two elements carry the same ID (in any spelling signature libraries resolve: ID, Id,
 * id, AssertionID). A duplicate ID lets a signature reference resolve to one element while
 * the reader reads another (hidden assertion, XSW7, S-10/S-12).
 */
export function assertUniqueIds(root: Element, seen: Set<string> = new Set()): Set<string> {
  const elements = root.getElementsByTagName('*');
  const all: Element[] = [root];
  for (let i = 0; i < elements.length; i++) all.push(elements[i]!);
  for (const el of all) {
    for (const name of idAttributeNames) {
      if (!el.hasAttribute(name)) continue;
      const value = el.getAttribute(name) ?? '';
      if (seen.has(value)) throw new PasserelleError('saml_response_rejected', 'two elements carry the same ID');
      seen.add(value);
    }
  }
  return seen;
}

export const checkUniqueIds: AcsCheck = {
  name: 'unique IDs',
  run(state) {
    assertUniqueIds(state.response);
  },
};
