// Reference dense-layer kernels in plain JS over flat row-major arrays: y = x·Wᵀ + b and its gradients, 4 features per pass.

/** y[n, o] = b[o] + Σᵢ x[n, i]·w[o, i]. */
export function linearForward(
  x: Float32Array,
  w: Float32Array,
  b: Float32Array | null,
  n: number,
  inF: number,
  outF: number,
  y: Float32Array,
): void {
  for (let r = 0; r < n; r++) {
    const xo = r * inF,
      yo = r * outF;
    let o = 0;
    for (; o + 4 <= outF; o += 4) {
      const w0 = o * inF,
        w1 = w0 + inF,
        w2 = w1 + inF,
        w3 = w2 + inF;
      let a0 = 0,
        a1 = 0,
        a2 = 0,
        a3 = 0;
      for (let i = 0; i < inF; i++) {
        const xv = x[xo + i];
        a0 += xv * w[w0 + i];
        a1 += xv * w[w1 + i];
        a2 += xv * w[w2 + i];
        a3 += xv * w[w3 + i];
      }
      y[yo + o] = b ? a0 + b[o] : a0;
      y[yo + o + 1] = b ? a1 + b[o + 1] : a1;
      y[yo + o + 2] = b ? a2 + b[o + 2] : a2;
      y[yo + o + 3] = b ? a3 + b[o + 3] : a3;
    }
    for (; o < outF; o++) {
      const wo = o * inF;
      let acc = 0;
      for (let i = 0; i < inF; i++) acc += x[xo + i] * w[wo + i];
      y[yo + o] = b ? acc + b[o] : acc;
    }
  }
}

/** gx[n, i] = Σₒ gy[n, o]·w[o, i]. */
export function linearBackwardInput(gy: Float32Array, w: Float32Array, n: number, inF: number, outF: number, gx: Float32Array): void {
  for (let r = 0; r < n; r++) {
    const xo = r * inF,
      yo = r * outF;
    let o = 0;
    for (; o + 4 <= outF; o += 4) {
      const g0 = gy[yo + o],
        g1 = gy[yo + o + 1],
        g2 = gy[yo + o + 2],
        g3 = gy[yo + o + 3];
      const w0 = o * inF,
        w1 = w0 + inF,
        w2 = w1 + inF,
        w3 = w2 + inF;
      if (o === 0) {
        for (let i = 0; i < inF; i++) gx[xo + i] = g0 * w[w0 + i] + g1 * w[w1 + i] + g2 * w[w2 + i] + g3 * w[w3 + i];
      } else {
        for (let i = 0; i < inF; i++) gx[xo + i] += g0 * w[w0 + i] + g1 * w[w1 + i] + g2 * w[w2 + i] + g3 * w[w3 + i];
      }
    }
    if (o === 0) gx.fill(0, xo, xo + inF);
    for (; o < outF; o++) {
      const g = gy[yo + o],
        wo = o * inF;
      for (let i = 0; i < inF; i++) gx[xo + i] += g * w[wo + i];
    }
  }
}

/** gw[o, i] = Σₙ gy[n, o]·x[n, i]; gb[o] = Σₙ gy[n, o]. */
export function linearBackwardParams(
  gy: Float32Array,
  x: Float32Array,
  n: number,
  inF: number,
  outF: number,
  gw: Float32Array | null,
  gb: Float32Array | null,
  accumulate = false,
): void {
  if (gw) {
    // Without `accumulate` the first row stores and later rows add: no separate zeroing pass.
    for (let r = 0; r < n; r++) {
      const xo = r * inF;
      for (let o = 0; o < outF; o++) {
        const g = gy[r * outF + o];
        if (r === 0 && !accumulate) storeScaled(gw, o * inF, g, x, xo, inF);
        else addScaled(gw, o * inF, g, x, xo, inF);
      }
    }
    if (n === 0 && !accumulate) gw.fill(0, 0, outF * inF);
  }
  if (gb) {
    for (let o = 0; o < outF; o++) {
      let acc = 0;
      for (let r = 0; r < n; r++) acc += gy[r * outF + o];
      gb[o] = accumulate ? gb[o] + acc : acc;
    }
  }
}

/** dst[at + i] = g·x[xo + i] for i < len, unrolled by 4 (V8 does not unroll; this halves the loop overhead). */
function storeScaled(dst: Float32Array, at: number, g: number, x: Float32Array, xo: number, len: number): void {
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const d = at + i,
      s = xo + i;
    dst[d] = g * x[s];
    dst[d + 1] = g * x[s + 1];
    dst[d + 2] = g * x[s + 2];
    dst[d + 3] = g * x[s + 3];
  }
  for (; i < len; i++) dst[at + i] = g * x[xo + i];
}

/** dst[at + i] += g·x[xo + i] for i < len, unrolled by 4. */
function addScaled(dst: Float32Array, at: number, g: number, x: Float32Array, xo: number, len: number): void {
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const d = at + i,
      s = xo + i;
    dst[d] += g * x[s];
    dst[d + 1] += g * x[s + 1];
    dst[d + 2] += g * x[s + 2];
    dst[d + 3] += g * x[s + 3];
  }
  for (; i < len; i++) dst[at + i] += g * x[xo + i];
}
