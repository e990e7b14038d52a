import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

describe('the core boundary lint rule', function () {
  this.timeout(60_000);
  const eslint = new ESLint();

  async function restrictedImportsIn(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: file });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  for (const library of ['express', 'samlify', '@node-saml/node-saml', 'oidc-provider', 'openid-client', 'xml-crypto']) {
    it(`refuses ${library} in src/core`, async () => {
      const messages = await restrictedImportsIn('src/core/probe.ts', `import x from '${library}';\nexport const y = x;\n`);
      assert.equal(messages.length, 1, `expected ${library} to be refused`);
    });
  }

  it('refuses adapters in src/core', async () => {
    const messages = await restrictedImportsIn('src/core/probe.ts', "import { x } from '../inbound/saml/index.js';\nexport const y = x;\n");
    assert.equal(messages.length, 1);
  });

  it('allows the same imports outside src/core', async () => {
    assert.deepEqual(await restrictedImportsIn('src/web/probe.ts', "import express from 'express';\nexport const y = express;\n"), []);
  });

  it('refuses the outbound side in src/inbound (adapters meet only at the seam)', async () => {
    const messages = await restrictedImportsIn('src/inbound/wallet/probe.ts', "import { sealCitizen } from '../../outbound/oidc/citizen-store.js';\nexport const y = sealCitizen;\n");
    assert.equal(messages.length, 1);
    assert.deepEqual(await restrictedImportsIn('src/inbound/wallet/probe.ts', "import { sealCitizen } from '../../keys/sealing.js';\nexport const y = sealCitizen;\n"), []);
  });

  it('refuses Passerelle\'s adapters in the demo apps (the demo wallet has its own code or src/mdoc)', async () => {
    for (const target of ['../../inbound/wallet/index.js', '../../outbound/oidc/index.js']) {
      const messages = await restrictedImportsIn('src/demo/wallet/probe.ts', `import { x } from '${target}';\nexport const y = x;\n`);
      assert.equal(messages.length, 1, target);
    }
    assert.deepEqual(await restrictedImportsIn('src/demo/wallet/probe.ts', "import { mdocContext } from '../../mdoc/node-context.js';\nexport const y = mdocContext;\n"), []);
  });
});
