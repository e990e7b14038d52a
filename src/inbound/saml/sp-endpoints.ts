import type { Config } from '../../config/schema.js';
import { samlPaths } from './saml-constants.js';

/** Our SAML entityID: configured, or the metadata URL (the eIDAS convention). */
export function spEntityId(config: Config): string {
  return config.saml.entityId ?? config.publicUrl + samlPaths.metadata;
}

/** The one AssertionConsumerService URL; Destination and Recipient must equal it exactly. */
export function acsUrl(config: Config): string {
  return config.publicUrl + samlPaths.acs;
}
