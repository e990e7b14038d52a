import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig, resolveConfig } from '../../src/config/load.js';
import { PasserelleError } from '../../src/core/errors.js';
import { baseTestConfig } from '../support/config.js';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof PasserelleError);
    assert.equal(error.code, 'config_invalid');
    return error.message;
  }
  assert.fail('expected a configuration error');
}

describe('configuration', () => {
  it('loads the demo configuration shipped in the repository', () => {
    const { config } = loadConfig('config/demo.yaml', {});
    assert.equal(config.nodeCountry, 'DE');
    assert.deepEqual(config.countries.map((c) => c.code), ['IT', 'DE', 'ES', 'RS']);
    assert.equal(config.portals[0]?.clientId, 'bremerhaven-kita');
    assert.equal(config.saml.clockSkewSeconds, 60, 'defaults are resolved');
    assert.equal(config.countries[0]?.algorithms.profile, 'eidas', 'the strict eIDAS profile is the default');
  });

  it('names the path of every invalid field in one message', () => {
    const raw = baseTestConfig() as Record<string, unknown>;
    raw.publicUrl = 'not a url';
    raw.countries = [{ code: 'italy', names: {}, languages: ['it'], idp: {} }];
    const message = messageOf(() => resolveConfig(raw, {}));
    assert.match(message, /publicUrl: /);
    assert.match(message, /countries\[0\]\.code: /);
    assert.match(message, /countries\[0\]\.idp: exactly one of metadataFile and metadataUrl/);
  });

  it('substitutes environment variables and reports unset ones by path', () => {
    const raw = { ...baseTestConfig(), secrets: { pairwiseSecret: '${PAIRWISE}', cookieKeys: ['${COOKIE_KEY}'] } };
    const { config } = resolveConfig(raw, { PAIRWISE: 'p'.repeat(40), COOKIE_KEY: 'c'.repeat(40) });
    assert.equal(config.secrets.pairwiseSecret, 'p'.repeat(40));
    const message = messageOf(() => resolveConfig(raw, { PAIRWISE: 'p'.repeat(40) }));
    assert.match(message, /secrets\.cookieKeys\[0\]: environment variable COOKIE_KEY is not set/);
  });

  it('takes DATABASE_URL from the environment over the file', () => {
    const { config } = resolveConfig(baseTestConfig(), { DATABASE_URL: 'postgres://db.example/passerelle' });
    assert.equal(config.database.url, 'postgres://db.example/passerelle');
  });

  it('refuses development keys in production', () => {
    const raw = { ...baseTestConfig(), environment: 'production' };
    assert.match(messageOf(() => resolveConfig(raw, {})), /keys\.generateDevelopmentKeys: development keys are refused in production/);
  });

  it('refuses a production configuration that does not say who runs it', () => {
    const raw = { ...baseTestConfig(), environment: 'production' };
    assert.match(messageOf(() => resolveConfig(raw, {})), /operator: production pages must say who runs them/);
  });

  it('accepts per-language names for procedures, Serbian in either script, and an operator with per-language links', () => {
    const raw = baseTestConfig();
    raw.operator = {
      name: { en: 'Example agency', 'sr-Latn': 'Primer agencija' }, country: 'DE', contact: 'help@example.gov',
      privacyNotice: { en: 'https://example.gov/privacy', de: 'https://example.gov/datenschutz' }, accessibilityStatement: 'https://example.gov/a11y',
    };
    raw.timeZone = 'Europe/Berlin';
    const { config } = resolveConfig(raw, {});
    assert.equal(config.operator?.name['sr-Latn'], 'Primer agencija');
    assert.equal(config.timeZone, 'Europe/Berlin');
    raw.portals = [{ clientId: 'p', name: { en: 'P' }, public: true, redirectUris: ['https://p.example/cb'], defaultConsentDays: 45 }];
    assert.match(messageOf(() => resolveConfig(raw, {})), /portals\[0\]\.defaultConsentDays: one of the offered periods: 1, 7, 30, 90/);
    raw.portals = [];
    raw.timeZone = 'Mars/Olympus';
    assert.match(messageOf(() => resolveConfig(raw, {})), /timeZone: an IANA time zone/);
  });

  it('refuses algorithm relaxations under the strict eIDAS profile', () => {
    const raw = baseTestConfig();
    raw.countries = [{ ...raw.countries[0]!, algorithms: { profile: 'eidas', allowCbcEncryption: true } }];
    assert.match(messageOf(() => resolveConfig(raw, {})), /countries\[0\]\.algorithms: relaxations need profile "national"/);
  });

  it('reports a missing file and broken YAML without a stack trace', () => {
    assert.match(messageOf(() => loadConfig('/nonexistent/passerelle.yaml', {})), /cannot be read/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-config-'));
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(file, 'publicUrl: [unclosed\n');
    assert.match(messageOf(() => loadConfig(file, {})), /is not valid YAML/);
    writeFileSync(file, stringify({ ...baseTestConfig(), unknownKey: 1 }));
    assert.match(messageOf(() => loadConfig(file, {})), /\(root\): Unrecognized key: "unknownKey"/);
  });
});

describe('config: secrets from files', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-secret-files-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function secretFile(name: string, content: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, content, { mode: 0o600 });
    return file;
  }

  it('reads ${file:/path} and NAME_FILE, without the final line break, and DATABASE_URL_FILE', () => {
    const pairwise = secretFile('pairwise', `${'p'.repeat(40)}\n`);
    const cookie = secretFile('cookie', 'c'.repeat(40));
    const database = secretFile('database-url', 'postgres://passerelle:s3cret@db.internal/passerelle\r\n');
    const raw = { ...baseTestConfig(), secrets: { pairwiseSecret: `\${file:${pairwise}}`, cookieKeys: ['${COOKIE_KEY}'] } };
    const { config } = resolveConfig(raw, { COOKIE_KEY_FILE: cookie, DATABASE_URL_FILE: database });
    assert.equal(config.secrets.pairwiseSecret, 'p'.repeat(40));
    assert.deepEqual(config.secrets.cookieKeys, ['c'.repeat(40)]);
    assert.equal(config.database.url, 'postgres://passerelle:s3cret@db.internal/passerelle');
  });

  it('prefers the variable itself over NAME_FILE', () => {
    const raw = { ...baseTestConfig(), secrets: { pairwiseSecret: '${PAIRWISE}', cookieKeys: ['c'.repeat(40)] } };
    const { config } = resolveConfig(raw, { PAIRWISE: 'v'.repeat(40), PAIRWISE_FILE: secretFile('other', 'f'.repeat(40)) });
    assert.equal(config.secrets.pairwiseSecret, 'v'.repeat(40));
  });

  it('names the field and the errno of an unreadable secret file, without its content', () => {
    const raw = { ...baseTestConfig(), secrets: { pairwiseSecret: `\${file:${path.join(dir, 'absent')}}`, cookieKeys: ['${COOKIE_KEY}'] } };
    const message = messageOf(() => resolveConfig(raw, { COOKIE_KEY_FILE: dir }));
    assert.match(message, /secrets\.pairwiseSecret: secret file .+absent cannot be read \(ENOENT\)/);
    assert.match(message, /secrets\.cookieKeys\[0\]: secret file .+ cannot be read \(EISDIR\)/);
  });
});
