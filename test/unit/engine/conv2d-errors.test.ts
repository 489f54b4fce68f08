// conv2d / nn.Conv2d argument errors and output shapes against 314 cases recorded from PyTorch 1.13 (fixtures/gen-conv2d-errors.py).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TorchError, conv2d, nn, zeros } from '../../../src/core/engine/index';
import type { Tensor } from '../../../src/core/engine/index';

interface ErrorCase {
  name: string;
  args: { stride: number[]; padding: number[] | string; dilation: number[]; groups: number; padding_mode: string };
  input_shape: number[];
  weight_shape: number[];
  bias_shape: number[] | null;
  functional_error: { type: string; message: string } | null;
  module_error: { type: string; message: string } | null;
  functional_output_shape: number[] | null;
  module_output_shape: number[] | null;
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'conv2d-errors-extra.json'), 'utf8')) as { cases: ErrorCase[] };

function outcome(fn: () => Tensor): string {
  try {
    return `ok ${JSON.stringify([...fn().shape])}`;
  } catch (err) {
    if (!(err instanceof TorchError)) throw err;
    return `${err.type}: ${err.message}`;
  }
}

const expected = (e: ErrorCase['functional_error'], shape: number[] | null) =>
  e ? `${e.type}: ${e.message}` : `ok ${JSON.stringify(shape)}`;

/** Python prints sets such as {'same', 'valid'} in hash order, which changes per process: compare them as sets. */
const normalizeSets = (msg: string) => msg.replace(/\{([^{}]*)\}/g, (_, items: string) => `{${items.split(', ').sort().join(', ')}}`);

describe('conv2d errors and shapes (extra PyTorch cases)', () => {
  for (const c of fixture.cases) {
    const opts = {
      stride: c.args.stride,
      padding: c.args.padding as never,
      dilation: c.args.dilation,
      groups: c.args.groups,
      paddingMode: c.args.padding_mode as never,
    };
    const bias = () => (c.bias_shape ? zeros(c.bias_shape) : null);
    it(`${c.name}: F.conv2d`, () => {
      const got = outcome(() => conv2d(zeros(c.input_shape), zeros(c.weight_shape), bias(), opts));
      assert.equal(normalizeSets(got), normalizeSets(expected(c.functional_error, c.functional_output_shape)));
    });
    it(`${c.name}: nn.Conv2d`, () => {
      const ws = c.weight_shape;
      const got = outcome(() => {
        const kernel: [number, number] = ws.length >= 4 ? [ws[2], ws[3]] : [ws[2] ?? 1, ws[2] ?? 1];
        const m = new nn.Conv2d((ws[1] ?? 1) * c.args.groups, ws[0] ?? 1, kernel, { ...opts, bias: c.bias_shape !== null });
        m.weight = zeros(ws);
        m.bias = bias();
        return m.forward(zeros(c.input_shape));
      });
      assert.equal(normalizeSets(got), normalizeSets(expected(c.module_error, c.module_output_shape)));
    });
  }
});
