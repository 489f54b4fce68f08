// The conv2d WebAssembly SIMD kernels, generated with ./encoder: forward tiles (4/2/1 channels × 8 pixels) and weight-gradient tiles.
import { Body, type FuncDef, V128, encodeModule } from './encoder';

/**
 * One tile loop: `channels` output channels (4, 2 or 1) × 8 pixels, over `rows` output rows; weights laid out [k][channel],
 * splatted on load. Parameters: x (first input pixel), ws (weights), off (tap byte offsets), K taps, out, plane bytes, 8-pixel
 * blocks per row, bias, output rows, and the byte strides of one row step in x and in out. `relaxed`: fused multiply-add.
 */
function tileKernel(name: string, channels: number, relaxed: boolean): FuncDef {
  const f = new Body();
  const [x, ws, off, k, out, plane, blocks, bias, rows, xRowStep, outRowStep] = [
    'x',
    'ws',
    'off',
    'k',
    'out',
    'plane',
    'blocks',
    'bias',
    'rows',
    'xRowStep',
    'outRowStep',
  ].map((n) => f.param(n));
  const [block, tap, at, wp, op, dst, row, xRow, outRow] = ['block', 'tap', 'at', 'wp', 'op', 'dst', 'row', 'xRow', 'outRow'].map((n) =>
    f.local(n),
  );
  // acc[2c] and acc[2c+1]: pixels 0-3 and 4-7 of channel c.
  const acc = Array.from({ length: 2 * channels }, (_, i) => f.local(`acc${i}`, V128));
  const xa = f.local('xa', V128),
    xb = f.local('xb', V128),
    w = f.local('w', V128);
  const madd = (a: number, v: number) => {
    if (relaxed) f.get(w).get(v).get(a).f32x4RelaxedMadd().set(a);
    else f.get(a).get(w).get(v).f32x4Mul().f32x4Add().set(a);
  };
  f.get(x).set(xRow).get(out).set(outRow).i32(0).set(row).block().loop();
  f.get(row).get(rows).geS().brIf(1);
  f.get(xRow).set(x).get(outRow).set(out);
  f.i32(0).set(block).block().loop();
  f.get(block).get(blocks).geS().brIf(1);
  for (let c = 0; c < channels; c++) {
    f.get(bias)
      .loadF32(4 * c)
      .f32x4Splat()
      .tee(acc[2 * c])
      .set(acc[2 * c + 1]);
  }
  f.i32(0).set(tap).get(ws).set(wp).get(off).set(op);
  f.block().loop();
  f.get(tap).get(k).geS().brIf(1);
  f.get(x).get(op).loadI32().add().set(at);
  f.get(at).v128Load(0).set(xa).get(at).v128Load(16).set(xb);
  for (let c = 0; c < channels; c++) {
    f.get(wp)
      .v128Load32Splat(4 * c)
      .set(w);
    madd(acc[2 * c], xa);
    madd(acc[2 * c + 1], xb);
  }
  f.inc(wp, 4 * channels)
    .inc(op, 4)
    .inc(tap, 1)
    .br(0)
    .end()
    .end();
  f.get(out).set(dst);
  for (let c = 0; c < channels; c++) {
    f.get(dst)
      .get(acc[2 * c])
      .v128Store(0)
      .get(dst)
      .get(acc[2 * c + 1])
      .v128Store(16);
    if (c + 1 < channels) f.incBy(dst, plane);
  }
  f.inc(x, 32).inc(out, 32).inc(block, 1).br(0).end().end();
  f.incBy(xRow, xRowStep).incBy(outRow, outRowStep).inc(row, 1).br(0).end().end();
  return { name, body: f };
}

/**
 * Weight gradient of one block of 4 output channels: for each pair of taps q (byte offsets from the i32 table `taps`),
 * Σ over images × rows × 4-pixel blocks of gy·x, added to out[channel·kp + tap] (kp = taps rounded up to even; the caller
 * zeroes out first). gy planes of the block start at gy + d0..d3; images advance gy by gyBatch and x by xBatch bytes.
 * Images go in chunks of `chunk`, every pair of taps over one chunk before the next: a chunk's gy and x stay in L2 across
 * the pairs, where one pass over the whole batch per pair streamed it all from L3 again for every pair (MNIST's conv2:
 * 144 pairs × 0.8 MB per 4 channels). With chunk ≥ n the sums are those of one pass.
 */
