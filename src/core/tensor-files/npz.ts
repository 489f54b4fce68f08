// .npz reader: a zip of .npy members, each listed under its name without ".npy".
import { errorMessage } from '../error-message';
import { fail, quote } from './byte-source';
import { readNpy } from './npy';
import type { TensorEntry } from './tensor-entry';
import type { ZipArchive } from './zip';

export async function readNpz(zip: ZipArchive): Promise<TensorEntry[]> {
  const entries: TensorEntry[] = [];
  for (const m of zip.members) {
    if (m.name.endsWith('/')) continue;
    if (!m.name.endsWith('.npy')) fail(`.npz member ${quote(m.name, 80)} is not a .npy array`);
    const name = m.name.slice(0, -4);
    try {
      entries.push(await readNpy(await zip.open(m), name));
    } catch (e) {
      fail(`member ${quote(name, 80)}: ${errorMessage(e)}`);
    }
  }
  return entries;
}
