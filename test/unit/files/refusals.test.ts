// Hostile and broken files get one clear sentence naming the problem; pickles never run anything.
import { strict as assert } from 'node:assert';
import { existsSync, rmSync } from 'node:fs';
import { EXPECTED, fixtureBytes, openBytes, openFixture } from './helpers';
import { describeError } from '../../../src/core/tensor-files/open-tensor-file';
import { TensorFileError } from '../../../src/core/tensor-files/byte-source';

async function refusal(name: string, bytes?: Uint8Array): Promise<string> {
  try {
    const f = bytes ? await openBytes(bytes) : await openFixture(name);
    for (const e of f.entries) await f.read(e);
  } catch (e) {
    assert.ok(e instanceof TensorFileError, `${name}: expected a TensorFileError, got ${String(e)}`);
    return describeError(name, e);
  }
  assert.fail(`${name} was not refused`);
}

describe('tensor files: refusals', () => {
  const marker = EXPECTED['evil_os_system.pt'].marker!;
  beforeEach(() => rmSync(marker, { force: true }));

  it('a pickle reducing os.system is refused naming posix.system, and the command never ran', async () => {
    const msg = await refusal('evil_os_system.pt');
    assert.match(msg, /^evil_os_system\.pt: .*posix\.system.*refused without running anything/);
    assert.equal(existsSync(marker), false);
  });

  it('a pickle reducing builtins.eval is refused naming it, and nothing ran', async () => {
    const msg = await refusal('evil_eval.pt');
    assert.match(msg, /builtins\.eval/);
    assert.equal(existsSync(marker), false);
  });

  it('a whole pickled model is refused with "save a state_dict"', async () => {
    const msg = await refusal('whole_model.pt');
    assert.match(msg, /__main__\.Net|torch\.nn/);
    assert.match(msg, /holds Python objects other than tensors: save a state_dict/);
  });

  const cases: Array<[string, RegExp]> = [
    ['truncated.safetensors', /beyond|truncated/],
    ['header_too_long.safetensors', /header length .* beyond the end of the file/],
    ['not_npy.npy', /zip|unknown format/],
    ['unknown_dtype.npy', /unsupported dtype '<c8'/],
    ['bomb.npz', /over the limit|truncated/],
  ];
  for (const [name, re] of cases) {
    it(`${name} is refused: ${re.source}`, async () => {
      assert.equal(EXPECTED[name].broken, true);
      assert.match(await refusal(name), re);
    });
  }

  it('a zip member declaring more bytes than the limit is refused before inflating (zip bomb)', async () => {
    const bytes = fixtureBytes('deflated.npz');
    const { openTensorFile } = await import('../../../src/core/tensor-files/open-tensor-file');
    const { memorySource } = await import('../../../src/core/tensor-files/byte-source');
    let inflated = 0;
    const err = await openTensorFile(memorySource(bytes), {
      inflate: () => {
        inflated++;
        return Promise.resolve(new Uint8Array(0));
      },
      limits: { maxElements: 8 },
    }).catch((e: Error) => e);
    assert.ok(err instanceof TensorFileError);
    assert.match(err.message, /zip bomb/);
    assert.equal(inflated, 0);
  });

  it('a PNG declaring 100,000 × 100,000 pixels is refused before decoding', async () => {
    const png = fixtureBytes('rgb.png');
    new DataView(png.buffer, png.byteOffset).setUint32(16, 100_000, false);
    new DataView(png.buffer, png.byteOffset).setUint32(20, 100_000, false);
    assert.match(await refusal('huge.png', png), /huge\.png: the image is 100000×100000, over 100 megapixels/);
  });

  it('an empty file and random bytes are refused plainly', async () => {
    assert.match(await refusal('empty', new Uint8Array(0)), /empty/);
    assert.match(await refusal('noise', new Uint8Array(100).fill(7)), /unknown format/);
  });
});
