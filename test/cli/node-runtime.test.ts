import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const supportedLines = ['22', '24'];
const line = process.versions.node.split('.')[0]!;

describe(`Node.js runtime (${process.version})`, () => {
  it('package.json engines admit the supported LTS lines 22 and 24 (and end-of-life 20 while CI still runs it)', () => {
    const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
    assert.deepEqual(engines.split('||').map((range) => range.trim()), ['^22.12.0', '^24.0.0', '^20.19.0']);
  });

  it('on a supported LTS line the OpenID Provider library starts without its "Unsupported runtime" warning', async function () {
    if (!supportedLines.includes(line)) {
      console.log(`      Node.js ${line} is not a supported line (22, 24): the warning is expected here`);
      this.skip();
    }
    const { stderr, stdout } = await run(process.execPath, ['--input-type=module', '-e', "await import('oidc-provider'); console.log('loaded')"]);
    assert.equal(stdout.trim(), 'loaded');
    assert.doesNotMatch(stderr, /Unsupported runtime/);
  });
});
