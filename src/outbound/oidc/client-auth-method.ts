import { AsyncLocalStorage } from 'node:async_hooks';
import { errors, type default as Provider } from 'oidc-provider';

type Carrier = 'authorization-header' | 'body';

const carrier = new AsyncLocalStorage<Carrier>();

/**
 * A portal authenticates exactly as registered. oidc-provider treats client_secret_basic and
 * client_secret_post as one shared-secret method, so a secret for a `client_secret_basic`
 * portal would also be taken from the form body (where proxies and logs see more of it).
 * Where the secret came from is remembered per request (it can only be one of the two: the
 * provider refuses both at once), and the secret comparison refuses the other carrier.
 */
export function enforceRegisteredSecretCarrier(provider: Provider): void {
  provider.use(async (ctx, next) => carrier.run(ctx.headers.authorization ? 'authorization-header' : 'body', next));
  const compare = provider.Client.prototype.compareClientSecret;
  provider.Client.prototype.compareClientSecret = async function compareAsRegistered(this: InstanceType<Provider['Client']>, secret: string) {
    const expected: Carrier = this.clientAuthMethod === 'client_secret_basic' ? 'authorization-header' : 'body';
    if (carrier.getStore() !== expected) {
      throw new errors.InvalidClientAuth(`this client is registered for ${this.clientAuthMethod}`);
    }
    return compare.call(this, secret);
  };
}
