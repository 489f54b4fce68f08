// What 2 threads can gain on this machine, in C with 128-bit SIMD (the width WebAssembly SIMD has), for the all-cores target.
// Build and run:  gcc -O3 -mavx2 -mfma -pthread bench/allcores-limits.c -o /tmp/allcores-limits && /tmp/allcores-limits
// Prints, 1 thread against 2 threads on the same total work:
//   1. 128-bit FMA throughput (8 independent chains): are the 2 vCPUs 2 cores, or one core's 2 hyperthreads?
//   2. memory write and read bandwidth over 64 MB
//   3. W2 (1×3×224² ⊛ 64×3×3×3, padding 1) as our wasm tiles compute it — 4 channels × 8 pixels per tile, 27 taps — split
//      by channel blocks, writing a fresh 12.8 MB output
//   4. W2 as the bench times it: the conv, then the read-back (a sum of every output element on one thread)
// With the argument `fma` it prints only one line, the one-thread 128-bit FMA peak in GFLOP/s (npm run bench prints it).
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runners/c128-kernels.h"

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

typedef struct { int id, threads; } Arg;
typedef void *(*Fn)(void *);

static double run(Fn f, int threads) {
  pthread_t t[2];
  Arg a[2];
  double t0 = now_ms();
  for (int i = 0; i < threads; i++) {
    a[i] = (Arg){i, threads};
    pthread_create(&t[i], 0, f, &a[i]);
  }
  for (int i = 0; i < threads; i++) pthread_join(t[i], 0);
  return now_ms() - t0;
}

static double best(Fn f, int threads, int reps) {
  double b = 1e30;
  for (int r = 0; r < reps; r++) {
    double t = run(f, threads);
    if (t < b) b = t;
  }
  return b;
}

// 1. FMA
#define FMA_ITERS 100000000L
static volatile float sink;
static void *fma_work(void *p) {
  Arg *a = p;
  __m128 x[8], m = _mm_set1_ps(0.9999f), c = _mm_set1_ps(1e-4f);
  for (int k = 0; k < 8; k++) x[k] = _mm_set1_ps(k);
  for (long i = 0; i < FMA_ITERS / a->threads; i++)
    for (int k = 0; k < 8; k++) x[k] = _mm_fmadd_ps(x[k], m, c);
  __m128 s = x[0];
  for (int k = 1; k < 8; k++) s = _mm_add_ps(s, x[k]);
  sink = _mm_cvtss_f32(s);
  return 0;
}

// 2. bandwidth
#define BW_BYTES (64L << 20)
static float *bw;
static void *write_work(void *p) {
  Arg *a = p;
  long part = BW_BYTES / 4 / a->threads;
  for (int r = 0; r < 5; r++) memset(bw + part * a->id, r, part * 4);
  return 0;
}
static void *read_work(void *p) {
  Arg *a = p;
  long part = BW_BYTES / 4 / a->threads;
  __m128 s0 = _mm_setzero_ps(), s1 = s0, s2 = s0, s3 = s0;
  for (int r = 0; r < 5; r++)
    for (long i = part * a->id; i < part * (a->id + 1); i += 16) {
      s0 = _mm_add_ps(s0, _mm_load_ps(bw + i));
      s1 = _mm_add_ps(s1, _mm_load_ps(bw + i + 4));
      s2 = _mm_add_ps(s2, _mm_load_ps(bw + i + 8));
      s3 = _mm_add_ps(s3, _mm_load_ps(bw + i + 12));
    }
  sink = _mm_cvtss_f32(_mm_add_ps(_mm_add_ps(s0, s1), _mm_add_ps(s2, s3)));
  return 0;
}

