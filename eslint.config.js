import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const protocolLibraries = [
  'express', 'express-*', 'helmet', 'pino-http',
  '@node-saml/*', 'samlify', 'xml-crypto', '@xmldom/*', 'xmllint-wasm',
  'oidc-provider', 'openid-client',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The neutral model must stay protocol-free: translation happens at the edges.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: protocolLibraries, message: 'src/core is the neutral model: no Express, SAML or OIDC libraries here.' },
          { group: ['**/inbound/**', '**/outbound/**', '**/web/**'], message: 'src/core must not depend on adapters.' },
        ],
      }],
    },
  },
  {
    // Inbound adapters hand a citizen over through the seam (src/inbound/identity-adapter.ts) and
    // never reach into the outbound side; what both need (sealing, keys) lives in src/keys.
    files: ['src/inbound/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/outbound/**'], message: 'src/inbound must not import src/outbound: share through src/core, src/keys or the seam.' }],
      }],
    },
  },
  {
    // The demo apps stand for other parties (IdPs, authorities, portals, a wallet): they reach
    // Passerelle over HTTP only and use their own code or a neutral library module (src/mdoc).
    files: ['src/demo/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/inbound/**', '**/outbound/**'], message: 'src/demo must not import Passerelle\'s adapters: use its own code or a neutral module such as src/mdoc.' }],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
