import { traceLag } from "../analysis/voltage.js";
import { LIF_DEFAULTS, simulateLif } from "../model/lif.js";
import { makeStimulus } from "../model/stimulus.js";
import { CANONICAL, CANONICAL_NEURON, canonicalOu } from "../protocol/canonical.js";
import type { Comparison, NeuronParameters, SimulateResponse } from "../protocol/types.js";
import { askSimulate, SubmissionBroke, simulateRequest } from "./ask.js";
import { allInBand, type Band, bandAtDt, compare } from "./band.js";
import { formatBand, formatMeasured } from "./band-text.js";
import { type CheckDefinition, requireSession } from "./check.js";
import { atDt, CHECK_PROTOCOLS, PUBLIC_DTS_MS, traceFollowingRequest } from "./protocols.js";
import type { SimulatorSession } from "./session.js";
import { failOrPass, fmt } from "./verdict.js";

export interface NeuronTraceParameters {
  /** The time steps the voltage is recorded at, ms. */
  dtMs: number[];
}

const LAG = "neuron.trace.lagMs";
const RESIDUAL = "neuron.trace.residualMv";

/** A sample of a recorded trace that breaks the contract's rules for voltageMv, in words. */
function traceRuleBreak(
  voltageMv: readonly number[],
  spikeTimesMs: readonly number[],
  dtMs: number,
  neuron: NeuronParameters,
  toleranceMv: number,
): string | undefined {
  const at = (i: number) => `voltageMv[0][${i}] (${fmt(i * dtMs, 6)} ms)`;
  if (!(Math.abs(voltageMv[0] - neuron.initialMv) <= toleranceMv)) {
    return `${at(0)} is ${fmt(voltageMv[0], 6)} mV; sample i is V at the start of the sample, so the first is initialMv (${neuron.initialMv} mV)`;
  }
  for (const t of spikeTimesMs) {
    const first = Math.ceil(t / dtMs - 1e-9);
    for (let i = first; i < voltageMv.length && i * dtMs < t + neuron.refractoryMs - 1e-9; i++) {
      if (!(Math.abs(voltageMv[i] - neuron.resetMv) <= toleranceMv)) {
        return `${at(i)} is ${fmt(voltageMv[i], 6)} mV, within ${neuron.refractoryMs} ms after the spike at ${fmt(t, 6)} ms, where V is held at resetMv (${neuron.resetMv} mV): is V set to resetMv at each spike, and is the recorded trace the V your model integrates?`;
      }
    }
  }
  const above = voltageMv.findIndex((v) => !(v < neuron.thresholdMv + toleranceMv));
  if (above >= 0) {
    return `${at(above)} is ${fmt(voltageMv[above], 6)} mV, at or above thresholdMv (${neuron.thresholdMv} mV): V is reset when it reaches threshold, so a recorded sample never is`;
  }
  return undefined;
}

function firstTrace(response: SimulateResponse, what: string): number[] {
  const trace = response.voltageMv?.[0];
  if (trace === undefined) {
    throw new SubmissionBroke(
      `simulateNeuron's response for ${what} has no voltage trace; recordVoltage asked for 1 (the first trial)`,
    );
  }
  return trace;
}

export const neuronTrace: CheckDefinition<NeuronTraceParameters> = {
  id: "neuron.trace",
  stage: "neuron",
  title: "the recorded voltage starts at initialMv, resets, and follows the reference's",
  points: 1,
  defaultParameters: { dtMs: [...PUBLIC_DTS_MS] },
  parameters: (p) => ({ dtMs: p.numbers("dtMs", { above: 0, what: "time steps in ms" }) }),
  tolerances: (p) => p.dtMs.flatMap((dt) => [atDt(LAG, dt), atDt(RESIDUAL, dt)]),
  async run(context, p) {
    const session = requireSession(context);
    const protocol = CHECK_PROTOCOLS.trace;
    const neuron = { ...CANONICAL_NEURON, noiseSdMv: 0 };
    const comparisons: Comparison[] = [];
    const problems: string[] = [];
    const observed: Record<string, unknown>[] = [];
    for (const dtMs of p.dtMs) {
      const broken = await spikingRuleBreak(session, dtMs);
      if (broken)
        problems.push(
          `on the frozen current of seed ${protocol.spikingSeed} at dt ${fmt(dtMs)} ms, ${broken}`,
        );

      const fit = await followingFit(session, dtMs);
      const lagBand = bandAtDt(context.tolerances, LAG, dtMs);
      const residualBand = bandAtDt(context.tolerances, RESIDUAL, dtMs);
      const lag = compare(lagBand, `lag behind the reference's V, dt ${fmt(dtMs)} ms`, [
        { value: fit.lagMs },
      ]);
      const residual = compare(
        residualBand,
        `difference from the reference's V, dt ${fmt(dtMs)} ms`,
        [{ value: fit.residualMv }],
      );
      comparisons.push(lag, residual);
      observed.push({
        dtMs,
        lagMs: fit.lagMs,
        residualMv: fit.residualMv,
        ruleBroken: broken ?? null,
      });
      const problem = followingProblem(dtMs, fit, { lag, residual }, { lagBand, residualBand });
      if (problem !== undefined) problems.push(problem);
    }
    const details = {
      observed: { byDt: observed },
      expected: {
        initialMv: neuron.initialMv,
        resetMv: neuron.resetMv,
        thresholdMv: neuron.thresholdMv,
        refractoryMs: neuron.refractoryMs,
        toleranceMv: protocol.toleranceMv,
        fromMs: protocol.settleMs,
      },
      comparisons,
    };
    return failOrPass(
      context.check,
      problems,
      `the recorded V starts at initialMv, reads resetMv through each refractory period, stays below threshold and follows the reference's (lag ${observed.map((o) => `${fmt(o.lagMs as number)} ms at dt ${fmt(o.dtMs as number)} ms`).join(", ")})`,
      details,
    );
  },
};

