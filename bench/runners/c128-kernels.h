// W2 and W3 in C with 128-bit SIMD, laid out and tiled as our wasm kernels are (conv4x8 tiles, wgrad4x2 weight
// gradient), cut into jobs the threads claim from one counter: the bench's all-cores reference (see c128.c).
#include <immintrin.h>
#include <stdlib.h>
#include <string.h>

/** Output channels oc..oc+3 of one image, every row, 8 pixels a step: x rows `wpx` apart, taps at `off`, weights [o][k]. */
static inline void tile4x8(const float *x, int wpx, const float *w, int k, const int *off, float *out, int oc, int h, int wd, int y0, int y1) {
  for (int y = y0; y < y1; y++)
    for (int px = 0; px < wd; px += 8) {
      __m128 acc[4][2];
      for (int j = 0; j < 4; j++) acc[j][0] = acc[j][1] = _mm_setzero_ps();
      const float *base = x + y * wpx + px;
      for (int q = 0; q < k; q++) {
        __m128 a0 = _mm_loadu_ps(base + off[q]), a1 = _mm_loadu_ps(base + off[q] + 4);
        for (int j = 0; j < 4; j++) {
          __m128 wv = _mm_set1_ps(w[(oc + j) * k + q]);
          acc[j][0] = _mm_fmadd_ps(a0, wv, acc[j][0]);
          acc[j][1] = _mm_fmadd_ps(a1, wv, acc[j][1]);
        }
      }
      for (int j = 0; j < 4; j++) {
        float *o = out + ((size_t)(oc + j) * h + y) * wd + px;
        _mm_storeu_ps(o, acc[j][0]);
        _mm_storeu_ps(o + 4, acc[j][1]);
      }
    }
}

/** Zero-padded copy of n·c planes h×w into planes hp×wpx, the data at (top, left). */
static inline void pad_planes(const float *src, float *dst, int planes, int h, int w, int hp, int wpx, int top, int left) {
  memset(dst, 0, sizeof(float) * planes * hp * wpx);
  for (int p = 0; p < planes; p++)
    for (int y = 0; y < h; y++) memcpy(dst + ((size_t)p * hp + y + top) * wpx + left, src + ((size_t)p * h + y) * w, sizeof(float) * w);
}

static inline void tap_offsets(int *off, int c, int hp, int wpx) {
  for (int i = 0; i < c; i++)
    for (int a = 0; a < 3; a++)
      for (int b = 0; b < 3; b++) off[i * 9 + a * 3 + b] = i * hp * wpx + a * wpx + b;
}

static inline double sum4(const float *v, long n) {  // the read-back: four running sums, as the JS harness
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (long i = 0; i < n; i += 4) {
    s0 += v[i];
    s1 += v[i + 1];
    s2 += v[i + 2];
    s3 += v[i + 3];
  }
  return s0 + s1 + s2 + s3;
}

// ---- W2: 1×3×224² ⊛ 64×3×3×3, padding 1; jobs: 16 channel blocks × 4 row bands.
#define W2_H 224
#define W2_WPX (224 + 8)
static float *w2x, *w2w, *w2out;
static int w2off[27];
static inline void w2_setup(void) {
  w2x = aligned_alloc(64, sizeof(float) * (3 * 226 * W2_WPX + 64));
  w2w = aligned_alloc(64, sizeof(float) * 64 * 27);
  w2out = aligned_alloc(64, sizeof(float) * 64 * W2_H * W2_H);
  for (long i = 0; i < 3L * 226 * W2_WPX + 64; i++) w2x[i] = (float)(i % 17) / 17 - 0.5f;
  for (int i = 0; i < 64 * 27; i++) w2w[i] = (float)(i % 13) / 13 - 0.5f;
  memset(w2out, 0, sizeof(float) * 64 * W2_H * W2_H);
  tap_offsets(w2off, 3, 226, W2_WPX);
}
static inline void w2_job(int j) {
  int band = j % 4;
  tile4x8(w2x, W2_WPX, w2w, 27, w2off, w2out, (j / 4) * 4, W2_H, W2_H, band * W2_H / 4, (band + 1) * W2_H / 4);
}

