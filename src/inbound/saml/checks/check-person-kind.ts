import { PasserelleError } from '../../../core/errors.js';
import {
  isLegalPersonUri, isNaturalPersonUri, isRepresentativeUri, representativePrefixes, subjectOf,
} from '../../../core/legal-person-attributes.js';
import { established, type AcsCheck } from './acs-state.js';

function refuse(detail: string): never {
  throw new PasserelleError('representation_invalid', detail);
}

/**
 * The attributes describe the kind of subject we asked for, as one set (eIDAS 1.2 representation):
 * - a natural-person login carries no legal-person attributes and no representative: a subject
 *   represented by someone else must not reach a portal as if it had logged in itself;
 * - a login on behalf of an organisation carries the organisation's attributes, no natural-person
 *   subject attributes (never both sets), and a natural person as its representative: the person who
 *   authenticated. An organisation acting through another organisation is refused, as nobody a portal
 *   could hold to account would be named.
 */
export const checkPersonKind: AcsCheck = {
  name: 'person kind and representation',
  run(state) {
    const attributes = established(state.attributes, 'attributes');
    const kind = subjectOf(established(state.pending, 'pending request').requestedAttributes);
    const present = [...attributes.entries()].filter(([, values]) => values.some((v) => v.text !== '')).map(([uri]) => uri);
    if (kind === 'natural') {
      if (present.some(isRepresentativeUri)) refuse('a natural-person login names a representative');
      if (present.some(isLegalPersonUri)) refuse('a natural-person login carries legal-person attributes');
      return;
    }
    if (present.some(isNaturalPersonUri)) refuse('a legal-person login carries natural-person subject attributes');
    if (present.some((uri) => uri.startsWith(representativePrefixes.legal))) refuse('an organisation acting through another organisation is not supported');
    if (!present.some((uri) => uri.startsWith(representativePrefixes.natural))) {
      throw new PasserelleError('citizen_attribute_missing', 'a legal-person login names no natural-person representative');
    }
  },
};
