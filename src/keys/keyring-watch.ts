import type { Keystore, KeystoreLogger } from './keystore.js';

export interface KeyringWatch {
  /** Looks now (SIGHUP, tests); resolves when the look is done. */
  check(): Promise<void>;
  stop(): void;
}

/**
 * Keeps a running instance on the keyring on disk: every `intervalMs` a stat of the keyring
 * file, a reload when it changed. A keyring that cannot be used (a key file not there yet,
 * no active key) is reported and the keys in use stay, so a half-copied key directory never
 * takes an instance down; the next look tries again.
 */
export function watchKeyring(keystore: Keystore, intervalMs: number, logger: KeystoreLogger & { error(obj: object, msg: string): void }): KeyringWatch {
  let running: Promise<void> | undefined;
  let lastFailure: string | undefined;
  const check = () => {
    running ??= keystore.reload()
      .then((change) => {
        lastFailure = undefined;
        if (change) logger.info({ fingerprint: change.fingerprint, previous: change.previous, keys: summary(keystore) }, 'keyring reloaded');
      })
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        if (reason !== lastFailure) logger.error({ reason, fingerprint: keystore.fingerprint }, 'keyring changed but cannot be used; keeping the keys in use');
        lastFailure = reason;
      })
      .finally(() => { running = undefined; });
    return running;
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}

function summary(keystore: Keystore): string[] {
  return keystore.list().filter((k) => k.status !== 'retired').map((k) => `${k.status}:${k.kid}`);
}
