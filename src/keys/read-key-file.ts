import { readFileSync } from 'node:fs';
import { PasserelleError } from '../core/errors.js';

/**
 * Why a key file could not be read, in words an operator can act on: a missing file, a
 * permission problem (the usual mistake when a secret is mounted for another user), a
 * directory where a file should be. Never "no active key" for what is really EACCES.
 */
export function keyFileError(file: string, what: string, error: unknown, about?: string): PasserelleError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'is missing (ENOENT)'
    : code === 'EACCES' || code === 'EPERM' ? `cannot be read: permission denied (${code}); it must be readable by the user running Passerelle`
      : code === 'EISDIR' ? 'is a directory, not a file (EISDIR)'
        : code === 'ENOTDIR' ? 'has a path through something that is not a directory (ENOTDIR)'
          : `cannot be read (${code ?? (error as Error | undefined)?.message ?? 'unknown error'})`;
  return new PasserelleError('key_missing', `${what} ${file}${about ? ` (${about})` : ''} ${reason}`, { cause: error });
}

/**
 * Reads a key file, or fails with what is wrong with it (`about`: which key, e.g. its kid).
 * `absentIsEmpty`: a file that does not exist yet yields undefined.
 */
export function readKeyFile(file: string, what: string, options: { about?: string; absentIsEmpty?: boolean } = {}): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (options.absentIsEmpty && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw keyFileError(file, what, error, options.about);
  }
}

/** Reads a file that must exist. */
export function readRequiredKeyFile(file: string, what: string, about: string): string {
  return readKeyFile(file, what, { about })!;
}
