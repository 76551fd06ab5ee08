import { CANONICAL, CANONICAL_NEURON, sampleCount } from "../protocol/canonical.js";
import { askSimulate, simulateRequest } from "./ask.js";
import { type CheckDefinition, requireSession } from "./check.js";
import { fmt, verdict } from "./verdict.js";

export interface NeuronRestParameters {
  dtMs: number;
  durationMs: number;
  /** How far V may stray from restMv, mV. */
  toleranceMv: number;
}

const TRIALS = 2;

export const neuronRest: CheckDefinition<NeuronRestParameters> = {
  id: "neuron.rest",
  stage: "neuron",
  title: "no current, no noise: no spike, V stays at rest",
  points: 1,
  defaultParameters: { dtMs: CANONICAL.dtMs, durationMs: 1000, toleranceMv: 1e-6 },
  parameters: (p) => ({
    dtMs: p.number("dtMs", { above: 0, what: "a time step in ms" }),
    durationMs: p.number("durationMs", { above: 0, what: "a duration in ms" }),
    toleranceMv: p.number("toleranceMv", { min: 0, what: "a tolerance in mV" }),
  }),
  tolerances: () => [],
  async run(context, p) {
    const session = requireSession(context);
    const neuron = { ...CANONICAL_NEURON, noiseSdMv: 0 };
    const samples = sampleCount(p.durationMs, p.dtMs);
    const request = simulateRequest(
      new Float64Array(samples),
      p.dtMs,
      neuron,
      TRIALS,
      CANONICAL.noiseSeed,
      1,
    );
    const what = `${fmt(p.durationMs)} ms of 0 pA at dt ${fmt(p.dtMs)} ms, noise off`;
    const response = await askSimulate(session, request, what);
    const spikes = response.spikeTimesMs.map((train) => train.length);
    const trace = response.voltageMv?.[0];
    const worst =
      trace === undefined ? undefined : furthestFromRest(trace, neuron.restMv, p.toleranceMv);
    const details = {
      observed: {
        spikesPerTrial: spikes,
        voltageReturned: trace !== undefined,
        largestDeviationMv: worst === undefined ? 0 : Math.abs(worst.mv - neuron.restMv),
      },
      expected: { spikes: 0, restMv: neuron.restMv, toleranceMv: p.toleranceMv },
    };
    const firing = response.spikeTimesMs.findIndex((train) => train.length > 0);
    if (firing >= 0) {
      const first = response.spikeTimesMs[firing][0];
      return verdict(
        context.check,
        "fail",
        `with no current and no noise, trial ${firing} fired at ${fmt(first, 6)} ms: with initialMv = restMv = ${neuron.restMv} mV, V should stay at rest (dV = -(V - restMv) * dtMs / tauMs)`,
        details,
      );
    }
    if (worst !== undefined) {
      return verdict(
        context.check,
        "fail",
        `with no current and no noise, V is ${fmt(worst.mv, 6)} mV at sample ${worst.index} (${(worst.index * p.dtMs).toFixed(1)} ms), not restMv ${neuron.restMv} mV: does V relax towards restMv (dV = -(V - restMv) * dtMs / tauMs)?`,
        details,
      );
    }
    return verdict(
      context.check,
      "pass",
      trace === undefined
        ? "no spike without current and noise (no voltage was returned, so only spikes were checked)"
        : `no spike, and V stays at ${neuron.restMv} mV, without current and noise`,
      details,
    );
  },
};

/** The sample of a trace furthest from rest, if any is further than toleranceMv (the first of equals). */
function furthestFromRest(
  trace: readonly number[],
  restMv: number,
  toleranceMv: number,
): { index: number; mv: number } | undefined {
  let worst: { index: number; mv: number } | undefined;
  for (let i = 0; i < trace.length; i++) {
    const off = Math.abs(trace[i] - restMv);
    if (off > toleranceMv && (worst === undefined || off > Math.abs(worst.mv - restMv)))
      worst = { index: i, mv: trace[i] };
  }
  return worst;
}
