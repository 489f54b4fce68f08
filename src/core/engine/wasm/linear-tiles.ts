// Register-tiled dense-layer kernels (4 rows at a time) for big layers, built by ./encoder. Each output element is computed
// with exactly the per-row kernels' operations in their order (mul, then add; no fused multiply-add), so results are bit for
// bit those of fwd4/axpyRows: the tiles only change how often W, x and the gradients travel through the caches.
import { Body, type FuncDef, V128 } from './encoder';

/**
 * y[r, o + c] = b[o + c] + Σ lanes (Σ_i x[r, i]·w[o + c, i]) for 4 rows r of x and 2 rows of w (8 accumulators), so each
 * load of w serves 4 rows. Lanes are summed 0+1+2+3 and the bias added last, as fwd4 does.
 */
export function forwardTileKernel(): FuncDef {
  const f = new Body();
  const [X, W, B, Y, BLOCKS, XROW, WROW, YROW] = ['x', 'w', 'b', 'y', 'blocks', 'xRowBytes', 'wRowBytes', 'yRowBytes'].map((n) =>
    f.param(n),
  );
  const [I, XP, WP] = ['i', 'xp', 'wp'].map((n) => f.local(n));
  const acc = Array.from({ length: 8 }, (_, k) => f.local(`acc${k}`, V128)); // acc[2r + c]
  const [W0, W1, XV] = ['w0', 'w1', 'xv'].map((n) => f.local(n, V128));
  for (const a of acc) f.f32(0).f32x4Splat().set(a);
  f.get(X).set(XP).get(W).set(WP).i32(0).set(I).block().loop();
  f.get(I).get(BLOCKS).geS().brIf(1);
  f.get(WP).v128Load().set(W0).get(WP).get(WROW).add().v128Load().set(W1);
  for (let r = 0; r < 4; r++) {
    f.get(XP);
    if (r > 0) f.get(XROW).i32(r).mul().add();
    f.v128Load().set(XV);
    f.get(acc[2 * r])
      .get(W0)
      .get(XV)
      .f32x4Mul()
      .f32x4Add()
      .set(acc[2 * r]);
    f.get(acc[2 * r + 1])
      .get(W1)
      .get(XV)
      .f32x4Mul()
      .f32x4Add()
      .set(acc[2 * r + 1]);
  }
  f.inc(XP, 16).inc(WP, 16).inc(I, 1).br(0).end().end();
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 2; c++) {
      const a = acc[2 * r + c];
      f.get(Y);
      if (r > 0) f.get(YROW).i32(r).mul().add();
      f.get(a).f32x4ExtractLane(0);
      for (let lane = 1; lane < 4; lane++) f.get(a).f32x4ExtractLane(lane).f32Add();
      f.get(B)
        .loadF32(4 * c)
        .f32Add()
        .storeF32(4 * c);
    }
  }
  return { name: 'fwdTile', body: f };
}

/**
 * A [4 rows × 4·vecs columns] block of dst += Σ_k s[r, k]·src[k, cols] over k = 0 … kCount−1 in order, for `groups` row
 * groups (4 rows each, dst and s advancing by 4 rows). `init` 1 starts from dst's contents, 0 from zeros. The input
 * gradient (dst = gx, s = gy, src = W, k = output feature) and the weight gradient (dst = gw rows, s = gyᵀ read with a
 * stride, src = x, k = batch row) are both this; byte strides: dstRow, sRow (between the 4 rows), sK (between k), srcRow.
 */
export function axpyTileKernel(name: string, vecs: 1 | 2): FuncDef {
  const f = new Body();
  const [DST, S, SRC, KCOUNT, GROUPS, DSTROW, SROW, SK, SRCROW, INIT] = [
    'dst',
    's',
    'src',
    'kCount',
    'groups',
    'dstRowBytes',
    'sRowBytes',
    'sKBytes',
    'srcRowBytes',
    'init',
  ].map((n) => f.param(n));
  const [G, K, SP, SRCP, DP] = ['g', 'k', 'sp', 'srcp', 'dp'].map((n) => f.local(n));
  const acc = Array.from({ length: 4 * vecs }, (_, k) => f.local(`acc${k}`, V128)); // acc[r·vecs + v]
  const v0 = f.local('v0', V128),
    v1 = f.local('v1', V128),
    sv = f.local('sv', V128);
  const src = [v0, v1];
  const rowAt = (base: number, stride: number, r: number) => {
    f.get(base);
    if (r > 0) f.get(stride).i32(r).mul().add();
  };
  f.i32(0).set(G).block().loop();
  f.get(G).get(GROUPS).geS().brIf(1);
  // dp, sp: this group's first dst row and s row
  f.get(DST).get(G).get(DSTROW).i32(4).mul().mul().add().set(DP);
  f.get(S).get(G).get(SROW).i32(4).mul().mul().add().set(SP);
  for (const a of acc) f.f32(0).f32x4Splat().set(a);
  f.get(INIT).if();
  for (let r = 0; r < 4; r++) {
    for (let v = 0; v < vecs; v++) {
      rowAt(DP, DSTROW, r);
      f.v128Load(16 * v).set(acc[r * vecs + v]);
    }
  }
  f.end();
  f.get(SRC).set(SRCP).i32(0).set(K).block().loop();
  f.get(K).get(KCOUNT).geS().brIf(1);
  for (let v = 0; v < vecs; v++)
    f.get(SRCP)
      .v128Load(16 * v)
      .set(src[v]);
  for (let r = 0; r < 4; r++) {
    rowAt(SP, SROW, r);
    f.v128Load32Splat().set(sv);
    for (let v = 0; v < vecs; v++) {
      const a = acc[r * vecs + v];
      f.get(a).get(sv).get(src[v]).f32x4Mul().f32x4Add().set(a);
    }
  }
  f.incBy(SP, SK).incBy(SRCP, SRCROW).inc(K, 1).br(0).end().end();
  for (let r = 0; r < 4; r++) {
    for (let v = 0; v < vecs; v++) {
      rowAt(DP, DSTROW, r);
      f.get(acc[r * vecs + v]).v128Store(16 * v);
    }
  }
  f.inc(G, 1).br(0).end().end();
  return { name, body: f };
}
