// oidc-provider's own keystore initializer (lib/helpers/initialize_keystore.js): it validates a
// JWKS and installs it as the provider's signing keystore and published JWKS. Called with the
// provider as `this`.
declare module 'oidc-provider/lib/helpers/initialize_keystore.js' {
  export default function initializeKeystore(this: object, jwks: { keys: object[] }): void;
}
