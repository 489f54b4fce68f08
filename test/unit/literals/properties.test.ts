// Property tests: printed nested arrays parse back exactly; mutated literals never throw and never take long.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { literalAt, literalsInDocument, parseLiteral } from '../../../src/core/literals/index';

type Nested = number | Nested[];

/** A random tensor as nested arrays: rank 1..4, each dim 1..4 (0 allowed for the last). */
const tensorArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).chain((shape) => {
  const size = shape.reduce((a, b) => a * b, 1);
  const value = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
    fc.constantFrom(NaN, Infinity, -Infinity),
  );
  return fc.record({ shape: fc.constant(shape), values: fc.array(value, { minLength: size, maxLength: size }) });
});

function nest(shape: number[], values: number[]): Nested {
  if (shape.length === 0) return values[0];
  const step = values.length / shape[0];
  return Array.from({ length: shape[0] }, (_, i) => nest(shape.slice(1), values.slice(i * step, (i + 1) * step)));
}

type Style = 'json' | 'python' | 'torch' | 'numpy';

/** Prints with random separators (spaces, newlines, tabs, comments) drawn from `gaps`. */
function print(n: Nested, style: Style, gap: () => string, tuples: boolean): string {
  if (typeof n === 'number') {
    if (Object.is(n, -0)) return '-0.0';
    if (style === 'json') return String(n);
    if (Number.isNaN(n)) return "float('nan')";
    if (n === Infinity) return "float('inf')";
    if (n === -Infinity) return "-float('inf')";
    return String(n);
  }
  const [o, c] = tuples && n.length > 1 ? ['(', ')'] : ['[', ']'];
  const inner = n.map((x) => print(x, style, gap, tuples)).join(`,${gap()}`);
  return `${o}${gap()}${inner}${gap()}${Math.random() < 0.3 && style !== 'json' ? ',' : ''}${c}`;
}

const gapsArb = fc.array(fc.constantFrom(' ', '', '\n', '\t', '  ', '\n\n', 'C'), { minLength: 1, maxLength: 12 });

describe('literals: properties', () => {
  it('a nested array printed as JSON / Python list / torch.tensor / np.array parses back to the same shape and values', () => {
    fc.assert(
      fc.property(
        tensorArb,
        gapsArb,
        fc.constantFrom<Style>('json', 'python', 'torch', 'numpy'),
        fc.boolean(),
        ({ shape, values }, gaps, style, tuples) => {
          const finite = style === 'json' ? values.map((v) => (Number.isFinite(v) ? v : 0)) : values;
          let k = 0;
          const comment = style === 'json' ? '// note\n' : '# note\n';
          const gap = (): string => {
            const g = gaps[k++ % gaps.length];
            return g === 'C' ? ` ${comment}` : g;
          };
          const body = print(nest(shape, finite), style, gap, tuples && style !== 'json');
          const text = style === 'torch' ? `torch.tensor(${body}, requires_grad=False)` : style === 'numpy' ? `np.array(${body})` : body;
          const r = parseLiteral(text, { language: style === 'json' ? 'json' : 'python' });
          if (r.kind !== 'tensor') assert.fail(`${r.kind === 'error' ? r.message : r.kind} for ${text}`);
          assert.deepEqual(r.shape, shape);
          assert.deepEqual(
            Array.from(r.data),
            finite.map((v) => Math.fround(v)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  const seeds = [
    'image_tensor = torch.tensor([\n    [1, 0, 0],\n    [0, -1.5, 0],  # c\n], dtype=torch.float32).view(1, 1, 3, 3)',
    "nn.Conv2d(in_channels=3, out_channels=8, kernel_size=(3, 5), stride=2, padding='same', bias=False)",
    '{"shape": [2, 2], "data": [1, 2e-3, -3, 4]}',
    "np.array([[float('nan'), True], (3, 4)]).reshape(-1)",
    'F.conv2d(torch.ones(1, 1, 4, 4), w, stride=(1, 2), padding=1)',
  ];
  const mutationArb = fc.record({
    seed: fc.constantFrom(...seeds),
    edits: fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('delete', 'duplicate', 'bracket') }), { minLength: 1, maxLength: 6 }),
  });

  it('random mutations either parse or give an error — never throw, never blow up (no mutation takes 1 s)', () => {
    fc.assert(
      fc.property(mutationArb, ({ seed, edits }) => {
        let text = seed;
        for (const e of edits) {
          const i = e.at % Math.max(text.length, 1);
          if (e.op === 'delete') text = text.slice(0, i) + text.slice(i + 1);
          else if (e.op === 'duplicate') text = text.slice(0, i) + text[i] + text.slice(i);
          else text = text.slice(0, i) + '[(])'[e.at % 4] + text.slice(i);
        }
        const r = parseLiteral(text);
        assert.ok(['tensor', 'layer', 'error'].includes(r.kind));
        if (r.kind === 'error') assert.ok(r.range.start <= r.range.end && r.range.end <= text.length && r.message.length > 0);
        const found = [...literalsInDocument(text, { includeErrors: true }), literalAt(text, edits[0].at % (text.length + 1))];
        for (const f of [r, ...found]) {
          if (!f) continue;
          assert.ok(f.range.start >= 0 && f.range.end <= text.length);
          if (f.kind === 'error') assert.doesNotMatch(f.message, /internal error/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
