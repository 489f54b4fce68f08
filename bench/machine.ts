// Which machine a bench run landed on: CPU model and the vector flags that decide PyTorch's speed (oneDNN picks AVX-512
// where it exists; our WebAssembly SIMD is 128 bits everywhere), the 128-bit FMA peak, and the OPENBLAS_* variables.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUILD_DIR } from './build';

export interface MachineInfo {
  cpu: string;
  cores: number;
  /** The vector-width flags of /proc/cpuinfo that matter here, e.g. ['avx2', 'fma', 'avx512f']. */
  flags: string[];
  /** One thread's 128-bit fused multiply-add peak in GFLOP/s (bench/allcores-limits.c fma), or why it is missing. */
  fma128Gflops: number | null;
  fmaNote?: string;
  /** OPENBLAS_* variables of the bench's environment (unset for the PyTorch peers so they run at their best). */
  openblasEnv: Record<string, string>;
}

const VECTOR_FLAGS = ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f', 'avx512bw', 'avx512vl', 'avx512_bf16', 'amx_tile'];

function cpuinfo(): string {
  return fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
}

export function cpuModel(): string {
  const m = /model name\s*:\s*(.*)/.exec(cpuinfo());
  return m ? m[1].trim() : (os.cpus()[0]?.model ?? 'unknown CPU');
}

/** Builds and runs the limits probe's FMA part (gcc -O3 -mavx2 -mfma): GFLOP/s of one thread at 128 bits, measured now. */
function fmaPeak(): { gflops: number | null; note?: string } {
  const binary = path.join(BUILD_DIR, 'allcores-limits');
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  const cc = spawnSync('gcc', ['-O3', '-mavx2', '-mfma', '-pthread', path.join(__dirname, 'allcores-limits.c'), '-o', binary], {
    encoding: 'utf8',
  });
  if (cc.error || cc.status !== 0) return { gflops: null, note: `no FMA probe (gcc: ${cc.error?.message ?? cc.stderr.split('\n')[0]})` };
  const run = spawnSync(binary, ['fma'], { encoding: 'utf8' });
  const v = Number(run.stdout.trim());
  return Number.isFinite(v) && v > 0 ? { gflops: v } : { gflops: null, note: `FMA probe failed: ${run.stderr.trim()}` };
}

export function machineInfo(): MachineInfo {
  const flagLine = /^flags\s*:\s*(.*)$/m.exec(cpuinfo())?.[1].split(/\s+/) ?? [];
  const peak = fmaPeak();
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    flags: VECTOR_FLAGS.filter((f) => flagLine.includes(f)),
    fma128Gflops: peak.gflops,
    ...(peak.note ? { fmaNote: peak.note } : {}),
    openblasEnv: Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k.startsWith('OPENBLAS_') && v !== undefined)) as Record<
      string,
      string
    >,
  };
}

/** The PyTorch peers' environment changes: every OPENBLAS_* variable removed (e.g. OPENBLAS_CORETYPE=Haswell forbids AVX-512). */
export function withoutOpenblas(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith('OPENBLAS_'))
      .map((k) => [k, undefined]),
  );
}

export function describeMachine(m: MachineInfo): string {
  const peak = m.fma128Gflops !== null ? `128-bit FMA peak ${m.fma128Gflops.toFixed(1)} GFLOP/s on one thread` : m.fmaNote;
  const blas = Object.keys(m.openblasEnv).length
    ? `; OPENBLAS_* here (unset for PyTorch): ${Object.entries(m.openblasEnv)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`
    : '';
  return `${m.cores} cores, ${m.cpu}, flags ${m.flags.join(' ') || 'none of note'}; ${peak}${blas}`;
}
