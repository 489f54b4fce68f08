// A one-node ONNX model (Conv with its weight as an initializer) written as protobuf by hand: no onnx package needed.
// Field numbers are onnx.proto's (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto).

type Field = number[];

function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

const int = (field: number, n: number): Field => [...varint((field << 3) | 0), ...varint(n)];
const bytes = (field: number, b: ArrayLike<number>): Field => [...varint((field << 3) | 2), ...varint(b.length), ...Array.from(b)];
const str = (field: number, s: string) => bytes(field, new TextEncoder().encode(s));
const msg = (field: number, ...parts: Field[]) => bytes(field, parts.flat());

const FLOAT = 1; // TensorProto.DataType.FLOAT
const INTS = 7; // AttributeProto.AttributeType.INTS
const INT = 2; // AttributeProto.AttributeType.INT

function tensorType(field: number, name: string, shape: number[] | null): Field {
  const dims = shape ? [msg(2, ...shape.map((d) => msg(1, int(1, d))))] : [];
  return msg(field, str(1, name), msg(2, msg(1, int(1, FLOAT), ...dims)));
}

/** Y = Conv(X, W) with the given pads (top, left, bottom, right as ONNX orders them: begins then ends) and group. */
export function convModel(input: number[], weightShape: number[], weight: Float32Array, padding: number, group: number): Uint8Array {
  const attr = (name: string, ints: number[]) => msg(5, str(1, name), ...ints.map((i) => int(8, i)), int(20, INTS));
  const node = msg(
    1,
    str(1, 'X'),
    str(1, 'W'),
    str(2, 'Y'),
    str(4, 'Conv'),
    attr('pads', [padding, padding, padding, padding]),
    attr('strides', [1, 1]),
    attr('kernel_shape', weightShape.slice(2)),
    msg(5, str(1, 'group'), int(3, group), int(20, INT)),
  );
  const raw = new Uint8Array(weight.buffer, weight.byteOffset, weight.byteLength);
  const init = msg(5, ...weightShape.map((d) => int(1, d)), int(2, FLOAT), str(8, 'W'), bytes(9, raw));
  const graph = msg(7, node, str(2, 'conv'), init, tensorType(11, 'X', input), tensorType(12, 'Y', null));
  return Uint8Array.from([...int(1, 8), ...str(2, 'tensor-lens-bench'), ...graph, ...msg(8, str(1, ''), int(2, 13))]);
}
