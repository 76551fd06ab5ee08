import { type PanelMetrics, panelMetrics } from "../analysis/panel-metrics.js";
import { LIF_DEFAULTS, simulateLif } from "../model/lif.js";
import { makeStimulus } from "../model/stimulus.js";
import { CANONICAL, CANONICAL_NEURON, canonicalOu, canonicalStep } from "../protocol/canonical.js";
import {
  FIGURE1_PROTOCOL,
  type Figure1Panel,
  type NeuronParameters,
  type ReferenceFigure1,
} from "../protocol/types.js";

/**
 * The canonical Figure 1 of the reference: both panels in the contract's results format (25 trials, the
 * voltage of the first 10) with each panel's measures. Numbers are rounded (spike times to 1e-6 ms,
 * currents to 1e-6 pA, voltages to 1e-4 mV) so the committed file is stable and small.
 */
export function referenceFigure1(neuron: NeuronParameters = CANONICAL_NEURON): ReferenceFigure1 {
  const panel = (currentPa: Float64Array): Figure1Panel => {
    const result = simulateLif(
      {
        dtMs: CANONICAL.dtMs,
        currentPa,
        trials: CANONICAL.trials,
        seed: CANONICAL.noiseSeed,
        recordVoltage: CANONICAL.recordVoltage,
        neuron,
      },
      LIF_DEFAULTS,
    );
    return {
      currentPa: Array.from(currentPa, (x) => roundTo(x, 1e6)),
      spikeTimesMs: result.spikeTimesMs.map((train) => train.map((t) => roundTo(t, 1e6))),
      voltageMv: result.voltageMv.map((trace) => Array.from(trace, (v) => roundTo(v, 1e4))),
    };
  };
  const A = panel(makeStimulus(canonicalStep()));
  const B = panel(makeStimulus(canonicalOu()));
  return {
    protocol: FIGURE1_PROTOCOL,
    dtMs: CANONICAL.dtMs,
    durationMs: CANONICAL.durationMs,
    onsetMs: CANONICAL.onsetMs,
    offsetMs: CANONICAL.offsetMs,
    panels: { A, B },
    parameters: {
      model: "spikegrade reference LIF, exact exponential integration, interpolated spike times",
      neuron,
      stimulusA: canonicalStep(),
      stimulusB: canonicalOu(),
      noiseSeed: CANONICAL.noiseSeed,
    },
    metrics: {
      A: roundMetrics(panelMetrics(A.spikeTimesMs)),
      B: roundMetrics(panelMetrics(B.spikeTimesMs)),
    },
  };
}

function roundTo(x: number, scale: number): number {
  const r = Math.round(x * scale) / scale;
  return r === 0 ? 0 : r; // no -0 in JSON
}

function roundMetrics(m: PanelMetrics): PanelMetrics {
  const r = (x: number) => Number(x.toPrecision(6));
  return {
    reliability: r(m.reliability),
    precisionMs: r(m.precisionMs),
    rcorr: r(m.rcorr),
    rateHz: r(m.rateHz),
  };
}
