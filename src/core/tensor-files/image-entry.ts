// A decoded image as the single entry of a tensor file.
import { memorySource } from './byte-source';
import type { ImageTensor } from './image';
import { contiguousStrides, makeEntry, type TensorEntry } from './tensor-entry';

export function imageEntry(image: ImageTensor): TensorEntry {
  const bytes = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return makeEntry('image', {
    dtype: 'float32',
    littleEndian: true,
    shape: [...image.shape],
    strides: contiguousStrides(image.shape),
    offset: 0,
    storage: () => Promise.resolve(memorySource(bytes)),
  });
}
