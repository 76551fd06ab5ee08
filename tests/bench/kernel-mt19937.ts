/**
 * The reference LIF as it was before issue 12, kept for the kernel benchmark to compare with: plain
 * JavaScript drawing its intrinsic noise from numpy's RandomState (MT19937 and the polar Gaussian,
 * src/model/rng.ts), the normal of step i and trial k its (i * trials + k)-th draw. The default
 * options only (exact integration, interpolated spike times), no voltage recorded.
 */
import { RandomState } from "../../src/model/rng.js";
import type { NeuronParameters } from "../../src/protocol/types.js";

export function simulateLifMt19937(
  dtMs: number,
  currentPa: ArrayLike<number>,
  trials: number,
  seed: number,
  neuron: NeuronParameters,
): number[][] {
  const { tauMs, restMv, thresholdMv, resetMv, refractoryMs, noiseSdMv } = neuron;
  const gain = neuron.resistanceMOhm * 1e-3;
  const decay = (h: number) => Math.exp(-h / tauMs);
  const noiseScale = (h: number) => noiseSdMv * Math.sqrt(1 - Math.exp((-2 * h) / tauMs));
  const stepDecay = decay(dtMs);
  const stepNoise = noiseScale(dtMs);
  const v = new Float64Array(trials).fill(neuron.initialMv);
  const refractoryUntil = new Float64Array(trials).fill(Number.NEGATIVE_INFINITY);
  const spikeTimesMs: number[][] = Array.from({ length: trials }, () => []);
  const z = new Float64Array(trials);
  const rng = new RandomState(seed);
  for (let i = 0; i < currentPa.length; i++) {
    const t0 = i * dtMs;
    const t1 = (i + 1) * dtMs;
    const vInf = restMv + gain * currentPa[i];
    rng.fillStandardNormal(z);
    for (let k = 0; k < trials; k++) {
      let start = t0;
      let vStart = v[k];
      let a = stepDecay;
      let s = stepNoise;
      if (refractoryUntil[k] >= t1) {
        v[k] = resetMv;
        continue;
      } else if (refractoryUntil[k] > t0) {
        start = refractoryUntil[k];
        vStart = resetMv;
        a = decay(t1 - start);
        s = noiseScale(t1 - start);
      }
      const vEnd = vInf + (vStart - vInf) * a + s * z[k];
      if (vEnd < thresholdMv) {
        v[k] = vEnd;
        continue;
      }
      v[k] = resetMv;
      const fraction = vStart >= thresholdMv ? 0 : (thresholdMv - vStart) / (vEnd - vStart);
      const spikeMs = start + fraction * (t1 - start);
      spikeTimesMs[k].push(spikeMs);
      refractoryUntil[k] = spikeMs + refractoryMs;
    }
  }
  return spikeTimesMs;
}
