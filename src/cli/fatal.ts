import { isPasserelleError } from '../core/errors.js';

/** Ends a command with one readable line instead of a stack trace. */
export function exitWithError(error: unknown): never {
  if (isPasserelleError(error)) {
    process.stderr.write(`passerelle: ${error.message}\n`);
  } else {
    process.stderr.write(`passerelle: unexpected failure: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.PASSERELLE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  }
  process.exit(1);
}
