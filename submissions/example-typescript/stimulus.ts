/**
 * The input currents of Figure 1, in pA, one sample per time step: sample i covers
 * [i * dt, (i + 1) * dt). Both are 0 pA outside the stimulus window [onsetMs, offsetMs).
 */
import { SeededRandom } from "./random.ts";

export interface StepRequest {
  kind: "step";
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  meanPa: number;
}

export interface OuRequest {
  kind: "ou";
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  meanPa: number;
  sdPa: number;
  tauMs: number;
  seed: number;
}

export type StimulusRequest = StepRequest | OuRequest;

/** The current a request asks for: round(durationMs / dtMs) samples, in pA. */
export function current(request: StimulusRequest): number[] {
  const n = Math.round(request.durationMs / request.dtMs);
  const values = request.kind === "ou" ? ornsteinUhlenbeck(request, n) : constant(request, n);
  // Sample i is on iff round(onset / dt) <= i < round(offset / dt).
  const first = Math.round(request.onsetMs / request.dtMs);
  const end = Math.round(request.offsetMs / request.dtMs);
  return values.map((value, i) => (i >= first && i < end ? value : 0));
}

function constant(request: StepRequest, n: number): number[] {
  return new Array<number>(n).fill(request.meanPa);
}

/**
 * A frozen Ornstein-Uhlenbeck current: mean meanPa, SD sdPa, autocorrelation exp(-|lag| / tauMs).
 *
 * Exact update over one step, a = exp(-dt / tau):
 *   x[0] = mean + sd * z[0]                                   (already stationary)
 *   x[i] = mean + a * (x[i-1] - mean) + sd * sqrt(1 - a^2) * z[i]
 * The sqrt(1 - a^2) keeps the variance at sd^2 for any dt: a^2 sd^2 + (1 - a^2) sd^2 = sd^2.
 *
 * Every z comes from one generator seeded with the request's seed: the same seed gives the
 * same current ("frozen noise"), another seed another one.
 */
function ornsteinUhlenbeck(request: OuRequest, n: number): number[] {
  const { dtMs, meanPa, sdPa, tauMs } = request;
  const random = new SeededRandom(request.seed);
  const a = Math.exp(-dtMs / tauMs);
  const kickPa = sdPa * Math.sqrt(1 - a * a);
  const x = new Array<number>(n);
  let deviationPa = sdPa * random.normal();
  for (let i = 0; i < n; i++) {
    if (i > 0) deviationPa = a * deviationPa + kickPa * random.normal();
    x[i] = meanPa + deviationPa;
  }
  return x;
}
