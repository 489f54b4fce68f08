// Runner for onnxruntime-node (CPU, one intra-op thread): W2, W4, W5 as one-node ONNX Conv models built in memory.
import { type ConvSpec, type WorkloadId, W2, W4, W5, convWeight, numel, randomData, sum } from '../workloads';
import { convModel } from './onnx-model';
import { requirePeer } from './peer-require';
import { type Factory, serve } from './serve';

const ort = requirePeer('onnxruntime-node') as typeof import('onnxruntime-node');

function conv(id: WorkloadId, spec: ConvSpec): Factory {
  return async () => {
    const model = convModel(spec.input, spec.weight, convWeight(id, spec), spec.padding, spec.groups);
    const session = await ort.InferenceSession.create(model, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    const x = new ort.Tensor('float32', randomData(numel(spec.input), 1), spec.input);
    return async () => {
      const { Y } = await session.run({ X: x });
      return sum(Y.data as Float32Array);
    };
  };
}

serve(`onnxruntime-node ${ort.env.versions.node ?? ''}`.trim(), { W2: conv('W2', W2), W4: conv('W4', W4), W5: conv('W5', W5) });
