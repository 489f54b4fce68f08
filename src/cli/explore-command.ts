// `tensor-lens explore`: one model of a file on one input, every step printed; leaf outputs to .npz, a JSON summary.
import * as fs from 'node:fs';
import { TorchError, type Tensor } from '../core/engine';
import { buildModel, runSteps, type StateTensors } from '../core/explore/explore-model';
import { IMAGENET, readStateDictFile, type ImageOptions, type Normalize } from '../core/explore/inputs';
import { resolveModelCall, type ModelCall } from '../core/explore/model-call';
import { leafArrays, statsOf, summarizeStep } from '../core/explore/summary';
import { Stop, readModelFile, type PyModelFile } from '../core/pymodel';
import { parseShapeText } from '../core/shapes';
import { resolveInput, type InputChoice } from '../core/explore/input-source';
import { npzBytes } from '../core/tensor-files/npz-write';
import { UsageError, parseArgs } from './args';
import { ModelFailure, inflate, readBytes, readText, writeFile } from './io';

const VALUED = ['model', 'weights', 'input', 'json', 'npz', 'seed', 'resize', 'normalize'];
const FLAGS = ['train', 'gray'];

export async function exploreCommand(argv: string[], print: (line: string) => void): Promise<void> {
  const a = parseArgs(argv, VALUED, FLAGS);
  if (a.positionals.length !== 1) throw new UsageError('explore takes one MODEL.py');
  const modelPath = a.positionals[0];
  const spec = a.options.get('model');
  if (!spec) throw new UsageError('explore needs --model CLASS');
  const seed = a.options.has('seed') ? Number(a.options.get('seed')) : 0;
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
  const file = readModelFile(readText(modelPath));
  let call: ModelCall;
  try {
    call = resolveModelCall(file, spec);
  } catch (e) {
    throw new UsageError(`${modelPath}: ${(e as Error).message}`);
  }
  const weightsPath = a.options.get('weights');
  let weights: StateTensors | undefined;
  if (weightsPath) {
    try {
      weights = await readStateDictFile(readBytes(weightsPath), inflate);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${weightsPath}: ${(e as Error).message}`);
    }
  }
  const where = (line: number) => `${modelPath}:${line}`;
  const run = () => {
    const built = buildModel(file, call.className, { args: call.args, kwargs: call.kwargs, seed, weights });
    if (built.loadError) throw new ModelFailure(`${weightsPath}: RuntimeError: ${built.loadError}`);
    return built.net;
  };
  const input = await readInput(a.options, file, call, seed);
  let result;
  try {
    const net = run();
    result = runSteps(net, input, { train: a.flags.has('train') });
  } catch (e) {
    if (e instanceof TorchError) throw new ModelFailure(`${where((e as { line?: number }).line ?? 0)}: ${e.type}: ${e.message}`);
    if (e instanceof Stop) throw new ModelFailure(`${where(e.line)}: cannot follow ${e.why}`);
    throw e;
  }
  const summaries = result.steps.map(summarizeStep);
  print(
    `${call.label} on [${input.shape.join(', ')}], ${a.flags.has('train') ? 'train' : 'eval'} mode, ${weightsPath ? `weights ${weightsPath}` : `seeded init (${seed})`}`,
  );
  const width = Math.max(4, ...summaries.map((s) => s.name.length));
  for (const s of summaries) {
    const st = s.stats;
    print(
      `${String(s.index).padStart(3, '0')}  ${s.name.padEnd(width)}  ${s.type.padEnd(17)} [${s.shape.join(', ')}]`.padEnd(width + 50) +
        `  min ${fmt(st.min)}  max ${fmt(st.max)}  mean ${fmt(st.mean)}  (line ${s.line})`,
    );
  }
  const out = statsOf(result.output.data);
  print(`output [${result.output.shape.join(', ')}]  min ${fmt(out.min)}  max ${fmt(out.max)}  mean ${fmt(out.mean)}`);
  const npz = a.options.get('npz');
  if (npz) writeFile(npz, npzBytes(leafArrays(result)));
  const json = a.options.get('json');
  if (json) {
    const summary = {
      model: call.label,
      file: modelPath,
      mode: a.flags.has('train') ? 'train' : 'eval',
      weights: weightsPath ?? null,
      seed: weightsPath ? null : seed,
      input: { shape: [...input.shape] },
      steps: summaries.map(({ stats, ...s }) => ({ ...s, min: stats.min, max: stats.max, mean: stats.mean, nonFinite: stats.nonFinite })),
      output: { shape: [...result.output.shape], min: out.min, max: out.max, mean: out.mean },
    };
    writeFile(json, `${JSON.stringify(summary, null, 1)}\n`);
  }
}

const fmt = (v: number): string => (Number.isFinite(v) ? v.toPrecision(5) : String(v));

async function readInput(options: Map<string, string>, file: PyModelFile, call: ModelCall, seed: number): Promise<Tensor> {
  const spec = options.get('input');
  const image: ImageOptions = { grayscale: options.has('gray') };
  const resize = options.get('resize');
  if (resize) {
    const r = parseShapeText(resize);
    if (!r || r.length !== 2) throw new UsageError(`--resize takes HxW, e.g. 224x224 (got "${resize}")`);
    image.resize = [r[0], r[1]];
  }
  const norm = options.get('normalize');
  if (norm) image.normalize = parseNormalize(norm);
  const choice: InputChoice =
    spec === undefined ? undefined : fs.existsSync(spec) ? { label: spec, bytes: readBytes(spec) } : { label: spec, text: spec };
  try {
    return (await resolveInput(choice, { file, className: call.className, instance: call.instance, seed, image, inflate })).tensor;
  } catch (e) {
    throw new UsageError(`--input ${spec ?? '(none)'}: ${(e as Error).message}`);
  }
}

function parseNormalize(text: string): Normalize {
  if (text.toLowerCase() === 'imagenet') return IMAGENET;
  const m = /^([^/]+)\/([^/]+)$/.exec(text);
  const nums = (s: string) => s.split(',').map((x) => Number(x.trim()));
  const mean = m ? nums(m[1]) : [];
  const std = m ? nums(m[2]) : [];
  if (!m || mean.some((x) => !Number.isFinite(x)) || std.some((x) => !Number.isFinite(x) || x === 0) || mean.length !== std.length)
    throw new UsageError(`--normalize takes 'imagenet' or means/stds such as 0.5,0.5,0.5/0.25,0.25,0.25 (got "${text}")`);
  return { mean, std };
}
