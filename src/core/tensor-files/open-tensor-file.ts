// Opens any supported tensor file by its magic bytes (not its extension) and lists its tensors without reading their data.
import { errorMessage } from '../error-message';
import { fail, readExact, TensorFileError, type ByteSource, type Inflate } from './byte-source';
import { decodeImage, isJpeg, isPng, type ImageTensor } from './image';
import { imageEntry } from './image-entry';
import { hasNpyMagic, readNpy } from './npy';
import { readNpz } from './npz';
import { readSafetensors } from './safetensors';
import { DEFAULT_LIMITS, readValues, type ReadLimits, type TensorEntry } from './tensor-entry';
import { isTorchZip, looksLikeLegacyTorch, readTorchLegacy, readTorchZip } from './torch-checkpoint';
import { hasZipMagic, readZip } from './zip';
import type { Values } from './dtypes';

export type TensorFileFormat = 'npy' | 'npz' | 'safetensors' | 'pytorch' | 'pytorch-legacy' | 'image';

export const FORMAT_LABEL: Record<TensorFileFormat, string> = {
  npy: 'NumPy .npy',
  npz: 'NumPy .npz',
  safetensors: 'safetensors',
  pytorch: 'PyTorch zip',
  'pytorch-legacy': 'PyTorch legacy',
  image: 'Image',
};

export interface TensorFile {
  format: TensorFileFormat;
  entries: TensorEntry[];
  metadata: Record<string, string>;
  /** Set for images: the decoded tensor. */
  image?: ImageTensor;
  read(entry: TensorEntry): Promise<Values>;
}

export interface OpenOptions {
  inflate?: Inflate;
  limits?: ReadLimits;
  grayscale?: boolean;
}

/** Reads a file's index. Errors are TensorFileError with a sentence the caller prefixes with the file name. */
export async function openTensorFile(src: ByteSource, opts: OpenOptions = {}): Promise<TensorFile> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const maxBytes = limits.maxElements * 8;
  if (src.size === 0) fail('the file is empty');
  const head = await readExact(src, 0, Math.min(16, src.size));
  const file = (format: TensorFileFormat, entries: TensorEntry[], metadata: Record<string, string> = {}): TensorFile => ({
    format,
    entries,
    metadata,
    read: (e) => readValues(e, limits),
  });
  if (hasNpyMagic(head)) return file('npy', [await readNpy(src, '')]);
  if (hasZipMagic(head)) {
    const zip = await readZip(src, opts.inflate, maxBytes);
    if (isTorchZip(zip)) return file('pytorch', await readTorchZip(zip));
    if (zip.members.some((m) => m.name.endsWith('.npy'))) return file('npz', await readNpz(zip));
    fail('a zip archive that is neither a PyTorch checkpoint (no data.pkl) nor an .npz (no .npy members)');
  }
  if (looksLikeLegacyTorch(head)) return file('pytorch-legacy', await readTorchLegacy(src, maxBytes));
  if (isPng(head) || isJpeg(head)) {
    if (src.size > maxBytes) fail('the image file is too large');
    const image = decodeImage(await readExact(src, 0, src.size), opts.grayscale);
    return { ...file('image', [imageEntry(image)]), image };
  }
  if (src.size >= 8 && head[8] === 0x7b) {
    const st = await readSafetensors(src);
    return file('safetensors', st.entries, st.metadata);
  }
  if (head[0] === 0x80) fail('a raw pickle, not a PyTorch zip checkpoint: Tensor Lens reads only torch.save files and never runs pickles');
  fail('unknown format: expected .npy, .npz, .safetensors, a PyTorch checkpoint or a PNG/JPEG image');
}

/** "file.pt: the header …": the message shown in the editor. */
export function describeError(fileName: string, e: unknown): string {
  if (e instanceof TensorFileError) return `${fileName}: ${e.message}`;
  return `${fileName}: could not be read (${errorMessage(e)})`;
}
