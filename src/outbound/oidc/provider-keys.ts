import type Provider from 'oidc-provider';
import initializeKeystore from 'oidc-provider/lib/helpers/initialize_keystore.js';
import type { Keystore } from '../../keys/keystore.js';
import type { Logger } from '../../web/logger.js';
import { providerSigningJwks } from './signing-keys.js';

/**
 * oidc-provider takes its JWKS once, at construction. When our keyring changes (a staged
 * next key, a promotion, a retirement) the provider gets the new set through the same
 * initializer it used at construction, which validates it as strictly; a set it refuses
 * leaves the previous one in place. The ID token algorithms stay those of the start.
 */
export function followKeyring(provider: Provider, keystore: Keystore, logger: Logger): void {
  keystore.onChange(() => {
    try {
      initializeKeystore.call(provider, providerSigningJwks(keystore));
    } catch (error) {
      logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'new oidc-signing keys refused by the OpenID Provider; keeping the previous ones');
    }
  });
}
