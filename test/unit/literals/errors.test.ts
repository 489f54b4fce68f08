// Bad inputs give a structured error with the exact text and the range to underline — never an exception.
import assert from 'node:assert/strict';
import { formatLiteralError, literalAt, literalsInDocument, parseLiteral } from '../../../src/core/literals/index';
import { asError } from './helpers';

const FIVE = '[1, 1, 1, 1, 1]';
const RAGGED = `torch.tensor([\n    ${FIVE},\n    ${FIVE},\n    [1, 1, 1, 1],\n    ${FIVE},\n])`;
const ONES25 = `torch.tensor([${Array(25).fill(1).join(', ')}])`;

/** [input, exact message, exact text the range covers, line, column] */
const TABLE: Array<[string, string, string, number, number]> = [
  [RAGGED, 'row 3 has 4 elements, expected 5', '[1, 1, 1, 1]', 4, 5],
  ['[[1, 2], [3, 4, 5]]', 'row 2 has 3 elements, expected 2', '[3, 4, 5]', 1, 10],
  ['[[[1, 2]], [[1, 2], [3, 4]]]', 'row 2 has 2 elements, expected 1', '[[1, 2], [3, 4]]', 1, 12],
  ['[[1, 2], 3]', 'expected a list of 2 elements, found a number', '3', 1, 10],
  ['[1, [2, 3]]', 'expected a number, found a list', '[', 1, 5],
  ['[1, "a", 3]', `expected a number, found '"a"'`, '"a"', 1, 5],
  ['torch.tensor([1, x, 3])', "expected a number, found 'x'", 'x', 1, 18],
  ['[1, 2 3]', "expected ',' or ']', found '3'", '3', 1, 7],
  ['[[1, 2], [3, 4]', "'[' was never closed", '[', 1, 1],
  ['torch.tensor([[1, 2], [3, 4]]', "'(' was never closed", '(', 1, 13],
  ['[[1, 2), [3, 4]]', "closing parenthesis ')' does not match opening parenthesis '['", ')', 1, 7],
  ['[1, 2]]', "unexpected ']' after the literal", ']', 1, 7],
  [`${ONES25}.view(1, 1, 4, 4)`, "shape '[1, 1, 4, 4]' is invalid for input of size 25", '.view(1, 1, 4, 4)', 1, 90],
  [`${ONES25}.reshape(-1, 3)`, "shape '[-1, 3]' is invalid for input of size 25", '.reshape(-1, 3)', 1, 90],
  [`${ONES25}.view(-1, -1)`, 'only one dimension can be inferred', '.view(-1, -1)', 1, 90],
  [`${ONES25}.view(-2, 5)`, 'invalid shape dimension -2', '.view(-2, 5)', 1, 90],
  [`${ONES25}.view(5, 5).unsqueeze(3)`, 'Dimension out of range (expected to be in range of [-3, 2], but got 3)', '.unsqueeze(3)', 1, 101],
  ['{"shape": [2, 2], "data": [1, 2, 3]}', "shape '[2, 2]' is invalid for input of size 3", '[2, 2]', 1, 11],
  ['[[[[[[[[[1]]]]]]]]]', 'nesting deeper than 8 levels', '[', 1, 9],
  [
    'torch.tensor([300], dtype=torch.uint8)',
    'value cannot be converted to type uint8 without overflow',
    '[300], dtype=torch.uint8)',
    1,
    14,
  ],
  ["torch.tensor([float('abc')])", "could not convert string to float: 'abc'", "'abc'", 1, 21],
  ['[1, 2e, 3]', "invalid number '2e'", '2e', 1, 5],
  ['[1, 2j]', "invalid number '2j'", '2j', 1, 5],
  ['torch.ones(-1, 2)', 'Trying to create tensor with negative dimension -1: [-1, 2]', 'torch.ones(-1, 2)', 1, 1],
  ['torch.arange(0, 5, 0)', 'step must be nonzero', 'torch.arange(0, 5, 0)', 1, 1],
  ['print("hello")', "expected a tensor literal or layer call, found 'print'", 'print', 1, 1],
];

describe('literals: error table', () => {
  for (const [text, message, covered, line, column] of TABLE) {
    it(`${JSON.stringify(text.length > 50 ? text.slice(0, 47) + '...' : text)} → ${message}`, () => {
      const e = asError(parseLiteral(text));
      assert.equal(e.message, message);
      assert.equal(text.slice(e.range.start, e.range.end), covered);
      assert.equal(e.line, line);
      assert.equal(e.column, column);
    });
  }

  it('formats an error with its line and column', () => {
    assert.equal(formatLiteralError(asError(parseLiteral(RAGGED))), 'line 4, column 5: row 3 has 4 elements, expected 5');
  });

  it('enforces the element limit, configurable, before building anything big', () => {
    const e = asError(parseLiteral('[1, 2, 3, 4, 5]', { maxElements: 4 }));
    assert.equal(e.message, 'tensor has more than 4 elements');
    assert.deepEqual(e.range, { start: 13, end: 14 });
    const big = asError(parseLiteral('torch.zeros(100000, 100000)'));
    assert.equal(big.message, 'tensor has more than 16777216 elements');
    assert.ok(asError(parseLiteral('torch.arange(1e12)')).message.startsWith('tensor has more than'));
  });

  it('answers on pathologically deep nesting (its time: npm run bench:literals)', () => {
    const deep = `x = torch.tensor(${'['.repeat(50000)}1${']'.repeat(50000)})`;
    assert.equal(asError(parseLiteral(deep)).message, 'nesting deeper than 8 levels');
    assert.equal(asError(literalAt(deep, 30000)).message, 'nesting deeper than 8 levels');
    assert.equal(literalsInDocument(deep).length, 0);
  });

  it('never throws on odd input', () => {
    for (const text of [
      '',
      '[',
      ']',
      '(',
      'torch.tensor(',
      'nn.Conv2d(',
      '/*',
      '"',
      "float('",
      '{"shape": [1], "data": ',
      '\u0000',
      '[-]',
      '[+ ]',
    ]) {
      const r = parseLiteral(text);
      assert.equal(r.kind, 'error', `for ${JSON.stringify(text)}`);
      assert.ok(r.range.start >= 0 && r.range.end <= text.length && r.range.start <= r.range.end);
    }
  });
});