/** One trial's response and its recorded V, noise off. */
async function askTrace(
  session: SimulatorSession,
  current: Float64Array,
  dtMs: number,
  label: string,
) {
  const neuron = { ...CANONICAL_NEURON, noiseSdMv: 0 };
  const request = simulateRequest(current, dtMs, neuron, 1, CANONICAL.noiseSeed, 1);
  const what = `${label} at dt ${fmt(dtMs)} ms, noise off, recording V`;
  const response = await askSimulate(session, request, what);
  return { response, trace: firstTrace(response, what) };
}

/** The first rule of a recorded trace that a spiking trial breaks (start, reset, threshold), if any. */
async function spikingRuleBreak(session: SimulatorSession, dtMs: number) {
  const protocol = CHECK_PROTOCOLS.trace;
  const spiking = await askTrace(
    session,
    makeStimulus(canonicalOu(dtMs, protocol.spikingSeed)),
    dtMs,
    `the frozen OU current of seed ${protocol.spikingSeed}`,
  );
  return traceRuleBreak(
    spiking.trace,
    spiking.response.spikeTimesMs[0],
    dtMs,
    { ...CANONICAL_NEURON, noiseSdMv: 0 },
    protocol.toleranceMv,
  );
}

/** How the submission's V on a below-threshold frozen current follows the reference's: lag and residual. */
async function followingFit(session: SimulatorSession, dtMs: number) {
  const neuron = { ...CANONICAL_NEURON, noiseSdMv: 0 };
  const following = traceFollowingRequest(dtMs);
  const current = makeStimulus(following);
  const label = `a below-threshold frozen current (seed ${following.seed})`;
  const mine = await askTrace(session, current, dtMs, label);
  const reference = simulateLif(
    { dtMs, currentPa: current, trials: 1, seed: 0, recordVoltage: 1, neuron },
    LIF_DEFAULTS,
  ).voltageMv[0];
  return traceLag(mine.trace, reference, dtMs, CHECK_PROTOCOLS.trace.settleMs);
}

/** What a trace that does not follow the reference's says: one sample ahead or behind, or the equation. */
function followingProblem(
  dtMs: number,
  fit: { lagMs: number; residualMv: number },
  compared: { lag: Comparison; residual: Comparison },
  bands: { lagBand: Band; residualBand: Band },
): string | undefined {
  const said = `on a below-threshold frozen current at dt ${fmt(dtMs)} ms`;
  if (!allInBand(compared.lag)) {
    const steps = fit.lagMs / dtMs;
    const hint =
      steps < -0.5
        ? "your trace runs one sample ahead: voltageMv[k][i] must be V at the start of sample i (before that step's update), so voltageMv[k][0] is initialMv"
        : steps > 0.5
          ? "your V runs one step behind: the update from V[i] to V[i+1] must use currentPa[i], the current of sample i ([i*dtMs, (i+1)*dtMs)), not currentPa[i-1]"
          : "is the current of sample i applied over [i*dtMs, (i+1)*dtMs), and V recorded at the start of each sample?";
    return `${said} your V lags the reference's by ${formatMeasured(fit.lagMs)} ms, outside ${formatBand(bands.lagBand)}: ${hint}`;
  }
  if (!allInBand(compared.residual)) {
    return `${said} your V differs from the reference's by ${formatMeasured(fit.residualMv)} mV (RMS), more than ${formatBand(bands.residualBand)}: are tauMs, restMv and resistanceMOhm * 1e-3 used as in dV = [-(V - restMv) + R * 1e-3 * I] * dt / tauMs?`;
  }
  return undefined;
}
