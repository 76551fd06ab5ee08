/*
 * The C baseline of the sweep benchmark (tests/bench/sweep.ts): the simulation a sweep does and
 * nothing else, as plain C would write it. For each grid point (SD x correlation time, row by
 * row), a frozen Ornstein-Uhlenbeck current (mean 150 pA, on over [50 ms, duration - 50 ms)),
 * then TRIALS trials of the reference LIF (exact integration, intrinsic noise, threshold crossing
 * interpolated within the step, refractory period in continuous time), all trials of a point
 * stepped together as spikegrade's kernel does. Normals: xoshiro256++ and Marsaglia & Tsang's
 * ziggurat (2000), 128 layers, tables built at start. No measures, no figure, no output but one
 * JSON line: the grid points, neuron-steps, and the spikes inside the window of the SD 0 row (a
 * constant current, where only the neuron matters) to hold the neuron to spikegrade's.
 *
 * usage: sweep-c-loop SD_COUNT TAU_COUNT NOISE_COUNT TRIALS DURATION_MS DT_MS
 * The SD axis is 0 to 200 pA, the correlation time axis 1 to 30 ms; each SD row also runs
 * NOISE_COUNT points at 3 ms (the second map's, whose noise levels cost the same work).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t s[4];

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next64(void) {
  uint64_t result = rotl(s[0] + s[3], 23) + s[0];
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

static void seed(uint64_t x) {
  for (int i = 0; i < 4; i++) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    s[i] = z ^ (z >> 31);
  }
}

static double uniform(void) { return ((double)(next64() >> 11) + 0.5) * 0x1p-53; }

static uint32_t kn[128];
static double wn[128], fn[128];

static void zigset(void) {
  const double m1 = 2147483648.0;
  double dn = 3.442619855899, tn = dn, vn = 9.91256303526217e-3;
  double q = vn / exp(-0.5 * dn * dn);
  kn[0] = (uint32_t)((dn / q) * m1);
  kn[1] = 0;
  wn[0] = q / m1;
  wn[127] = dn / m1;
  fn[0] = 1.0;
  fn[127] = exp(-0.5 * dn * dn);
  for (int i = 126; i >= 1; i--) {
    dn = sqrt(-2.0 * log(vn / dn + exp(-0.5 * dn * dn)));
    kn[i + 1] = (uint32_t)((dn / tn) * m1);
    tn = dn;
    fn[i] = exp(-0.5 * dn * dn);
    wn[i] = dn / m1;
  }
}

static double normal(void) {
  for (;;) {
    int32_t hz = (int32_t)(uint32_t)next64();
    int iz = hz & 127;
    uint32_t ahz = hz < 0 ? (uint32_t)(-(int64_t)hz) : (uint32_t)hz;
    double x = hz * wn[iz];
    if (ahz < kn[iz]) return x;
    if (iz == 0) {
      const double r = 3.442619855899;
      double y;
      do {
        x = -log(uniform()) / r;
        y = -log(uniform());
      } while (y + y < x * x);
      return hz > 0 ? r + x : -r - x;
    }
    if (fn[iz] + uniform() * (fn[iz - 1] - fn[iz]) < exp(-0.5 * x * x)) return x;
  }
}

/* The reference neuron (docs/contract.md). */
static const double TAU = 30, GAIN = 130e-3, REST = -70, THRESHOLD = -53, RESET = -80,
                    REFRACTORY = 2, NOISE = 0.2, MEAN = 150, MARGIN = 50;

static long run_point(double sd, double tau, int trials, int steps, double dt, double *current,
                      double *v, double *until) {
  const double a = exp(-dt / tau), innovation = sd * sqrt(1 - a * a);
  const int on = (int)lround(MARGIN / dt), off = steps - on;
  double deviation = sd * normal();
  for (int i = 0; i < steps; i++) {
    if (i > 0) deviation = a * deviation + innovation * normal();
    current[i] = i >= on && i < off ? MEAN + deviation : 0;
  }
  const double decay = exp(-dt / TAU), noise = NOISE * sqrt(1 - exp(-2 * dt / TAU));
  for (int k = 0; k < trials; k++) {
    v[k] = REST;
    until[k] = -INFINITY;
  }
  long spikes = 0;
  for (int i = 0; i < steps; i++) {
    const double t0 = i * dt, t1 = t0 + dt, vinf = REST + GAIN * current[i];
    for (int k = 0; k < trials; k++) {
      const double z = normal();
      if (until[k] >= t1) {
        v[k] = RESET;
        continue;
      }
      double start = t0, vstart = v[k], dec = decay, sn = noise;
      if (until[k] > t0) {
        start = until[k];
        vstart = RESET;
        dec = exp(-(t1 - start) / TAU);
        sn = NOISE * sqrt(1 - exp(-2 * (t1 - start) / TAU));
      }
      const double vend = vinf + (vstart - vinf) * dec + sn * z;
      if (vend < THRESHOLD) {
        v[k] = vend;
        continue;
      }
      const double spike = start + (THRESHOLD - vstart) / (vend - vstart) * (t1 - start);
      v[k] = RESET;
      until[k] = spike + REFRACTORY;
      if (spike >= MARGIN && spike < steps * dt - MARGIN) spikes++;
    }
  }
  return spikes;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: %s SD_COUNT TAU_COUNT NOISE_COUNT TRIALS DURATION_MS DT_MS\n", argv[0]);
    return 2;
  }
  const int sds = atoi(argv[1]), taus = atoi(argv[2]), noises = atoi(argv[3]), trials = atoi(argv[4]);
  const double duration = atof(argv[5]), dt = atof(argv[6]);
  const int steps = (int)lround(duration / dt);
  double *current = malloc(sizeof(double) * steps), *v = malloc(sizeof(double) * trials),
         *until = malloc(sizeof(double) * trials);
  zigset();
  seed(7);
  long step_spikes = 0, points = 0;
  for (int r = 0; r < sds; r++) {
    const double sd = sds > 1 ? 200.0 * r / (sds - 1) : 0;
    for (int c = 0; c < taus; c++, points++) {
      const double tau = taus > 1 ? 1 + 29.0 * c / (taus - 1) : 1;
      const long spikes = run_point(sd, tau, trials, steps, dt, current, v, until);
      if (r == 0) step_spikes += spikes;
    }
    for (int c = 0; c < noises; c++, points++) run_point(sd, 3, trials, steps, dt, current, v, until);
  }
  printf("{\"points\": %ld, \"neuronSteps\": %ld, \"stepSpikes\": %ld}\n", points,
         points * (long)trials * steps, step_spikes);
  return 0;
}
