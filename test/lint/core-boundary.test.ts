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
});
