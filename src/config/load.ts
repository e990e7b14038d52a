import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PasserelleError } from '../core/errors.js';
import { configSchema, type Config } from './schema.js';

export const defaultConfigPath = 'config/demo.yaml';

/**
 * Zod's own English messages, passed with every parse: a library may install a process-wide zod
 * error map when it is imported, and the operator's messages must not change with what else is loaded.
 */
const englishMessages = z.locales.en().localeError;

/**
 * A secret mounted as a file (Docker and Kubernetes secrets, systemd credentials): its whole
 * content, without the final line break editors and `echo` add.
 */
function readSecretFile(file: string, at: string[], missing: string[]): string {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    missing.push(`${formatPath(at)}: secret file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return '';
  }
}

/** `NAME` from the environment, or else the content of the file named by `NAME_FILE`. */
export function environmentValue(env: NodeJS.ProcessEnv, name: string, at: string[] = [], missing: string[] = []): string | undefined {
  const found = env[name];
  if (found !== undefined && found !== '') return found;
  const file = env[`${name}_FILE`];
  return file ? readSecretFile(file, at, missing) : undefined;
}

/**
 * Replaces `${NAME}` and `${NAME:-fallback}` in string values with environment variables
 * (or the file named by `NAME_FILE`), and `${file:/path}` with that file's content, so
 * secrets and URLs stay out of the configuration file. An unset variable without fallback,
 * or an unreadable file, is an error naming the field.
 */
export function substituteEnvironment(value: unknown, env: NodeJS.ProcessEnv, at: string[] = [], missing: string[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{(?:file:([^}]+)|([A-Z0-9_]+)(?::-([^}]*))?)\}/g, (_whole, file: string | undefined, name: string | undefined, fallback?: string) => {
      if (file !== undefined) return readSecretFile(file.trim(), at, missing);
      const found = environmentValue(env, name!, at, missing);
      if (found !== undefined) return found;
      if (fallback !== undefined) return fallback;
      missing.push(`${formatPath(at)}: environment variable ${name} is not set`);
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteEnvironment(item, env, [...at, String(i)], missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnvironment(v, env, [...at, k], missing)]));
  }
  return value;
}

function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  return segments.reduce<string>((out, segment) => {
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) return `${out}[${String(segment)}]`;
    return out ? `${out}.${String(segment)}` : String(segment);
  }, '') || '(root)';
}

export function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

export interface LoadedConfig {
  config: Config;
  /** Directory of the configuration file; relative paths in it are resolved from here. */
  baseDir: string;
  file: string;
}

/** Reads, substitutes and validates the configuration; every problem is listed in one error. */
export function loadConfig(file: string = process.env.PASSERELLE_CONFIG ?? defaultConfigPath, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PasserelleError('config_invalid', `configuration file ${file} cannot be read`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new PasserelleError('config_invalid', `configuration file ${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return resolveConfig(raw, env, file);
}

export function resolveConfig(raw: unknown, env: NodeJS.ProcessEnv, file = '(inline)'): LoadedConfig {
  const missing: string[] = [];
  const substituted = substituteEnvironment(raw ?? {}, env, [], missing) as Record<string, unknown>;
  const databaseUrl = environmentValue(env, 'DATABASE_URL', ['DATABASE_URL'], missing);
  if (databaseUrl) {
    substituted.database = { ...(substituted.database as object | undefined), url: databaseUrl };
  }
  if (env.PORT) substituted.port = env.PORT;
  if (env.PASSERELLE_PUBLIC_URL) substituted.publicUrl = env.PASSERELLE_PUBLIC_URL;
  const result = configSchema.safeParse(substituted, { error: englishMessages });
  const problems = [...missing, ...(result.success ? [] : describeIssues(result.error.issues))];
  if (problems.length > 0 || !result.success) {
    throw new PasserelleError('config_invalid', `configuration ${file} is invalid:\n  - ${problems.join('\n  - ')}`);
  }
  return { config: result.data, baseDir: path.dirname(path.resolve(file)), file };
}