function wgradKernel(relaxed: boolean): FuncDef {
  const f = new Body();
  const [gy, d0, d1, d2, d3, gyBatch, x, xBatch, n, taps, pairs, rows, blocks, gyRowStep, xRowStep, out, kp, chunk] = [
    'gy',
    'd0',
    'd1',
    'd2',
    'd3',
    'gyBatch',
    'x',
    'xBatch',
    'n',
    'taps',
    'pairs',
    'rows',
    'blocks',
    'gyRowStep',
    'xRowStep',
    'out',
    'kp',
    'chunk',
  ].map((name) => f.param(name));
  const [q, image, row, block, xp, gp, off0, off1, gyImage, xImage, first, last, at] = [
    'q',
    'image',
    'row',
    'block',
    'xp',
    'gp',
    'off0',
    'off1',
    'gyImage',
    'xImage',
    'first',
    'last',
    'at',
  ].map((name) => f.local(name));
  // acc[2c + t]: channel c, tap 2q + t (4 lanes, summed at the end).
  const acc = Array.from({ length: 8 }, (_, i) => f.local(`acc${i}`, V128));
  const x0 = f.local('x0', V128),
    x1 = f.local('x1', V128),
    g = f.local('g', V128);
  // for (first = 0; first < n; first += chunk) { last = min(first + chunk, n); for each pair q … }
  f.i32(0).set(first).block().loop();
  f.get(first).get(n).geS().brIf(1);
  f.get(first).get(chunk).add().set(last);
  f.get(last).get(n).geS().if().get(n).set(last).end();
  f.i32(0).set(q).block().loop();
  f.get(q).get(pairs).geS().brIf(1);
  f.get(taps).get(q).i32(8).mul().add().tee(off0).loadI32(4).set(off1).get(off0).loadI32(0).set(off0);
  for (const a of acc) f.f32(0).f32x4Splat().set(a);
  f.get(first).set(image).block().loop();
  f.get(image).get(last).geS().brIf(1);
  f.get(gy).get(image).get(gyBatch).mul().add().set(gyImage).get(x).get(image).get(xBatch).mul().add().set(xImage);
  f.i32(0).set(row).block().loop();
  f.get(row).get(rows).geS().brIf(1);
  f.get(gyImage).get(row).get(gyRowStep).mul().add().set(gp).get(xImage).get(row).get(xRowStep).mul().add().set(xp);
  f.i32(0).set(block).block().loop();
  f.get(block).get(blocks).geS().brIf(1);
  f.get(xp).get(off0).add().v128Load().set(x0).get(xp).get(off1).add().v128Load().set(x1);
  [d0, d1, d2, d3].forEach((d, c) => {
    f.get(gp).get(d).add().v128Load().set(g);
    for (const [a, v] of [
      [acc[2 * c], x0],
      [acc[2 * c + 1], x1],
    ]) {
      if (relaxed) f.get(g).get(v).get(a).f32x4RelaxedMadd().set(a);
      else f.get(a).get(g).get(v).f32x4Mul().f32x4Add().set(a);
    }
  });
  f.inc(gp, 16).inc(xp, 16).inc(block, 1).br(0).end().end();
  f.inc(row, 1).br(0).end().end();
  f.inc(image, 1).br(0).end().end();
  // out[c·kp + 2q + t] += horizontal sum of acc[2c + t]
  for (let c = 0; c < 4; c++) {
    for (let t = 0; t < 2; t++) {
      f.get(out)
        .get(kp)
        .i32(4 * c)
        .mul()
        .add()
        .get(q)
        .i32(8)
        .mul()
        .add()
        .tee(at);
      f.get(acc[2 * c + t]).f32x4ExtractLane(0);
      for (let lane = 1; lane < 4; lane++)
        f.get(acc[2 * c + t])
          .f32x4ExtractLane(lane)
          .f32Add();
      f.get(at)
        .loadF32(4 * t)
        .f32Add();
      f.storeF32(4 * t);
    }
  }
  f.inc(q, 1).br(0).end().end();
  f.get(first).get(chunk).add().set(first).br(0).end().end();
  return { name: 'wgrad4x2', body: f };
}

/**
 * Zeroes `zeroBytes` at `zeroAt`, then copies `planes` × `rows` rows of `len` bytes from `src` to `dst` (strides in bytes):
 * the padded or row-widened layout the tiles read, made from a tensor already placed in memory, at memset/memcpy speed
 * (a JS loop over short rows ran at ~2 ns a float, half of W3's time outside the tiles).
 */
function padRowsKernel(): FuncDef {
  const f = new Body();
  const [zeroAt, zeroBytes, dst, src, planes, rows, len, dstRow, srcRow, dstPlane, srcPlane] = [
    'zeroAt',
    'zeroBytes',
    'dst',
    'src',
    'planes',
    'rows',
    'len',
    'dstRow',
    'srcRow',
    'dstPlane',
    'srcPlane',
  ].map((name) => f.param(name));
  const [p, r, d, sp] = ['p', 'r', 'd', 's'].map((name) => f.local(name));
  f.get(zeroAt).i32(0).get(zeroBytes).memoryFill();
  f.i32(0).set(p).block().loop();
  f.get(p).get(planes).geS().brIf(1);
  f.get(dst).get(p).get(dstPlane).mul().add().set(d).get(src).get(p).get(srcPlane).mul().add().set(sp);
  f.i32(0).set(r).block().loop();
  f.get(r).get(rows).geS().brIf(1);
  f.get(d).get(sp).get(len).memoryCopy();
  f.incBy(d, dstRow).incBy(sp, srcRow).inc(r, 1).br(0).end().end();
  f.inc(p, 1).br(0).end().end();
  return { name: 'padRows', body: f };
}

/** The conv module's functions; `relaxed` builds every tile with f32x4.relaxed_madd. */
export function convFunctions(relaxed: boolean): FuncDef[] {
  return [
    tileKernel('conv4x8', 4, relaxed),
    tileKernel('conv2x8', 2, relaxed),
    tileKernel('conv1x8', 1, relaxed),
    wgradKernel(relaxed),
    padRowsKernel(),
  ];
}

/** A one-function module using f32x4.relaxed_madd: it validates only where the runtime has relaxed SIMD. */
export function relaxedProbe(): Uint8Array {
  const f = new Body();
  const v = f.local('v', V128);
  f.get(v).get(v).get(v).f32x4RelaxedMadd().set(v);
  return encodeModule([{ name: 'probe', body: f }]);
}
