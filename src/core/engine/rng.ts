// Seeded random numbers (xoshiro128**) so module init and shuffles are reproducible after manualSeed().

let s0 = 0,
  s1 = 0,
  s2 = 0,
  s3 = 0;

function splitmix32(seed: number): () => number {
  let z = seed >>> 0;
  return () => {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z;
    t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
    t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
    return (t ^ (t >>> 16)) >>> 0;
  };
}

export function manualSeed(seed: number): void {
  const next = splitmix32(Math.floor(seed) ^ Math.floor(seed / 2 ** 32));
  s0 = next();
  s1 = next();
  s2 = next();
  s3 = next();
}

manualSeed(Date.now());

/** Uniform in [0, 1). */
export function random(): number {
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl(s3, 11);
  return result / 4294967296;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Fills `out` with uniform values in [low, high). */
export function fillUniform(out: Float32Array, low: number, high: number): void {
  for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * random();
}
