// W2 and W3 in C with 128-bit SIMD (WebAssembly SIMD's width), on 1 or 2 threads: the bench's reference for what all cores
// can gain on this machine, measured in the same interleaved rounds as our engine (run.ts builds it with gcc under
// --all-cores). Same protocol and rules as runners/serve.ts: JSON lines on stdin/stdout, the same warm-up, per-call
// medians, read-back. Kernels and jobs mirror ours (c128-kernels.h); outputs are reused across calls.
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "c128-kernels.h"

static int threads = 1;
static void (*phase_job)(int);
static int phase_jobs, next_job;
static pthread_barrier_t start_line, finish_line;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void claim_jobs(void) {
  for (int j; (j = __atomic_fetch_add(&next_job, 1, __ATOMIC_RELAXED)) < phase_jobs;) phase_job(j);
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

/** Runs `count` jobs on every thread; returns when all are done. */
static void run_jobs(void (*job)(int), int count) {
  phase_job = job;
  phase_jobs = count;
  next_job = 0;
  if (threads > 1) pthread_barrier_wait(&start_line);
  claim_jobs();
  if (threads > 1) pthread_barrier_wait(&finish_line);
}

/** One call of a workload, read-back included (on this thread). */
static double call(int w3) {
  if (!w3) {
    run_jobs(w2_job, 64);
    return sum4(w2out, 64L * W2_H * W2_H);
  }
  w3_prepare();
  run_jobs(w3_forward_job, 64);
  run_jobs(w3_input_job, 32);
  run_jobs(w3_weight_job, (O3 / 4) * W3_PARTS);
  return w3_finish();
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
static double timed(int w3) {
  double t0 = now_ms();
  sink = call(w3);
  return now_ms() - t0;
}

static double times[500];

int main(int argc, char **argv) {
  threads = argc > 1 ? atoi(argv[1]) : 1;
  if (threads < 1 || threads > 2) threads = 1;
  w2_setup();
  w3_setup();
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
    int w2 = strstr(line, "\"id\":\"W2\"") != 0, w3 = strstr(line, "\"id\":\"W3\"") != 0;
    if (strstr(line, "\"setup\"")) {
      if (!w2 && !w3) {
        printf("{\"unsupported\":\"the C reference has W2 and W3 only\"}\n");
      } else {
        // Warm-up: calls until the last 3 are within 10% of their median (at least 3), at most 3 s or 500 calls.
        const char *p = strstr(line, "\"sampleMs\":");
        double sample_ms = p ? atof(p + 11) : 50, start = now_ms(), m = 0;
        int n = 0;
        for (;;) {
          times[n++] = timed(w3);
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
      for (int i = 0; i < calls; i++) times[i] = timed(w3);
      printf("{\"ms\":%.6f}\n", median(times, calls));
    } else {
      printf("{\"error\":\"unknown request\"}\n");
    }
    fflush(stdout);
  }
  return 0;
}
