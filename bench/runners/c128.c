// W2 in C with 128-bit SIMD (WebAssembly SIMD's width), on 1 or 2 threads: the bench's reference for what all cores can
// gain on this machine, measured in the same interleaved rounds as our engine (run.ts builds it with gcc under --all-cores).
// Same protocol and rules as runners/serve.ts: JSON lines on stdin/stdout, the same warm-up, per-call medians, read-back.
// The tile is our conv4x8 (4 output channels × 8 pixels, 27 taps, fused multiply-add); jobs (16 channel blocks × 4 row
// bands) are claimed from a shared counter, as our pool claims them; the output buffer is reused across calls.
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define C 3
#define O 64
#define H 224
#define W 224
#define HP (H + 2)
#define WP (W + 8)
#define BANDS 4
#define JOBS ((O / 4) * BANDS)

static float *xp, *wt, *out;
static int off[C * 9];
static int threads = 1;
static int next_job;
static pthread_barrier_t start_line, finish_line;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void tile_rows(int oc, int y0, int y1) {
  for (int y = y0; y < y1; y++)
    for (int x = 0; x < W; x += 8) {
      __m128 acc[4][2];
      for (int j = 0; j < 4; j++) acc[j][0] = acc[j][1] = _mm_setzero_ps();
      const float *base = xp + y * WP + x;
      for (int k = 0; k < C * 9; k++) {
        __m128 a0 = _mm_loadu_ps(base + off[k]), a1 = _mm_loadu_ps(base + off[k] + 4);
        for (int j = 0; j < 4; j++) {
          __m128 wv = _mm_set1_ps(wt[(oc + j) * C * 9 + k]);
          acc[j][0] = _mm_fmadd_ps(a0, wv, acc[j][0]);
          acc[j][1] = _mm_fmadd_ps(a1, wv, acc[j][1]);
        }
      }
      for (int j = 0; j < 4; j++) {
        float *o = out + ((size_t)(oc + j) * H + y) * W + x;
        _mm_storeu_ps(o, acc[j][0]);
        _mm_storeu_ps(o + 4, acc[j][1]);
      }
    }
}

static void claim_jobs(void) {
  for (int j; (j = __atomic_fetch_add(&next_job, 1, __ATOMIC_RELAXED)) < JOBS;)
    tile_rows((j / BANDS) * 4, (j % BANDS) * H / BANDS, (j % BANDS + 1) * H / BANDS);
}

static void *helper(void *unused) {
  (void)unused;
  for (;;) {
    pthread_barrier_wait(&start_line);
    claim_jobs();
    pthread_barrier_wait(&finish_line);
  }
  return 0;
}

/** One call: the convolution on every thread, then the read-back on this one (a sum of every output, four chains as in JS). */
static double call(void) {
  next_job = 0;
  if (threads > 1) pthread_barrier_wait(&start_line);
  claim_jobs();
  if (threads > 1) pthread_barrier_wait(&finish_line);
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (long i = 0; i < (long)O * H * W; i += 4) {
    s0 += out[i];
    s1 += out[i + 1];
    s2 += out[i + 2];
    s3 += out[i + 3];
  }
  return s0 + s1 + s2 + s3;
}

static int by_value(const void *a, const void *b) {
  double d = *(const double *)a - *(const double *)b;
  return d < 0 ? -1 : d > 0;
}

static double median(double *v, int n) {
  qsort(v, n, sizeof *v, by_value);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static volatile double sink;
static double timed(void) {
  double t0 = now_ms();
  sink = call();
  return now_ms() - t0;
}

static double times[500];

int main(int argc, char **argv) {
  threads = argc > 1 ? atoi(argv[1]) : 1;
  if (threads < 1 || threads > 2) threads = 1;
  xp = aligned_alloc(64, sizeof(float) * (C * HP * WP + 64));
  wt = aligned_alloc(64, sizeof(float) * O * C * 9);
  out = aligned_alloc(64, sizeof(float) * O * H * W);
  for (long i = 0; i < (long)C * HP * WP + 64; i++) xp[i] = (float)(i % 17) / 17 - 0.5f;
  for (int i = 0; i < O * C * 9; i++) wt[i] = (float)(i % 13) / 13 - 0.5f;
  memset(out, 0, sizeof(float) * O * H * W);
  for (int c = 0; c < C; c++)
    for (int a = 0; a < 3; a++)
      for (int b = 0; b < 3; b++) off[c * 9 + a * 3 + b] = c * HP * WP + a * WP + b;
  if (threads > 1) {
    pthread_barrier_init(&start_line, 0, threads);
    pthread_barrier_init(&finish_line, 0, threads);
    pthread_t t;
    pthread_create(&t, 0, helper, 0);
  }
  printf("{\"ready\":\"C, 128-bit SIMD (SSE + FMA), %d thread%s\"}\n", threads, threads > 1 ? "s" : "");
  fflush(stdout);
  char line[4096];
  while (fgets(line, sizeof line, stdin)) {
    if (strstr(line, "\"quit\"")) break;
    int w2 = strstr(line, "\"id\":\"W2\"") != 0;
    if (strstr(line, "\"setup\"")) {
      if (!w2) {
        printf("{\"unsupported\":\"the C reference has W2 only\"}\n");
      } else {
        // Warm-up: calls until the last 3 are within 10% of their median (at least 3), at most 3 s or 500 calls.
        const char *p = strstr(line, "\"sampleMs\":");
        double sample_ms = p ? atof(p + 11) : 50, start = now_ms(), m = 0;
        int n = 0;
        for (;;) {
          times[n++] = timed();
          int stable = 0;
          if (n >= 3) {
            double last[3] = {times[n - 3], times[n - 2], times[n - 1]};
            m = median(last, 3);
            stable = 1;
            for (int i = n - 3; i < n; i++)
              if (times[i] < m * 0.9 || times[i] > m * 1.1) stable = 0;
          }
          if (stable || now_ms() - start > 3000 || n >= 500) break;
        }
        int calls = (int)(sample_ms / (m > 1e-3 ? m : 1e-3) + 0.5);
        printf("{\"calls\":%d,\"warmupCalls\":%d,\"warmMs\":%.6f}\n", calls < 1 ? 1 : calls, n, m);
      }
    } else if (strstr(line, "\"sample\"")) {
      const char *p = strstr(line, "\"calls\":");
      int calls = p ? atoi(p + 8) : 1;
      if (calls < 1) calls = 1;
      if (calls > 500) calls = 500;
      for (int i = 0; i < calls; i++) times[i] = timed();
      printf("{\"ms\":%.6f}\n", median(times, calls));
    } else {
      printf("{\"error\":\"unknown request\"}\n");
    }
    fflush(stdout);
  }
  return 0;
}
