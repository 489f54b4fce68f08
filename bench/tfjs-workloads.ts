// W1–W4 on tfjs 4.22 (cpu and wasm backends, NHWC, one thread) for the bench's side-by-side figures.
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { TUTORIAL_EPOCHS, TUTORIAL_IMAGES } from './tutorial-data';
import { W2, W3, W4, randomData } from './engine-workloads';

type Tf = typeof import('@tensorflow/tfjs');
export type TfBackend = 'cpu' | 'wasm';

const requireHere = createRequire(__filename);
let tfPromise: Promise<Tf> | null = null;

/** Loads the tfjs union package (it registers gradients) and the wasm backend with its .wasm files from node_modules. */
async function loadTf(): Promise<Tf> {
  if (!tfPromise) {
    tfPromise = (async () => {
      const { warn, log } = console;
      console.warn = console.log = () => undefined; // tfjs advertises tfjs-node on import
      try {
        const tf: Tf = requireHere('@tensorflow/tfjs');
        const wasm = requireHere('@tensorflow/tfjs-backend-wasm');
        const dist = path.dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
        wasm.setWasmPaths(dist + path.sep);
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        return tf;
      } finally {
        console.warn = warn;
        console.log = log;
      }
    })();
  }
  return tfPromise;
}

export async function useBackend(name: TfBackend): Promise<Tf> {
  const tf = await loadTf();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
  return tf;
}

const toNhwc = (shape: number[]) => [shape[0], shape[2], shape[3], shape[1]];
const toHwio = (shape: number[]) => [shape[2], shape[3], shape[1], shape[0]];
const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** W1 in tfjs: same model and loop (batch 1, Adam 0.01, softmax cross-entropy on one-hot targets). */
export function tfTrain(tf: Tf): () => void {
  return () => {
    const w1 = tf.variable(tf.randomUniform([5, 5, 1, 10], -0.2, 0.2)) as unknown as import('@tensorflow/tfjs').Tensor4D;
    const b1 = tf.variable(tf.zeros([10]));
    const w2 = tf.variable(tf.randomUniform([360, 10], -0.05, 0.05));
    const b2 = tf.variable(tf.zeros([10]));
    const images = TUTORIAL_IMAGES.map((t) => tf.tensor4d(t.image.flat(), [1, 10, 10, 1]));
    const labels = TUTORIAL_IMAGES.map((t) => tf.oneHot(tf.tensor1d([t.label], 'int32'), 10).toFloat());
    const opt = tf.train.adam(0.01);
    for (let epoch = 0; epoch < TUTORIAL_EPOCHS; epoch++) {
      for (let i = 0; i < images.length; i++) {
        const loss = opt.minimize(() => {
          const h = tf.relu(tf.add(tf.conv2d(images[i], w1, 1, 'valid'), b1));
          const logits = tf.add(tf.matMul(tf.reshape(h, [1, 360]), w2), b2);
          return tf.losses.softmaxCrossEntropy(labels[i], logits) as import('@tensorflow/tfjs').Scalar;
        }, true);
        loss?.dataSync();
        loss?.dispose();
      }
    }
    tf.dispose([w1, b1, w2, b2, ...images, ...labels]);
    opt.dispose();
  };
}

function convInputs(tf: Tf, spec: { input: number[]; weight: number[] }) {
  const x = tf.tensor4d(randomData(numel(spec.input), 1), toNhwc(spec.input) as [number, number, number, number]);
  const w = tf.tensor4d(randomData(numel(spec.weight), 2), toHwio(spec.weight) as [number, number, number, number]);
  return { x, w };
}

export function tfConvForward(tf: Tf, spec: typeof W2 | typeof W4): () => void {
  const { x, w } = convInputs(tf, spec);
  return () => {
    const y = tf.conv2d(x, w, 1, 'same');
    y.dataSync();
    y.dispose();
  };
}

export function tfConvForwardBackward(tf: Tf, spec: typeof W3): () => void {
  const { x, w } = convInputs(tf, spec);
  const [n, , h, wd] = spec.input;
  const dy = tf.tensor4d(randomData(n * h * wd * spec.weight[0], 3), [n, h, wd, spec.weight[0]]);
  const grads = tf.grads((a, b) =>
    tf.conv2d(a as import('@tensorflow/tfjs').Tensor4D, b as import('@tensorflow/tfjs').Tensor4D, 1, 'same'),
  );
  return () => {
    const y = tf.conv2d(x, w, 1, 'same');
    y.dataSync();
    const [gx, gw] = grads([x, w], dy);
    gx.dataSync();
    gw.dataSync();
    tf.dispose([y, gx, gw]);
  };
}

export { W2, W3, W4 };
