// Runner for tfjs 4.22 (`cpu` or `wasm` backend from argv, NHWC, one thread): W1–W6 with every output read back (dataSync).
import * as path from 'node:path';
import { TUTORIAL_EPOCHS, TUTORIAL_IMAGES } from '../tutorial-data';
import { type ConvSpec, type WorkloadId, MNIST, W2, W3, W4, W5, convWeight, mnistBatch, numel, randomData, sum } from '../workloads';
import { requirePeer } from './peer-require';
import { type Factory, serve } from './serve';

type Tf = typeof import('@tensorflow/tfjs');
type T4 = import('@tensorflow/tfjs').Tensor4D;
const requireHere = requirePeer;

/** The tfjs union package (it registers gradients) and the wasm backend with its .wasm files from bench/node_modules. */
async function loadTf(backend: string): Promise<Tf> {
  const { warn, log } = console;
  console.warn = console.log = () => undefined; // tfjs advertises tfjs-node on import (and stdout is our protocol)
  try {
    const tf: Tf = requireHere('@tensorflow/tfjs');
    const wasm = requireHere('@tensorflow/tfjs-backend-wasm');
    const dist = path.dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(dist + path.sep);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
    await tf.ready();
    return tf;
  } finally {
    console.warn = warn;
    console.log = log;
  }
}

const toNhwc = (shape: number[]) => [shape[0], shape[2], shape[3], shape[1]] as [number, number, number, number];
/** OIHW → HWIO (for depthwise: HW, in channels, multiplier). */
function toHwio(data: Float32Array, shape: number[], depthwise: boolean): { data: Float32Array; shape: [number, number, number, number] } {
  const [o, i, h, w] = shape;
  const out = new Float32Array(data.length);
  for (let a = 0; a < o; a++)
    for (let b = 0; b < i; b++)
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[((y * w + x) * i + b) * o + a] = data[((a * i + b) * h + y) * w + x];
  return { data: out, shape: depthwise ? [h, w, o, 1] : [h, w, i, o] };
}

/** W1: same model and loop (batch 1, Adam 0.01, softmax cross-entropy on one-hot targets). */
function train(tf: Tf): () => number {
  return () => {
    const w1 = tf.variable(tf.randomUniform([5, 5, 1, 10], -0.2, 0.2)) as unknown as T4;
    const b1 = tf.variable(tf.zeros([10]));
    const w2 = tf.variable(tf.randomUniform([360, 10], -0.05, 0.05));
    const b2 = tf.variable(tf.zeros([10]));
    const images = TUTORIAL_IMAGES.map((t) => tf.tensor4d(t.image.flat(), [1, 10, 10, 1]));
    const labels = TUTORIAL_IMAGES.map((t) => tf.oneHot(tf.tensor1d([t.label], 'int32'), 10).toFloat());
    const opt = tf.train.adam(0.01);
    let last = 0;
    for (let epoch = 0; epoch < TUTORIAL_EPOCHS; epoch++) {
      for (let i = 0; i < images.length; i++) {
        const loss = opt.minimize(() => {
          const h = tf.relu(tf.add(tf.conv2d(images[i], w1, 1, 'valid'), b1));
          const logits = tf.add(tf.matMul(tf.reshape(h, [1, 360]), w2), b2);
          return tf.losses.softmaxCrossEntropy(labels[i], logits) as import('@tensorflow/tfjs').Scalar;
        }, true);
        last = loss!.dataSync()[0];
        loss!.dispose();
      }
    }
    tf.dispose([w1, b1, w2, b2, ...images, ...labels]);
    opt.dispose();
    return last;
  };
}

function conv(tf: Tf, id: WorkloadId, spec: ConvSpec): () => number {
  const depthwise = spec.groups > 1;
  const x = tf.tensor4d(randomData(numel(spec.input), 1), toNhwc(spec.input));
  const k = toHwio(convWeight(id, spec), spec.weight, depthwise);
  const w = tf.tensor4d(k.data, k.shape);
  return () => {
    const y = depthwise ? tf.depthwiseConv2d(x, w, 1, 'same') : tf.conv2d(x, w, 1, 'same');
    const s = sum(y.dataSync());
    y.dispose();
    return s;
  };
}

function convBackward(tf: Tf, spec: ConvSpec): () => number {
  const x = tf.tensor4d(randomData(numel(spec.input), 1), toNhwc(spec.input));
  const k = toHwio(randomData(numel(spec.weight), 2), spec.weight, false);
  const w = tf.tensor4d(k.data, k.shape);
  const [n, , h, wd] = spec.input;
  const dy = tf.tensor4d(randomData(n * h * wd * spec.weight[0], 3), [n, h, wd, spec.weight[0]]);
  const grads = tf.grads((a, b) => tf.conv2d(a as T4, b as T4, 1, 'same'));
  return () => {
    const [gx, gw] = grads([x, w], dy);
    const s = sum(gx.dataSync()) + sum(gw.dataSync());
    tf.dispose([gx, gw]);
    return s;
  };
}

/** W6: the MNIST net (no dropout), one SGD step on a batch of 64. */
function mnist(tf: Tf): () => number {
  const v = (shape: number[], fan: number) => tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fan), 1 / Math.sqrt(fan)));
  const c1 = v([3, 3, 1, 32], 9),
    c1b = v([32], 9),
    c2 = v([3, 3, 32, 64], 288),
    c2b = v([64], 288),
    f1 = v([9216, 128], 9216),
    f1b = v([128], 9216),
    f2 = v([128, 10], 128),
    f2b = v([10], 128);
  const { images, labels } = mnistBatch();
  const x = tf.tensor4d(images, [MNIST.batch, 28, 28, 1]);
  const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat();
  const opt = tf.train.sgd(MNIST.lr);
  return () => {
    const loss = opt.minimize(() => {
      let h = tf.relu(tf.add(tf.conv2d(x, c1 as unknown as T4, 1, 'valid'), c1b));
      h = tf.relu(tf.add(tf.conv2d(h as T4, c2 as unknown as T4, 1, 'valid'), c2b));
      h = tf.maxPool(h as T4, 2, 2, 'valid');
      // NHWC flatten: the weights are random, so the element order does not change the cost.
      const z = tf.relu(tf.add(tf.matMul(tf.reshape(h, [MNIST.batch, 9216]), f1), f1b));
      return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(z, f2), f2b)) as import('@tensorflow/tfjs').Scalar;
    }, true);
    const s = loss!.dataSync()[0];
    loss!.dispose();
    return s;
  };
}

const backend = process.argv[2] ?? 'cpu';
void loadTf(backend).then((tf) => {
  const f = (make: () => () => number): Factory => make;
  serve(`tfjs-${backend}`, {
    W1: f(() => train(tf)),
    W2: f(() => conv(tf, 'W2', W2)),
    W3: f(() => convBackward(tf, W3)),
    W4: f(() => conv(tf, 'W4', W4)),
    W5: f(() => conv(tf, 'W5', W5)),
    W6: f(() => mnist(tf)),
  });
});
