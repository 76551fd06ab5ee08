import { CANONICAL } from "../protocol/canonical.js";
import { CHECK_PROTOCOLS } from "./check-protocols.js";
import { measureParameters, type Parameters } from "./measure-parameters.js";

export interface RubricCheck {
  id: string;
  title: string;
  description?: string;
  points: number;
  visibility: "public" | "hidden";
  tolerances?: string[];
  parameters?: Parameters;
}

export interface Rubric {
  description: string;
  checks: RubricCheck[];
  measures: Record<string, Parameters>;
}

/** Quantiles of a reference spread that a two-sided check accepts between. */
const TWO_SIDED = { lowerQuantile: 0.001, upperQuantile: 0.999 };

const fiCurrents = [...CHECK_PROTOCOLS.fi.currentsPa];

/** The default rubric of SPEC's checks; instructors edit reference/rubric.json. */
export function defaultRubric(): Rubric {
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
      parameters: { dtMs: [0.5, 0.1], meanPa: 150, tolerancePa: 1e-6, edgeSamples: 1 },
    },
    {
      id: "stimulus.ou",
      title: "the OU current's mean, SD and correlation time agree with the request",
      points: 1,
      visibility: "public",
      tolerances: ["stimulus.ou.meanPa", "stimulus.ou.sdPa", "stimulus.ou.tauMs"],
      parameters: { ...TWO_SIDED, dtMs: CANONICAL.dtMs, seed: CANONICAL.stimulusSeed },
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
      tolerances: fiCurrents.map((pa) => `neuron.fi.rateHz.${pa}pA`),
      parameters: { ...TWO_SIDED, dtMs: CANONICAL.dtMs, currentsPa: fiCurrents },
    },
    {
      id: "neuron.match",
      title: "on a frozen current, noise off, spike times coincide with the reference's",
      points: 2,
      visibility: "public",
      tolerances: ["neuron.match.gamma"],
      parameters: {
        lowerQuantile: 0.001,
        dtMs: CANONICAL.dtMs,
        stimulusSeeds: [CANONICAL.stimulusSeed, 11, 12, 13, 14],
      },
    },
    {
      id: "neuron.noise",
      title: "noise off: identical trials; noise on: trials differ, rates stay close",
      points: 1,
      visibility: "public",
      tolerances: ["neuron.noise.rateRatio"],
      parameters: { ...TWO_SIDED, seeds: [11, 12] },
    },
    {
      id: "figure1.A",
      title: "the constant step gives unreliable timing after the first spikes",
      points: 2,
      visibility: "public",
      tolerances: ["figure1.A.reliability", "figure1.A.rcorr"],
      parameters: { upperQuantile: 0.999, noiseSeed: CANONICAL.noiseSeed },
    },
    {
      id: "figure1.B",
      title: "the frozen fluctuating current gives reliable, precise timing",
      points: 2,
      visibility: "public",
      tolerances: [
        "figure1.B.acrossCurrents.reliability",
        "figure1.B.acrossCurrents.precisionMs",
        "figure1.B.acrossCurrents.rcorr",
      ],
      parameters: {
        ...TWO_SIDED,
        stimulusSeeds: [CANONICAL.stimulusSeed, 1995, 2003],
        noiseSeed: CANONICAL.noiseSeed,
      },
    },
    {
      id: "figure1.contrast",
      title: "B is more reliable than A beyond what chance across trials explains",
      points: 1,
      visibility: "public",
      tolerances: ["figure1.contrast.rcorrDifference"],
      parameters: { level: 0.99 },
    },
    {
      id: "figure1.rate",
      title: "panel A's mean rate during the stimulus is in the range of the paper's",
      points: 1,
      visibility: "public",
      tolerances: ["figure1.A.rateHz"],
      parameters: { ...TWO_SIDED },
    },
  ];
  // Hidden repeats on inputs no student has seen: their seeds come from the course secret at
  // grading time, so none is written here.
  const hidden: RubricCheck[] = ["stimulus.ou", "neuron.fi", "neuron.match", "figure1.B"].map(
    (id) => {
      const base = publicChecks.find((c) => c.id === id) as RubricCheck;
      return {
        ...base,
        id: `${id}:hidden`,
        title: `${base.title} (on unseen inputs)`,
        points: 1,
        visibility: "hidden",
      };
    },
  );
  return {
    description:
      "The default rubric of spikegrade. Every tolerance names entries of reference/tolerances.json and the quantiles of the reference's spread that a check accepts; measures names the parameters of every measure.",
    checks: [...publicChecks, ...hidden],
    measures: measureParameters(),
  };
}