// 3. W2 conv: padded input [3][226][232] (rows padded to whole 8-pixel blocks), weights [64][27], output [64][224][224].
#define C 3
#define O 64
#define H 224
#define W 224
#define HP (H + 2)
#define WP (W + 8)
static float *xp, *wt, *out;
static int off[27];
static void conv_block(int oc) { tile4x8(xp, WP, wt, 27, off, out, oc, H, W, 0, H); }  // the bench's conv4x8 tile in C
static void *conv_work(void *p) {
  Arg *a = p;
  for (int b = a->id; b < O / 4; b += a->threads) conv_block(b * 4);
  return 0;
}
static double readback(void) {  // the bench's read-back: one thread, a plain sum (as the JS runners do)
  double s = 0;
  for (long i = 0; i < (long)O * H * W; i++) s += out[i];
  return s;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "fma") == 0) {  // best of 5: 8 chains x 4 lanes x 2 flops per iteration
    double b = best(fma_work, 1, 5);
    printf("%.1f\n", FMA_ITERS * 8.0 * 4 * 2 / b / 1e6);
    return 0;
  }
  printf("1. 128-bit FMA, same total work\n");
  for (int r = 0; r < 3; r++) {
    double a = best(fma_work, 1, 1), b = best(fma_work, 2, 1);
    printf("   1 thread %.1f ms, 2 threads %.1f ms: %.2fx\n", a, b, a / b);
  }
  bw = aligned_alloc(64, BW_BYTES);
  memset(bw, 1, BW_BYTES);
  printf("2. memory bandwidth, 64 MB x 5\n");
  for (int r = 0; r < 3; r++) {
    double a = best(write_work, 1, 3), b = best(write_work, 2, 3);
    double c = best(read_work, 1, 3), d = best(read_work, 2, 3);
    printf("   write: 1t %.1f GB/s, 2t %.1f GB/s (%.2fx)   read: 1t %.1f GB/s, 2t %.1f GB/s (%.2fx)\n", 5 * BW_BYTES / a / 1e6,
           5 * BW_BYTES / b / 1e6, a / b, 5 * BW_BYTES / c / 1e6, 5 * BW_BYTES / d / 1e6, c / d);
  }
  xp = aligned_alloc(64, sizeof(float) * C * HP * WP + 64);
  wt = aligned_alloc(64, sizeof(float) * O * 27);
  for (long i = 0; i < (long)C * HP * WP; i++) xp[i] = (float)(i % 17) / 17 - 0.5f;
  for (int i = 0; i < O * 27; i++) wt[i] = (float)(i % 13) / 13 - 0.5f;
  for (int c = 0; c < C; c++)
    for (int a = 0; a < 3; a++)
      for (int b = 0; b < 3; b++) off[c * 9 + a * 3 + b] = c * HP * WP + a * WP + b;
  printf("3./4. W2 conv (86.7 M multiply-adds) into a reused (pooled) or fresh (page-faulting) 12.8 MB output; then + read-back\n");
  float *pooled = aligned_alloc(64, sizeof(float) * O * H * W);
  memset(pooled, 0, sizeof(float) * O * H * W);
  for (int r = 0; r < 4; r++) {
    int fresh = r == 3;
    double t[2], tr[2];
    for (int threads = 1; threads <= 2; threads++) {
      double bc = 1e30, bt = 1e30;
      for (int rep = 0; rep < 5; rep++) {
        out = fresh ? aligned_alloc(64, sizeof(float) * O * H * W) : pooled;
        double t0 = now_ms();
        run(conv_work, threads);
        double t1 = now_ms();
        sink = (float)readback();
        double t2 = now_ms();
        if (fresh) free(out);
        if (t1 - t0 < bc) bc = t1 - t0;
        if (t2 - t0 < bt) bt = t2 - t0;
      }
      t[threads - 1] = bc;
      tr[threads - 1] = bt;
    }
    printf("   %s output: conv 1t %.2f ms, 2t %.2f ms (%.2fx)   conv + read-back: 1t %.2f ms, 2t %.2f ms (%.2fx)\n", fresh ? "fresh " : "pooled", t[0], t[1], t[0] / t[1],
           tr[0], tr[1], tr[0] / tr[1]);
  }
  return 0;
}
