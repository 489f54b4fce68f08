// npm test's summary reads mocha's counts from the spec reporter, colours and all.
import assert from 'node:assert/strict';
import { parseMochaSummary } from '../../../scripts/mocha-summary.mjs';

describe('mocha summary parsing', () => {
  it('reads passing, failing and pending counts', () => {
    const out = '\n  engine\n    ✔ adds\n    1) fails\n\n\n  12 passing (35ms)\n  2 pending\n  3 failing\n\n  1) engine\n       fails:\n';
    assert.deepEqual(parseMochaSummary(out), { passed: 12, failed: 3, pending: 2 });
  });

  it('ignores ANSI colours and test titles that merely contain the words', () => {
    const out =
      '\u001b[32m  ✔\u001b[0m\u001b[90m shows 3 failing cells\u001b[0m\n\n\u001b[92m \u001b[0m\u001b[32m 7 passing\u001b[0m\u001b[90m (4s)\u001b[0m\n';
    assert.deepEqual(parseMochaSummary(out), { passed: 7, failed: 0, pending: 0 });
  });

  it('reports zero when mocha crashed before its summary', () => {
    assert.deepEqual(parseMochaSummary('Error: Cannot find module ./x\n'), { passed: 0, failed: 0, pending: 0 });
  });
});
