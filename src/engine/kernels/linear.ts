// Raw dense-layer kernels over flat row-major arrays: y = x·Wᵀ + b and its gradients.

/** y[n, o] = b[o] + Σᵢ x[n, i]·w[o, i]. */
export function linearForward(
  x: Float32Array, w: Float32Array, b: Float32Array | null, n: number, inF: number, outF: number, y: Float32Array,
): void {
  for (let r = 0; r < n; r++) {
    const xo = r * inF;
    for (let o = 0; o < outF; o++) {
      const wo = o * inF;
      let acc = 0;
      for (let i = 0; i < inF; i++) acc += x[xo + i] * w[wo + i];
      y[r * outF + o] = b ? acc + b[o] : acc;
    }
  }
}

/** gx[n, i] = Σₒ gy[n, o]·w[o, i]. */
export function linearBackwardInput(gy: Float32Array, w: Float32Array, n: number, inF: number, outF: number, gx: Float32Array): void {
  gx.fill(0, 0, n * inF);
  for (let r = 0; r < n; r++) {
    const xo = r * inF;
    for (let o = 0; o < outF; o++) {
      const g = gy[r * outF + o];
      const wo = o * inF;
      for (let i = 0; i < inF; i++) gx[xo + i] += g * w[wo + i];
    }
  }
}

/** gw[o, i] = Σₙ gy[n, o]·x[n, i]; gb[o] = Σₙ gy[n, o]. */
export function linearBackwardParams(
  gy: Float32Array, x: Float32Array, n: number, inF: number, outF: number, gw: Float32Array | null, gb: Float32Array | null,
): void {
  if (gw) {
    // The first row stores, later rows accumulate: no separate zeroing pass.
    for (let r = 0; r < n; r++) {
      const xo = r * inF;
      for (let o = 0; o < outF; o++) {
        const g = gy[r * outF + o];
        const wo = o * inF;
        if (r === 0) for (let i = 0; i < inF; i++) gw[wo + i] = g * x[xo + i];
        else for (let i = 0; i < inF; i++) gw[wo + i] += g * x[xo + i];
      }
    }
    if (n === 0) gw.fill(0, 0, outF * inF);
  }
  if (gb) {
    for (let o = 0; o < outF; o++) {
      let acc = 0;
      for (let r = 0; r < n; r++) acc += gy[r * outF + o];
      gb[o] = acc;
    }
  }
}
