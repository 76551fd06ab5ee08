/**
 * The reference stimuli of docs/contract.md, in pA, one sample per time step (sample i covers
 * [i * dtMs, (i + 1) * dtMs)): the constant step of Figure 1A and the frozen
 * Ornstein-Uhlenbeck current of Figure 1B, both 0 pA outside [onsetMs, offsetMs).
 */
import { sampleCount } from "../protocol/canonical.js";
import type { OuStimulusRequest, StepStimulusRequest, StimulusRequest } from "../protocol/types.js";
import { RandomState } from "./rng.js";

/** More samples than any experiment needs (10^8: 1000 s at dt 0.01 ms); beyond it, a mistake. */
const MAX_SAMPLES = 100_000_000;
/** docs/contract.md: seeds are integers in [0, 2**31 - 1]. */
const MAX_SEED = 2 ** 31 - 1;

/** The current a request describes, in pA, round(durationMs / dtMs) samples. */
export function makeStimulus(request: StimulusRequest): Float64Array {
  switch (request.kind) {
    case "step":
      return stepCurrent(request);
    case "ou":
      return ouCurrent(request);
    default:
      throw new RangeError(
        `kind must be "step" or "ou", got ${JSON.stringify((request as { kind: unknown }).kind)}`,
      );
  }
}

/** meanPa inside [onsetMs, offsetMs), 0 pA outside. */
export function stepCurrent(request: StepStimulusRequest): Float64Array {
  const n = checkedSampleCount(request);
  const { start, end } = stimulusWindow(request, n);
  return new Float64Array(n).fill(request.meanPa, start, end);
}

/**
 * A frozen Ornstein-Uhlenbeck current: stationary mean meanPa, SD sdPa, autocorrelation
 * exp(-|lag| / tauMs), at any dt (the exact discretisation, so no dt-dependent bias), 0 pA
 * outside [onsetMs, offsetMs). With z = np.random.RandomState(seed).standard_normal(n) over
 * all n samples and a = exp(-dtMs / tauMs):
 *   x[0] = meanPa + sdPa * z[0]
 *   x[i] = meanPa + a * (x[i-1] - meanPa) + sdPa * sqrt(1 - a * a) * z[i]
 * so a Python student with numpy draws the very same trace (tests/numpy/ou_snippet.py).
 * `normals`, when given, are those z already drawn (seedNormals): a sweep makes a thousand
 * currents of one seed, and drawing the same numbers again was a tenth of its work.
 */
export function ouCurrent(request: OuStimulusRequest, normals?: Float64Array): Float64Array {
  const n = checkedSampleCount(request);
  const { meanPa, sdPa, tauMs, seed, dtMs } = request;
  requireNumber("sdPa", sdPa, sdPa >= 0, ">= 0");
  requireNumber("tauMs", tauMs, tauMs > 0, "> 0");
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer in [0, 2**31 - 1], got ${seed}`);
  }
  if (normals !== undefined && normals.length !== n) {
    throw new RangeError(`${normals.length} normals drawn for a current of ${n} samples`);
  }
  const current = normals ? Float64Array.from(normals) : seedNormals(seed, n);
  const a = Math.exp(-dtMs / tauMs);
  const innovationPa = sdPa * Math.sqrt(1 - a * a);
  // Starting from the stationary distribution, the trace is stationary from its first sample.
  let deviationPa = sdPa * current[0];
  current[0] = meanPa + deviationPa;
  for (let i = 1; i < n; i++) {
    deviationPa = a * deviationPa + innovationPa * current[i];
    current[i] = meanPa + deviationPa;
  }
  const { start, end } = stimulusWindow(request, n);
  current.fill(0, 0, start);
  current.fill(0, end, n);
  return current;
}

/** The n standard normals np.random.RandomState(seed).standard_normal(n) draws. */
export function seedNormals(seed: number, n: number): Float64Array {
  return new RandomState(seed).fillStandardNormal(new Float64Array(n));
}

/**
 * The samples of a trace of n samples that lie inside [onsetMs, offsetMs): indices
 * start <= i < end, with start = round(onsetMs / dtMs) and end = round(offsetMs / dtMs), clamped
 * to [0, n]. Rounding the ratio makes 50 / 0.1 = 500.00000000000006 count as 500; an edge in the
 * middle of a sample rounds up.
 */
export function stimulusWindow(
  request: Pick<StimulusRequest, "dtMs" | "onsetMs" | "offsetMs">,
  n: number,
): { start: number; end: number } {
  const clamp = (i: number) => Math.min(Math.max(i, 0), n);
  return {
    start: clamp(Math.round(request.onsetMs / request.dtMs)),
    end: clamp(Math.round(request.offsetMs / request.dtMs)),
  };
}

/** The request's sample count, after checking the fields every stimulus shares. */
function checkedSampleCount(request: StimulusRequest): number {
  const { dtMs, durationMs, onsetMs, offsetMs, meanPa } = request;
  requireNumber("dtMs", dtMs, dtMs > 0, "> 0");
  requireNumber("durationMs", durationMs, durationMs > 0, "> 0");
  requireNumber("onsetMs", onsetMs, onsetMs >= 0, ">= 0");
  requireNumber("offsetMs", offsetMs, offsetMs >= onsetMs, `>= onsetMs (${onsetMs})`);
  requireNumber("meanPa", meanPa);
  const n = sampleCount(durationMs, dtMs);
  if (n < 1 || n > MAX_SAMPLES) {
    throw new RangeError(
      `durationMs / dtMs = ${durationMs} / ${dtMs} gives ${n} samples; it must give 1 to ${MAX_SAMPLES}`,
    );
  }
  return n;
}

function requireNumber(name: string, value: unknown, ok = true, rule = ""): void {
  if (typeof value !== "number" || !Number.isFinite(value) || !ok) {
    const must = rule ? `a finite number ${rule}` : "a finite number";
    throw new RangeError(`${name} must be ${must}, got ${String(value)}`);
  }
}
