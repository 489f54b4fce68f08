// A state dict's totals as PyTorch counts them: parameters() apart from buffers (BatchNorm's running statistics).

/** Buffers PyTorch's own layers register (BatchNorm's running statistics): in a state dict, not in parameters(). */
const BUFFER_SUFFIXES = ['running_mean', 'running_var', 'num_batches_tracked'];

/** Whether a state-dict key names a buffer rather than a parameter (`bn1.running_var`, `layer1.0.bn2.num_batches_tracked`). */
export function isBufferKey(name: string): boolean {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return BUFFER_SUFFIXES.includes(last);
}

/** Elements in parameters (what sum(p.numel() for p in model.parameters()) gives) and in buffers. */
export function countParameters(entries: readonly { name: string; numel: number }[]): { parameters: number; buffers: number } {
  let parameters = 0;
  let buffers = 0;
  for (const e of entries) {
    if (isBufferKey(e.name)) buffers += e.numel;
    else parameters += e.numel;
  }
  return { parameters, buffers };
}