// ---- W3: 8×16×32² ⊛ 32×16×3×3, padding 1, forward + both gradients.
#define N3 8
#define C3 16
#define O3 32
#define S3 32
#define P3 34
static float *x3, *w3, *gy3, *xp3, *gyp3, *wf3, *y3, *gx3, *gw3, *part3;
static int off3x[C3 * 9], off3g[O3 * 9];
#define W3_PARTS 2
static inline void w3_setup(void) {
  x3 = aligned_alloc(64, sizeof(float) * N3 * C3 * S3 * S3);
  w3 = aligned_alloc(64, sizeof(float) * O3 * C3 * 9);
  gy3 = aligned_alloc(64, sizeof(float) * N3 * O3 * S3 * S3);
  xp3 = aligned_alloc(64, sizeof(float) * (N3 * C3 * P3 * P3 + 64));
  gyp3 = aligned_alloc(64, sizeof(float) * (N3 * O3 * P3 * P3 + 64));
  wf3 = aligned_alloc(64, sizeof(float) * C3 * O3 * 9);
  y3 = aligned_alloc(64, sizeof(float) * N3 * O3 * S3 * S3);
  gx3 = aligned_alloc(64, sizeof(float) * N3 * C3 * S3 * S3);
  gw3 = aligned_alloc(64, sizeof(float) * O3 * C3 * 9);
  part3 = aligned_alloc(64, sizeof(float) * (O3 / 4) * W3_PARTS * 4 * C3 * 9);
  for (long i = 0; i < (long)N3 * C3 * S3 * S3; i++) x3[i] = (float)(i % 17) / 17 - 0.5f;
  for (long i = 0; i < (long)N3 * O3 * S3 * S3; i++) gy3[i] = (float)(i % 19) / 19 - 0.5f;
  for (int i = 0; i < O3 * C3 * 9; i++) w3[i] = (float)(i % 13) / 13 - 0.5f;
  tap_offsets(off3x, C3, P3, P3);
  tap_offsets(off3g, O3, P3, P3);
}
/** Serial part before the jobs: padded x and gy, the kernel flipped and transposed to [C][O][3][3] (as ours). */
static inline void w3_prepare(void) {
  pad_planes(x3, xp3, N3 * C3, S3, S3, P3, P3, 1, 1);
  pad_planes(gy3, gyp3, N3 * O3, S3, S3, P3, P3, 1, 1);
  for (int o = 0; o < O3; o++)
    for (int c = 0; c < C3; c++)
      for (int t = 0; t < 9; t++) wf3[(c * O3 + o) * 9 + t] = w3[(o * C3 + c) * 9 + 8 - t];
}
static inline void w3_forward_job(int j) {  // 8 images × 8 blocks of 4 output channels
  int n = j / 8;
  tile4x8(xp3 + (size_t)n * C3 * P3 * P3, P3, w3, C3 * 9, off3x, y3 + (size_t)n * O3 * S3 * S3, (j % 8) * 4, S3, S3, 0, S3);
}
static inline void w3_input_job(int j) {  // gx: 8 images × 4 blocks of 4 input channels, gy padded ⊛ flipped kernel
  int n = j / 4;
  tile4x8(gyp3 + (size_t)n * O3 * P3 * P3, P3, wf3, O3 * 9, off3g, gx3 + (size_t)n * C3 * S3 * S3, (j % 4) * 4, S3, S3, 0, S3);
}
static inline void w3_weight_job(int j) {  // gw: 8 blocks of 4 output channels × W3_PARTS halves of the batch, 2 taps a pass
  int oc = (j / W3_PARTS) * 4, n0 = (j % W3_PARTS) * N3 / W3_PARTS, n1 = n0 + N3 / W3_PARTS;
  float *part = part3 + (size_t)j * 4 * C3 * 9;
  for (int q = 0; q < C3 * 9; q += 2) {
    __m128 acc[4][2];
    for (int c = 0; c < 4; c++) acc[c][0] = acc[c][1] = _mm_setzero_ps();
    for (int n = n0; n < n1; n++)
      for (int y = 0; y < S3; y++) {
        const float *xr = xp3 + (size_t)n * C3 * P3 * P3 + y * P3;
        const float *gr = gy3 + ((size_t)n * O3 + oc) * S3 * S3 + y * S3;
        for (int px = 0; px < S3; px += 4) {
          __m128 x0 = _mm_loadu_ps(xr + off3x[q] + px), x1 = _mm_loadu_ps(xr + off3x[q + 1] + px);
          for (int c = 0; c < 4; c++) {
            __m128 g = _mm_loadu_ps(gr + c * S3 * S3 + px);
            acc[c][0] = _mm_fmadd_ps(g, x0, acc[c][0]);
            acc[c][1] = _mm_fmadd_ps(g, x1, acc[c][1]);
          }
        }
      }
    for (int c = 0; c < 4; c++)
      for (int t = 0; t < 2; t++) {
        float v[4];
        _mm_storeu_ps(v, acc[c][t]);
        part[c * C3 * 9 + q + t] = v[0] + v[1] + v[2] + v[3];
      }
  }
}
/** Serial part after the jobs: the halves of the batch summed into gw, then the read-back of gx and gw. */
static inline double w3_finish(void) {
  for (int b = 0; b < O3 / 4; b++)
    for (int i = 0; i < 4 * C3 * 9; i++) {
      float s = 0;
      for (int p = 0; p < W3_PARTS; p++) s += part3[((size_t)b * W3_PARTS + p) * 4 * C3 * 9 + i];
      gw3[b * 4 * C3 * 9 + i] = s;
    }
  return sum4(gx3, (long)N3 * C3 * S3 * S3) + sum4(gw3, O3 * C3 * 9);
}
