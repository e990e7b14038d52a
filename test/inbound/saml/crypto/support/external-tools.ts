import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths.js';

/**
 * Independent verifiers installed from Debian packages (see scripts/fixtures/generate-independent.sh).
 * Tests that use them skip where they are not installed: the committed fixtures cover that case.
 */
const santuarioClasspath = ['xmlsec.jar', 'bcprov.jar', 'slf4j-api.jar', 'slf4j-nop.jar'].map((jar) => `/usr/share/java/${jar}`);

const has = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

export const tools = {
  santuario: () => santuarioClasspath.every((jar) => existsSync(jar)) && has('javac', ['-version']),
  xmlsec1: () => has('xmlsec1', ['--version']),
  pyca: () => has('/usr/bin/python3', ['-c', 'import cryptography, lxml']),
};

export function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'passerelle-crypto-')), name);
  writeFileSync(file, content);
  return file;
}

export function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let compiled: string | undefined;

/** Runs scripts/fixtures/santuario/CrossCheck.java, compiled once per test run (source launch is slow). */
export function santuario(...args: string[]) {
  if (!compiled) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-santuario-'));
    const result = run('javac', ['-cp', santuarioClasspath.join(':'), '-d', dir, path.join(repoRoot, 'scripts/fixtures/santuario/CrossCheck.java')]);
    if (result.status !== 0) throw new Error(`javac failed: ${result.stderr}`);
    compiled = dir;
  }
  return run('java', ['-cp', [compiled, ...santuarioClasspath].join(':'), 'CrossCheck', ...args]);
}
