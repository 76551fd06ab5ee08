/*
 * The C baseline of the kernel benchmark (tests/bench/kernel.ts): the work of
 * src/model/lif-kernel.wat for the default options (exact integration, interpolated spike
 * times), written as plain C would be, in one pass: the same generator (seeded by
 * splitmix64, xoroshiro128++ stream A for first tries and stream B for the slow path of Marsaglia & Tsang's
 * ziggurat with 256 layers), so the same normals, and the same tables, which the benchmark
 * writes into kernel-tables.h with the neuron's parameters before compiling this with gcc -O2.
 *
 * usage: lif-kernel CURRENT_FILE DT_MS TRIALS SEED REPEATS CALLS
 * CURRENT_FILE holds the current (pA) as little-endian float64. Each repeat times CALLS whole
 * simulations. Prints one JSON line: the CPU ns per neuron-step of each repeat and the spike count
 * of each trial.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kernel-tables.h" /* KN, WN, FN, ZIGGURAT_R and the neuron: TAU_MS, GAIN, ... */

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* xoroshiro128++ */
static uint64_t next(uint64_t s[2]) {
  const uint64_t s0 = s[0];
  uint64_t s1 = s[1];
  const uint64_t result = rotl(s0 + s1, 17) + s0;
  s1 ^= s0;
  s[0] = rotl(s0, 49) ^ s1 ^ (s1 << 21);
  s[1] = rotl(s1, 28);
  return result;
}

static uint64_t splitmix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Stream A's two generators (lanes) and stream B from six splitmix64 outputs, as the kernel's
   seed. */
static void seed_state(uint64_t a[2][2], uint64_t b[2], uint64_t x) {
  uint64_t *words[6] = {&a[0][0], &a[0][1], &a[1][0], &a[1][1], &b[0], &b[1]};
  for (int i = 0; i < 6; i++) {
    x += 0x9e3779b97f4a7c15ULL;
    *words[i] = splitmix(x);
  }
}

static double uniform(uint64_t s[2]) { return ((double)(next(s) >> 11) + 0.5) * 0x1p-53; }

/* One try's layer (bits 0-7), sign (bit 8, moved to the double's sign bit without a branch: a
   random bit would mispredict half the time) and magnitude (bits 12-63, below 2^52). */
static double point(uint64_t r, int *iz, uint64_t *u) {
  *iz = (int)(r & 255);
  *u = r >> 12;
  const double x = (double)*u * WN[*iz];
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  bits ^= (r << 55) & 0x8000000000000000ULL;
  double signed_x;
  memcpy(&signed_x, &bits, sizeof bits);
  return signed_x;
}

/* The ziggurat's slow path for a first try r, further draws from stream b. */
static __attribute__((noinline)) double slow(uint64_t b[2], uint64_t r) {
  for (;;) {
    int iz;
    uint64_t u;
    const double x = point(r, &iz, &u);
    if (u < (uint64_t)KN[iz]) return x;
    if (iz == 0) {
      double t, y;
      do {
        t = -log(uniform(b)) / ZIGGURAT_R;
        y = -log(uniform(b));
      } while (y + y < t * t);
      return (r >> 8) & 1 ? -(ZIGGURAT_R + t) : ZIGGURAT_R + t;
    }
    if (FN[iz] + uniform(b) * (FN[iz - 1] - FN[iz]) < exp(-0.5 * (x * x))) return x;
    r = next(b);
  }
}

/* A standard normal from lane `a` of stream A (its slow path from stream b). */
static inline double normal(uint64_t a[2], uint64_t b[2]) {
  const uint64_t r = next(a);
  int iz;
  uint64_t u;
  const double x = point(r, &iz, &u);
  return u < (uint64_t)KN[iz] ? x : slow(b, r);
}

