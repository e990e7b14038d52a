import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../support/ports.js';

/**
 * A real simpleSAMLphp IdP (Debian 12: simplesamlphp 1.19, php-fpm, php-xml, nginx-light) on loopback, with a
 * configuration generated for one test run: an exampleauth user carrying eIDAS attributes, the eIDAS LoA
 * as AuthnContextClassRef, RSA-SHA256 signatures, and Passerelle as the one remote SP.
 */
const simplesamlphpDir = '/usr/share/simplesamlphp';
const nginx = '/usr/sbin/nginx';
// Debian's simplesamlphp does not pull in php-xml, without which it cannot build any SAML message (no DOMDocument).
export const simplesamlphpInstall = 'apt-get install -y simplesamlphp php-fpm php-xml nginx-light';

function phpDomAvailable(): boolean {
  try {
    return readdirSync('/etc/php').some((version) => existsSync(`/etc/php/${version}/mods-available/dom.ini`));
  } catch {
    return false;
  }
}

function phpFpmBinary(): string | undefined {
  try {
    return readdirSync('/usr/sbin').filter((f) => /^php-fpm\d+(\.\d+)?$/.test(f)).sort().map((f) => `/usr/sbin/${f}`).at(-1);
  } catch {
    return undefined;
  }
}

export const simplesamlphpAvailable = existsSync(`${simplesamlphpDir}/www/_include.php`) && existsSync(nginx) && phpFpmBinary() !== undefined && phpDomAvailable();

export interface SimpleSamlSp {
  entityId: string;
  acsUrl: string;
  signingCertificateBase64: string;
  encryptionCertificateBase64: string;
  encryptAssertions: boolean;
}

export interface SimpleSamlUser {
  username: string;
  password: string;
  /** eIDAS attribute URI → values. */
  attributes: Record<string, string[]>;
}

export interface SimpleSamlIdp {
  url: string;
  metadataUrl: string;
  /** Changes the SP entry (e.g. turn encryption on) without restarting: the PHP files are read per request. */
  configureSp(sp: SimpleSamlSp): void;
  logs(): string;
  close(): Promise<void>;
}

