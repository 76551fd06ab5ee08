import { stepCurrent, stimulusWindow } from "../model/stimulus.js";
import { canonicalStep } from "../protocol/canonical.js";
import type { StepStimulusRequest } from "../protocol/types.js";
import { askStimulus } from "./ask.js";
import { type CheckDefinition, requireSession } from "./check.js";
import { PUBLIC_DTS_MS } from "./protocols.js";
import { fmt, verdict } from "./verdict.js";

export interface StimulusStepParameters {
  /** Each time step the canonical step is asked at, ms. */
  dtMs: number[];
  meanPa: number;
  /** How far a sample may be from the reference's, pA. */
  tolerancePa: number;
  /** Samples next to an edge inside a sample (onset or offset not a multiple of dt) that may be either 0 or meanPa. */
  edgeSamples: number;
}

export interface BadSample {
  index: number;
  timeMs: number;
  currentPa: number;
  expectedPa: number;
}

/**
 * The first sample of a step current that is off: further than tolerancePa from the reference's
 * step. Where an edge falls inside a sample (onsetMs / dtMs not a whole number), which sample
 * switches is a matter of rounding (t >= onset in floating point, Python's round half to even),
 * so within edgeSamples of that edge either level is accepted; where it falls on a sample's start,
 * that sample is the first on (or off), exactly, as the contract's [onset, offset) says.
 */
export function firstBadStepSample(
  currentPa: readonly number[],
  request: StepStimulusRequest,
  tolerancePa: number,
  edgeSamples: number,
): BadSample | undefined {
  const expected = stepCurrent(request);
  const { start, end } = stimulusWindow(request, expected.length);
  const onSampleStart = (ms: number) => {
    const samples = ms / request.dtMs;
    return Math.abs(samples - Math.round(samples)) < 1e-9;
  };
  const near = (i: number, edge: number) => i >= edge - edgeSamples && i < edge + edgeSamples;
  const nearEdge = (i: number) =>
    (!onSampleStart(request.onsetMs) && near(i, start)) ||
    (!onSampleStart(request.offsetMs) && near(i, end));
  const close = (x: number, y: number) => Math.abs(x - y) <= tolerancePa;
  for (let i = 0; i < expected.length; i++) {
    const x = currentPa[i];
    if (close(x, expected[i])) continue;
    if (nearEdge(i) && (close(x, 0) || close(x, request.meanPa))) continue;
    return { index: i, timeMs: i * request.dtMs, currentPa: x, expectedPa: expected[i] };
  }
  return undefined;
}

export const stimulusStep: CheckDefinition<StimulusStepParameters> = {
  id: "stimulus.step",
  stage: "stimulus",
  title: "the step is meanPa inside [onset, offset), 0 outside, the right length",
  points: 1,
  defaultParameters: { dtMs: [...PUBLIC_DTS_MS], meanPa: 150, tolerancePa: 1e-6, edgeSamples: 1 },
  parameters: (p) => ({
    dtMs: p.numbers("dtMs", { above: 0, what: "time steps in ms" }),
    meanPa: p.number("meanPa", { what: "a current in pA" }),
    tolerancePa: p.number("tolerancePa", { min: 0, what: "a tolerance in pA" }),
    edgeSamples: p.number("edgeSamples", { min: 0, integer: true, what: "a number of samples" }),
  }),
  tolerances: () => [],
  async run(context, p) {
    const session = requireSession(context);
    const observed: Record<string, unknown>[] = [];
    let failure: string | undefined;
    for (const dtMs of p.dtMs) {
      const request: StepStimulusRequest = { ...canonicalStep(dtMs), meanPa: p.meanPa };
      const current = await askStimulus(session, request);
      const bad = firstBadStepSample(current, request, p.tolerancePa, p.edgeSamples);
      observed.push({ dtMs, samples: current.length, firstBadSample: bad ?? null });
      if (bad && failure === undefined) {
        failure =
          `at dt ${fmt(dtMs)} ms, sample ${bad.index} (${bad.timeMs.toFixed(1)} ms) is ` +
          `${fmt(bad.currentPa, 6)} pA where ${fmt(bad.expectedPa, 6)} pA was expected ` +
          `(meanPa inside [${request.onsetMs}, ${request.offsetMs}) ms, 0 outside; sample i covers [i*dtMs, (i+1)*dtMs))`;
      }
    }
    const step = canonicalStep();
    const expected = {
      meanPa: p.meanPa,
      onsetMs: step.onsetMs,
      offsetMs: step.offsetMs,
      durationMs: step.durationMs,
      tolerancePa: p.tolerancePa,
      edgeSamples: p.edgeSamples,
    };
    const details = { observed: { byDt: observed }, expected };
    if (failure !== undefined) return verdict(context.check, "fail", failure, details);
    return verdict(
      context.check,
      "pass",
      `the ${fmt(p.meanPa)} pA step is right at dt ${p.dtMs.map((d) => fmt(d)).join(" and ")} ms`,
      details,
    );
  },
};
