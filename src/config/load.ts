import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { PasserelleError } from '../core/errors.js';
import { configSchema, type Config } from './schema.js';

export const defaultConfigPath = 'config/demo.yaml';

/**
 * Replaces `${NAME}` and `${NAME:-fallback}` in string values with environment variables,
 * so secrets and URLs stay out of the file. An unset variable without fallback is an error.
 */
export function substituteEnvironment(value: unknown, env: NodeJS.ProcessEnv, at: string[] = [], missing: string[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_whole, name: string, fallback?: string) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
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
  if (env.DATABASE_URL) {
    substituted.database = { ...(substituted.database as object | undefined), url: env.DATABASE_URL };
  }
  if (env.PORT) substituted.port = env.PORT;
  if (env.PASSERELLE_PUBLIC_URL) substituted.publicUrl = env.PASSERELLE_PUBLIC_URL;
  const result = configSchema.safeParse(substituted);
  const problems = [...missing, ...(result.success ? [] : describeIssues(result.error.issues))];
  if (problems.length > 0 || !result.success) {
    throw new PasserelleError('config_invalid', `configuration ${file} is invalid:\n  - ${problems.join('\n  - ')}`);
  }
  return { config: result.data, baseDir: path.dirname(path.resolve(file)), file };
}