const php = (value: unknown): string => {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(php).join(', ')}]`;
  return `[${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${php(k)} => ${php(v)}`).join(', ')}]`;
};

function waitForHttp(url: string, child: ChildProcess[], logs: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  return new Promise((resolve, reject) => {
    const attempt = async () => {
      if (child.some((c) => c.exitCode !== null)) return reject(new Error(`simpleSAMLphp stack exited:\n${logs()}`));
      try {
        const response = await fetch(url);
        // simpleSAMLphp answers its own failures with 200 and an HTML page: only metadata counts.
        if (response.status === 200 && (await response.text()).includes('EntityDescriptor')) return resolve();
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) return reject(new Error(`simpleSAMLphp did not answer ${url}:\n${logs()}`));
      setTimeout(attempt, 200);
    };
    void attempt();
  });
}

export async function startSimpleSamlIdp(options: { privateKeyPem: string; certificatePem: string; user: SimpleSamlUser; loa: string; sp: SimpleSamlSp }): Promise<SimpleSamlIdp> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-simplesamlphp-'));
  for (const sub of ['config', 'metadata', 'cert', 'data', 'log', 'tmp', 'sessions', 'nginx']) mkdirSync(path.join(dir, sub));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const socket = path.join(dir, 'php-fpm.sock');
  writeFileSync(path.join(dir, 'cert', 'idp.key'), options.privateKeyPem, { mode: 0o600 });
  writeFileSync(path.join(dir, 'cert', 'idp.crt'), options.certificatePem);

  const config = {
    baseurlpath: `${url}/simplesaml/`,
    certdir: path.join(dir, 'cert') + '/',
    loggingdir: path.join(dir, 'log') + '/',
    datadir: path.join(dir, 'data') + '/',
    tempdir: path.join(dir, 'tmp'),
    secretsalt: 'passerelle-interop-test-salt-0123456789',
    'auth.adminpassword': 'interop-admin-password-0123456789',
    technicalcontact_name: 'Passerelle test', technicalcontact_email: 'test@example.org',
    timezone: 'UTC',
    'logging.level': 7, 'logging.handler': 'file', 'logging.logfile': 'simplesamlphp.log',
    'enable.saml20-idp': true,
    'module.enable': { exampleauth: true, core: true, saml: true },
    'metadata.sources': [{ type: 'flatfile', directory: path.join(dir, 'metadata') }],
    'store.type': 'phpsession',
    'session.phpsession.savepath': path.join(dir, 'sessions'),
    'session.cookie.secure': false,
    'language.default': 'en',
    'trusted.url.domains': ['127.0.0.1'],
  };
  writeFileSync(path.join(dir, 'config', 'config.php'), `<?php\n$config = ${php(config)};\n`);
  // exampleauth:UserPass: [0 => the class, 'user:password' => attributes].
  writeFileSync(path.join(dir, 'config', 'authsources.php'), `<?php\n$config = ${php({
    admin: ['core:AdminPassword'],
    'eidas-users': { 0: 'exampleauth:UserPass', [`${options.user.username}:${options.user.password}`]: options.user.attributes },
  })};\n`);
  writeFileSync(path.join(dir, 'metadata', 'saml20-idp-hosted.php'), `<?php\n$metadata['__DYNAMIC:1__'] = ${php({
    host: '__DEFAULT__',
    privatekey: 'idp.key',
    certificate: 'idp.crt',
    auth: 'eidas-users',
    'signature.algorithm': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'validate.authnrequest': true,
    'saml20.sign.assertion': true,
    'saml20.sign.response': true,
    'attributes.NameFormat': 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
    authproc: {
      10: { class: 'saml:PersistentNameID', attribute: 'http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier' },
      20: { class: 'saml:AuthnContextClassRef', AuthnContextClassRef: options.loa },
    },
  })};\n`);
  const configureSp = (sp: SimpleSamlSp) => {
    writeFileSync(path.join(dir, 'metadata', 'saml20-sp-remote.php'), `<?php\n$metadata[${php(sp.entityId)}] = ${php({
      AssertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: sp.acsUrl }],
      keys: [
        { encryption: false, signing: true, type: 'X509Certificate', X509Certificate: sp.signingCertificateBase64 },
        { encryption: true, signing: false, type: 'X509Certificate', X509Certificate: sp.encryptionCertificateBase64 },
      ],
      'validate.authnrequest': true,
      'assertion.encryption': sp.encryptAssertions,
      'attributes.NameFormat': 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
      'signature.algorithm': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    })};\n`);
  };
  configureSp(options.sp);

  writeFileSync(path.join(dir, 'php-fpm.conf'), [
    '[global]', `pid = ${dir}/php-fpm.pid`, `error_log = ${dir}/log/php-fpm.log`, 'daemonize = no',
    '[www]', `listen = ${socket}`, 'listen.mode = 0666', 'pm = static', 'pm.max_children = 2', 'clear_env = no',
    `env[SIMPLESAMLPHP_CONFIG_DIR] = ${dir}/config`, 'catch_workers_output = yes',
    `php_admin_value[error_log] = ${dir}/log/php-errors.log`, 'php_admin_flag[log_errors] = on',
  ].join('\n') + '\n');
  writeFileSync(path.join(dir, 'nginx.conf'), `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/log/nginx-error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/nginx/body; fastcgi_temp_path ${dir}/nginx/fastcgi;
  proxy_temp_path ${dir}/nginx/proxy; uwsgi_temp_path ${dir}/nginx/uwsgi; scgi_temp_path ${dir}/nginx/scgi;
  server {
    listen 127.0.0.1:${port};
    location ^~ /simplesaml {
      alias ${simplesamlphpDir}/www;
      location ~ ^(?<prefix>/simplesaml)(?<phpfile>.+?\\.php)(?<pathinfo>/.*)?$ {
        include /etc/nginx/fastcgi_params;
        fastcgi_pass unix:${socket};
        fastcgi_param SCRIPT_FILENAME $document_root$phpfile;
        fastcgi_param SCRIPT_NAME /simplesaml$phpfile;
        fastcgi_param PATH_INFO $pathinfo if_not_empty;
        fastcgi_param SIMPLESAMLPHP_CONFIG_DIR ${dir}/config;
      }
    }
  }
}
`);
  const output: string[] = [];
  const collect = (name: string) => (chunk: Buffer) => { output.push(`[${name}] ${chunk.toString('utf8')}`); };
  const fpm = spawn(phpFpmBinary()!, ['-F', '-R', '-y', path.join(dir, 'php-fpm.conf'), '-p', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  fpm.stdout!.on('data', collect('php-fpm')); fpm.stderr!.on('data', collect('php-fpm'));
  const web = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  web.stdout!.on('data', collect('nginx')); web.stderr!.on('data', collect('nginx'));
  const readLogs = () => {
    const files = ['log/php-fpm.log', 'log/php-errors.log', 'log/nginx-error.log', 'log/simplesamlphp.log'];
    return output.join('') + files.map((f) => { try { return `--- ${f}\n${readFileSync(path.join(dir, f), 'utf8').slice(-4000)}`; } catch { return ''; } }).join('\n');
  };
  const metadataUrl = `${url}/simplesaml/saml2/idp/metadata.php`;
  const stop = async () => {
    for (const child of [web, fpm]) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(metadataUrl, [fpm, web], readLogs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, metadataUrl, configureSp, logs: readLogs, close: stop };
}
