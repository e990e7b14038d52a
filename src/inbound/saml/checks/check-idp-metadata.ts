import { established, type AcsCheck } from './acs-state.js';

/**
 * The trusted metadata of the country the request went to: its entityID and signing keys are
 * the only ones this Response may use. Keys of other countries' IdPs never verify it (S-24).
 */
export const checkIdpMetadata: AcsCheck = {
  name: 'IdP metadata',
  async run(state) {
    state.idp = await state.deps.registry.get(established(state.country, 'country').code);
  },
};
