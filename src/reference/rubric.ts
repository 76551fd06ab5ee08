import { falseRejectOfTolerances } from "../checks/band.js";
import { readParameters } from "../checks/check.js";
import { definitionOf } from "../checks/registry.js";
import { CANONICAL } from "../protocol/canonical.js";
import type { CheckId, Rubric, RubricCheck, Tolerances } from "../protocol/types.js";
import { CHECK_PROTOCOLS, PUBLIC_DTS_MS } from "./check-protocols.js";
import { measureParameters } from "./measure-parameters.js";

const fiCurrents = [...CHECK_PROTOCOLS.fi.currentsPa];
const dts = [...PUBLIC_DTS_MS];
const figure1 = CHECK_PROTOCOLS.figure1;

/**
 * The default rubric of SPEC's checks; instructors edit reference/rubric.json. Each check names
 * the tolerances it compares with and states, from their bands, its chance of failing a faithful
 * simulator.
 */
export function defaultRubric(tolerances: Tolerances): Rubric {
  const publicChecks: RubricCheck[] = [
    {
      id: "manifest",
      title: "submission.json is valid",
      points: 1,
      visibility: "public",
    },
    {
      id: "load",
      title: "the simulator loads and provides both functions",
      points: 1,
      visibility: "public",
    },
    {
      id: "stimulus.step",
      title: "the step is meanPa inside [onset, offset), 0 outside, the right length",
      points: 1,
      visibility: "public",
      parameters: { dtMs: dts, meanPa: 150, tolerancePa: 1e-6, edgeSamples: 1 },
    },
    {
      id: "stimulus.ou",
      title: "the OU current's mean, SD and correlation time agree with the request",
      points: 1,
      visibility: "public",
      parameters: { dtMs: dts, seed: CANONICAL.stimulusSeed },
    },
    {
      id: "stimulus.frozen",
      title: "the same seed gives the same current; another seed another",
      points: 1,
      visibility: "public",
      parameters: { seeds: [CANONICAL.stimulusSeed, 2022], tolerancePa: 1e-9 },
    },
    {
      id: "neuron.rest",
      title: "no current, no noise: no spike, V stays at rest",
      points: 1,
      visibility: "public",
      parameters: { dtMs: CANONICAL.dtMs, durationMs: 1000, toleranceMv: 1e-6 },
    },
    {
      id: "neuron.fi",
      title: "firing rate against constant current agrees with the reference",
      points: 2,
      visibility: "public",
      parameters: { dtMs: dts, currentsPa: fiCurrents },
    },
    {
      id: "neuron.match",
      title: "on a frozen current, noise off, spike times coincide with the reference's",
      points: 2,
      visibility: "public",
      parameters: { dtMs: dts, stimulusSeeds: [CANONICAL.stimulusSeed, 11, 12, 13, 14] },
    },
    {
      id: "neuron.noise",
      title: "noise off: identical trials; noise on: V at rest has SD noiseSdMv at every dt",
      points: 1,
      visibility: "public",
      parameters: { dtMs: dts, seeds: [11, 12] },
    },
    {
      id: "neuron.trace",
      title: "the recorded voltage starts at initialMv, resets, and follows the reference's",
      points: 1,
      visibility: "public",
      parameters: { dtMs: dts },
    },
    {
      id: "figure1.A",
      title: "the constant step gives unreliable timing after the first spikes",
      points: 2,
      visibility: "public",
      parameters: { noiseSeeds: [...figure1.aNoiseSeeds] },
    },
    {
      id: "figure1.B",
      title: "the frozen fluctuating current gives reliable, precise timing",
      points: 2,
      visibility: "public",
      parameters: { stimulusSeeds: [...figure1.bStimulusSeeds], noiseSeed: figure1.bNoiseSeed },
    },
    {
      id: "figure1.contrast",
      title: "B is more reliable than A beyond what chance across trials explains",
      points: 1,
      visibility: "public",
    },
    {
      id: "figure1.rate",
      title: "panel A's mean rate during the stimulus is in the range of the paper's",
      points: 1,
      visibility: "public",
    },
  ];
  // Hidden repeats on inputs no student has seen: their seeds come from the course secret at
  // grading time, so none is written here.
  const hiddenIds: CheckId[] = ["stimulus.ou", "neuron.fi", "neuron.match", "figure1.B"];
  const hidden: RubricCheck[] = hiddenIds.map((id) => {
    const base = publicChecks.find((c) => c.id === id) as RubricCheck;
    // One time step, which the course secret picks at grading time.
    const parameters = { ...base.parameters };
    if (Array.isArray(parameters.dtMs)) parameters.dtMs = [CANONICAL.dtMs];
    return {
      ...base,
      id: `${id}:hidden`,
      title: `${base.title} (on unseen inputs)`,
      points: 1,
      visibility: "hidden",
      parameters,
    };
  });
  const checks = [...publicChecks, ...hidden].map((check) => stated(check, tolerances));
  return {
    description:
      "The default rubric of spikegrade. Each check names the entries of reference/tolerances.json whose bands it compares with and states its chance of failing a faithful simulator (the sum over those bands); measures names the parameters of every measure.",
    checks,
    measures: measureParameters(),
  };
}

/** A check with the tolerances it compares with and its false-reject chance, from its definition. */
function stated(check: RubricCheck, tolerances: Tolerances): RubricCheck {
  const definition = definitionOf(check.id);
  if (definition === undefined) return check;
  const read = readParameters(definition, check);
  if (!read.ok) throw new Error(`the default rubric's ${check.id}: ${read.errors.join("; ")}`);
  const names = definition.tolerances(read.value);
  if (names.length === 0) return check;
  const { id, title, points, visibility, parameters } = check;
  return {
    id,
    title,
    points,
    falseRejectProbability: falseRejectOfTolerances(tolerances, names),
    visibility,
    tolerances: names,
    ...(parameters === undefined ? {} : { parameters }),
  };
}
