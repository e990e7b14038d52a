import { requestableAttribute } from '../../../core/legal-person-attributes.js';
import { PasserelleError } from '../../../core/errors.js';
import { established, type AcsCheck } from './acs-state.js';

/** Every attribute we requested with isRequired="true" came back with a value. */
export const checkRequiredAttributes: AcsCheck = {
  name: 'required attributes',
  run(state) {
    const attributes = established(state.attributes, 'attributes');
    for (const { name, required } of established(state.pending, 'pending request').requestedAttributes) {
      if (!required) continue;
      const values = attributes.get(requestableAttribute(name).eidasUri) ?? [];
      if (!values.some((v) => v.text !== '')) throw new PasserelleError('citizen_attribute_missing', `required attribute ${name} missing`);
    }
  },
};
