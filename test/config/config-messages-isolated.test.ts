import assert from 'node:assert/strict';
import { z } from 'zod';
import { resolveConfig } from '../../src/config/load.js';
import { baseTestConfig } from '../support/config.js';

describe('configuration messages', () => {
  it('stay the same when a library installs a process-wide zod error map', () => {
    const before = z.config();
    z.config({ customError: () => 'a message some library prefers' });
    try {
      const raw = { ...baseTestConfig(), unknownKey: 1 };
      assert.throws(() => resolveConfig(raw, {}), /\(root\): Unrecognized key: "unknownKey"/);
    } finally {
      z.config({ customError: before.customError });
    }
  });
});
