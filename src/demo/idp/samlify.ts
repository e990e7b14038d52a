import * as samlifyModule from 'samlify';

/**
 * samlify is CommonJS with `__esModule` set and no `default` export. Under Node's ESM loader
 * the whole API sits on `default`; under a CJS transform (mocha's in-process tsx hook) the
 * namespace itself is the API. This picks whichever is there, so both runs see SamlLib.
 */
type Samlify = typeof samlifyModule;
const withDefault = samlifyModule as unknown as { default?: Samlify };
export const saml: Samlify = withDefault.default?.SamlLib ? withDefault.default : samlifyModule;
