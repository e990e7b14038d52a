import { resolveConfig, type LoadedConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { testKeysDirectory } from './keys.js';

/** A minimal valid configuration; tests override what they exercise. */
export function baseTestConfig(): ConfigInput {
  return {
    publicUrl: 'http://127.0.0.1:3000',
    nodeCountry: 'DE',
    environment: 'development',
    keys: { directory: testKeysDirectory, generateDevelopmentKeys: true },
    secrets: { pairwiseSecret: 'test-pairwise-secret-0123456789abcdef', cookieKeys: ['test-cookie-key-0123456789abcdefghijkl'] },
    countries: [{
      code: 'IT', names: { it: 'Italia', en: 'Italy' }, languages: ['it'],
      idp: { metadataUrl: 'http://127.0.0.1:1/it/metadata', allowInsecureMetadataUrl: true },
    }],
  };
}

export function testConfig(overrides: Partial<ConfigInput> = {}): LoadedConfig {
  return resolveConfig({ ...baseTestConfig(), ...overrides }, {});
}
