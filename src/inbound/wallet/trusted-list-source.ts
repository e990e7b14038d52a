import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { parseTrustedList, type TrustedList } from './trusted-list.js';

export interface TrustedListHealth {
  issuer: string;
  nextUpdate?: string;
  /** `fresh`; `stale` (past nextUpdate, within the grace: still used); `expired` (no longer trusted). */
  state: 'fresh' | 'stale' | 'expired';
  /** Why the file on disk could not replace the list in use (the old list stays until it expires). */
  lastError?: string;
}

/**
 * The trusted list in use, and the rule that a list past its `nextUpdate` stops being trusted:
 * its issuer promised a newer one by then, and a list that is not renewed may still name a
 * provider since withdrawn. After `nextUpdate` plus the configured grace, every presentation is
 * refused (`wallet_trusted_list_expired`) until a newer list is in place. The file is read
 * again whenever it changes on disk, so putting the new list there is enough; a file that does
 * not parse leaves the current list in place and shows on /readyz.
 */
export class TrustedListSource {
  private list: TrustedList;
  private signature: string;
  private lastError: string | undefined;

  constructor(private readonly file: string, private readonly graceMs: number) {
    this.signature = this.fileSignature();
    this.list = parseTrustedList(readFileSync(file, 'utf8'));
  }

  static load(ctx: AppContext, file: string, graceSeconds: number): TrustedListSource {
    const resolved = path.resolve(ctx.baseDir, file);
    try {
      return new TrustedListSource(resolved, graceSeconds * 1000);
    } catch (error) {
      throw new PasserelleError('config_invalid', `wallet trusted list ${file}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The list as last read, whatever its age (which countries the country page offers). */
  get latest(): TrustedList {
    this.refresh();
    return this.list;
  }

  /** The list to check a presentation against now, or the refusal when it has expired. */
  current(now: number): TrustedList {
    const list = this.latest;
    if (this.stateAt(list, now) === 'expired') {
      throw new PasserelleError('wallet_trusted_list_expired', `the trusted list of ${list.issuer} is past its nextUpdate and the grace`);
    }
    return list;
  }

  health(now: number): TrustedListHealth {
    const list = this.latest;
    return {
      issuer: list.issuer, state: this.stateAt(list, now),
      ...(list.nextUpdate !== undefined ? { nextUpdate: new Date(list.nextUpdate).toISOString() } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  private stateAt(list: TrustedList, now: number): TrustedListHealth['state'] {
    if (list.nextUpdate === undefined || now <= list.nextUpdate) return 'fresh';
    return now <= list.nextUpdate + this.graceMs ? 'stale' : 'expired';
  }

  /** Size, modification time and inode: a replaced or rewritten file changes at least one. */
  private fileSignature(): string {
    const stat = statSync(this.file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  }

  private refresh(): void {
    let signature: string;
    try {
      signature = this.fileSignature();
    } catch (error) {
      this.lastError = `unreadable: ${(error as NodeJS.ErrnoException).code ?? 'error'}`;
      return;
    }
    if (signature === this.signature) return;
    try {
      this.list = parseTrustedList(readFileSync(this.file, 'utf8'));
      this.signature = signature;
      this.lastError = undefined;
    } catch (error) {
      this.lastError = `not a usable list: ${(error as Error).message.slice(0, 200)}`;
    }
  }
}