/* Trial k over step [t0, t1) with its normal z; a spike is written at spike_*[*count]. */
static inline __attribute__((always_inline)) void step(int k, double z, double t0, double t1,
                                                       double v_inf, double step_decay,
                                                       double step_noise, double *v, double *until,
                                                       int *count, int *spike_trial,
                                                       double *spike_time) {
  double start = t0, v_start = v[k], decay = step_decay, sc = step_noise;
  const double u = until[k];
  if (u >= t1) {
    v[k] = RESET_MV;
    return;
  }
  if (u > t0) {
    start = u;
    v_start = RESET_MV;
    decay = exp(-(t1 - u) / TAU_MS);
    sc = NOISE_SD_MV * sqrt(1 - exp(-2 * (t1 - u) / TAU_MS));
  }
  const double v_end = v_inf + (v_start - v_inf) * decay + sc * z;
  if (v_end < THRESHOLD_MV) {
    v[k] = v_end;
    return;
  }
  v[k] = RESET_MV;
  const double fraction =
      v_start >= THRESHOLD_MV ? 0 : (THRESHOLD_MV - v_start) / (v_end - v_start);
  const double spike = start + fraction * (t1 - start);
  spike_trial[*count] = k;
  spike_time[*count] = spike;
  ++*count;
  until[k] = spike + REFRACTORY_MS;
}

/* All trials over the whole current; returns the number of spikes written. Trials go in pairs,
   the first of each drawing from lane 0 of stream A and the second from lane 1, as the kernel. */
static int simulate(const double *current, int steps, double dt, int trials, uint64_t seed,
                    double *v, double *until, int *spike_trial, double *spike_time) {
  const double step_decay = exp(-dt / TAU_MS);
  const double step_noise = NOISE_SD_MV * sqrt(1 - exp(-2 * dt / TAU_MS));
  uint64_t a[2][2], b[2];
  seed_state(a, b, seed);
  uint64_t lane0[2] = {a[0][0], a[0][1]}, lane1[2] = {a[1][0], a[1][1]};
  int count = 0;
  for (int k = 0; k < trials; k++) {
    v[k] = INITIAL_MV;
    until[k] = -INFINITY;
  }
  for (int i = 0; i < steps; i++) {
    const double t0 = i * dt, t1 = (i + 1) * dt;
    const double v_inf = REST_MV + GAIN * current[i];
    for (int k = 0; k < trials; k += 2) {
      const double z0 = normal(lane0, b);
      step(k, z0, t0, t1, v_inf, step_decay, step_noise, v, until, &count, spike_trial,
           spike_time);
      /* with an odd number of trials, the last pair's second normal is drawn unused */
      const double z1 = normal(lane1, b);
      if (k + 1 < trials)
        step(k + 1, z1, t0, t1, v_inf, step_decay, step_noise, v, until, &count, spike_trial,
             spike_time);
    }
  }
  return count;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: %s CURRENT_FILE DT_MS TRIALS SEED REPEATS CALLS\n", argv[0]);
    return 2;
  }
  FILE *file = fopen(argv[1], "rb");
  if (!file) return perror(argv[1]), 1;
  fseek(file, 0, SEEK_END);
  const int steps = (int)(ftell(file) / 8);
  fseek(file, 0, SEEK_SET);
  double *current = malloc(sizeof(double) * steps);
  if (fread(current, sizeof(double), steps, file) != (size_t)steps) return perror(argv[1]), 1;
  fclose(file);
  const double dt = atof(argv[2]);
  const int trials = atoi(argv[3]);
  const uint64_t seed = strtoull(argv[4], NULL, 10);
  const int repeats = atoi(argv[5]);
  const int calls = atoi(argv[6]);
  /* At most one spike per refractory period, and one more. */
  const size_t room = (size_t)trials * (size_t)(ceil(steps * dt / REFRACTORY_MS) + 2);
  double *v = malloc(sizeof(double) * trials), *until = malloc(sizeof(double) * trials);
  int *spike_trial = malloc(sizeof(int) * room);
  double *spike_time = malloc(sizeof(double) * room);
  int *counts = calloc(trials, sizeof(int));
  printf("{\"ns\": [");
  int spikes = 0;
  for (int r = 0; r < repeats; r++) {
    struct timespec a, b;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    for (int c = 0; c < calls; c++)
      spikes = simulate(current, steps, dt, trials, seed, v, until, spike_trial, spike_time);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    const double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
    printf("%s%.4f", r ? ", " : "", ns / ((double)steps * trials * calls));
  }
  for (int c = 0; c < spikes; c++) counts[spike_trial[c]]++;
  printf("], \"counts\": [");
  for (int k = 0; k < trials; k++) printf("%s%d", k ? ", " : "", counts[k]);
  printf("]}\n");
  return 0;
}
