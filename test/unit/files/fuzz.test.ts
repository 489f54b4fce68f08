// Mutated fixtures of every format: each open-and-read either succeeds or fails with a TensorFileError, never hangs.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fixtureBytes, nodeInflate } from './helpers';
import { memorySource, TensorFileError } from '../../../src/core/tensor-files/byte-source';
import { openTensorFile } from '../../../src/core/tensor-files/open-tensor-file';

const SEEDS = [
  'f4.npy',
  'fortran.npy',
  'deflated.npz',
  'stored.npz',
  'weights.safetensors',
  'state_dict.pt',
  'checkpoint.pth',
  'legacy.pt',
  'rgb.png',
  'baseline.jpg',
];
/** 100k cases across formats (the figure); about 10k per seed file. */
const RUNS_PER_SEED = 10_000;

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'u32'; at: number; value: number }
  | { kind: 'splice'; at: number; bytes: Uint8Array };

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('u32' as const),
    at: fc.nat(),
    value: fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff, 0x80000000, 64, 4096),
  }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
);

function apply(src: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = src.slice();
  for (const m of ms) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'flip') b[at] = m.value;
    else if (m.kind === 'cut') b = b.slice(0, at);
    else if (m.kind === 'u32') {
      if (b.length >= 4) new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(Math.min(at, b.length - 4), m.value, true);
    } else b = new Uint8Array([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
  }
  return b;
}

describe('tensor files: fuzzing the readers with mutated valid files', function () {
  this.timeout(120_000);
  for (const seed of SEEDS) {
    it(`${seed}: ${RUNS_PER_SEED} mutations open or fail with a clear TensorFileError`, async () => {
      const base = fixtureBytes(seed);
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
          const bytes = apply(base, ms);
          try {
            const f = await openTensorFile(memorySource(bytes), { inflate: nodeInflate, limits: { maxElements: 1 << 16 } });
            for (const e of f.entries) await f.read(e);
          } catch (e) {
            assert.ok(e instanceof TensorFileError, `not a TensorFileError: ${(e as Error)?.stack ?? String(e)}`);
            assert.ok(e.message.length > 0 && e.message.length < 500);
          }
        }),
        { numRuns: RUNS_PER_SEED },
      );
    });
  }
});
