import type { CheckReport, CheckResult, Comparison } from "../../src/protocol/types.js";

/**
 * A realistic CheckReport written by hand, shaped like the checks' own output: a Python team
 * whose simulator has no refractory period (neuron.fi and neuron.match fail, each with a hint;
 * the Figure 1 checks still pass, as they do for that bug), whose noise run timed out
 * (neuron.noise errors) and whose contrast check was therefore not run (skipped). Every status
 * appears; each check that compared a measure with a band carries its typed comparisons, as
 * src/checks/band.ts's compare writes them.
 */

const FR = 1.16e-7;

function cmp(
  measure: string,
  tolerance: string,
  unit: string,
  band: { low?: number; high?: number },
  observed: [string | undefined, number | null, boolean][],
  falseRejectProbability = FR,
): Comparison {
  return {
    measure,
    tolerance,
    unit,
    ...band,
    falseRejectProbability,
    observed: observed.map(([label, value, inBand]) => ({
      ...(label === undefined ? {} : { label }),
      value,
      inBand,
    })),
  };
}

const FI = [
  [100, 0, 0, 0],
  [125, 0, 0, 0],
  [140, 10.56, 10.3093, 10.5108],
  [150, 13.51, 12.9883, 13.3671],
  [200, 24.04, 22.7273, 23.3107],
  [300, 41.63, 37.0475, 39.0178],
  [500, 74.69, 62.5, 65.9135],
] as const;

export const PUBLIC_CHECKS: CheckResult[] = [
  {
    id: "manifest",
    title: "submission.json is valid",
    status: "pass",
    points: 1,
    maxPoints: 1,
    visibility: "public",
    message: "submission.json names team team-07, 2 members and the simulator simulator.py",
    elapsedMs: 2,
  },
  {
    id: "load",
    title: "the simulator loads and provides both functions",
    status: "pass",
    points: 1,
    maxPoints: 1,
    visibility: "public",
    message: "simulator.py loads and defines make_stimulus and simulate_neuron",
    elapsedMs: 812,
  },
  {
    id: "stimulus.step",
    title: "the step is meanPa inside [onset, offset), 0 outside, the right length",
    status: "pass",
    points: 1,
    maxPoints: 1,
    visibility: "public",
    message: "the 150 pA step is right at dt 0.5 and 0.1 ms",
    observed: {
      byDt: [
        { dtMs: 0.5, samples: 2000, firstBadSample: null },
        { dtMs: 0.1, samples: 10000, firstBadSample: null },
      ],
    },
    expected: { samples: { "0.5": 2000, "0.1": 10000 }, tolerancePa: 0.000001 },
  },
  {
    id: "stimulus.ou",
    title: "the OU current's mean, SD and correlation time agree with the request",
    status: "pass",
    points: 1,
    maxPoints: 1,
    visibility: "public",
    message:
      "mean 150.3 pA, SD 100.2 pA and correlation time 2.98 ms agree with meanPa 150, sdPa 100, tauMs 3",
    observed: { meanPa: 150.3, sdPa: 100.2, tauMs: 2.976, samples: 20000 },
    comparisons: [
      cmp("mean, dt 0.5 ms", "stimulus.ou.meanPa.dt0.5", "pA", { low: 131.4, high: 167.6 }, [
        [undefined, 150.3, true],
      ]),
      cmp("SD, dt 0.5 ms", "stimulus.ou.sdPa.dt0.5", "pA", { low: 91.09, high: 112.7 }, [
        [undefined, 100.2, true],
      ]),
      cmp(
        "correlation time, dt 0.5 ms",
        "stimulus.ou.tauMs.dt0.5",
        "ms",
        { low: 2.081, high: 3.696 },
        [[undefined, 2.976, true]],
      ),
    ],
  },
  {
    id: "stimulus.frozen",
    title: "the same seed gives the same current; another seed another",
    status: "pass",
    points: 1,
    maxPoints: 1,
    visibility: "public",
    message: "seed 2021 gives the same current twice; seed 2022 gives another",
    observed: { sameSeedFirstDifference: null, otherSeedFirstDifference: 100 },
    expected: { seeds: [2021, 2022], tolerancePa: 1e-9 },
  },
  {
    id: "neuron.rest",
    title: "no current, no noise: no spike, V stays at rest",
    status: "pass",
    points: 1,
    maxPoints: 1,
    visibility: "public",
    message: "with no current and no noise, V stays at -70 mV and no spike is emitted",
    observed: { spikesPerTrial: [0], voltageReturned: true, largestDeviationMv: 0 },
    expected: { spikes: 0, restMv: -70, toleranceMv: 0.000001 },
  },
  {
    id: "neuron.fi",
    title: "firing rate against constant current agrees with the reference",
    status: "fail",
    points: 0,
    maxPoints: 2,
    falseRejectProbability: 0,
    visibility: "public",
    message:
      "steady rate outside the reference's range at 140 pA: 10.6 Hz (expected 10.3-10.5 Hz), 150 pA: 13.5 Hz (expected 13-13.4 Hz), 200 pA: 24 Hz (expected 22.7-23.3 Hz), 300 pA: 41.6 Hz (expected 37-39 Hz), 500 pA: 74.7 Hz (expected 62.5-65.9 Hz); at 500 pA it fires at 74.7 Hz, above 62.5-65.9 Hz (most at high currents, where intervals are short): is V held at resetMv for refractoryMs after each spike?",
    observed: { rateHz: Object.fromEntries(FI.map(([pa, hz]) => [`${pa}pA`, hz])) },
    expected: { window: { startMs: 500, endMs: 2000 }, durationMs: 2000 },
    comparisons: FI.map(([pa, hz, low, high]) =>
      cmp(
        `rate at ${pa} pA, dt 0.5 ms`,
        `neuron.fi.rateHz.${pa}pA.dt0.5`,
        "Hz",
        { low, high },
        [[undefined, hz, hz >= low && hz <= high]],
        0,
      ),
    ),
    elapsedMs: 1432,
  },
  {
    id: "neuron.match",
    title: "on a frozen current, noise off, spike times coincide with the reference's",
    status: "fail",
    points: 0,
    maxPoints: 2,
    visibility: "public",
    message:
      "mean Gamma 0.412 over 5 frozen currents is below 0.628 (Gamma of each: 0.45, 0.38, 0.41, 0.43, 0.39); it fires 122 spikes where the reference fires 59: is V reset to resetMv and held there for refractoryMs after each spike?",
    observed: {
      meanGamma: 0.412,
      bySeed: [
        { stimulusSeed: 2021, gamma: 0.45, spikes: 28, referenceSpikes: 14 },
        { stimulusSeed: 11, gamma: 0.38, spikes: 26, referenceSpikes: 12 },
        { stimulusSeed: 12, gamma: 0.41, spikes: 22, referenceSpikes: 10 },
        { stimulusSeed: 13, gamma: 0.43, spikes: 23, referenceSpikes: 12 },
        { stimulusSeed: 14, gamma: 0.39, spikes: 23, referenceSpikes: 11 },
      ],
    },
    expected: { deltaMs: 2, window: { startMs: 50, endMs: 950 } },
    comparisons: [
      cmp(
        "mean Gamma over 5 frozen currents, dt 0.5 ms",
        "neuron.match.gamma.dt0.5",
        "",
        { low: 0.643 },
        [[undefined, 0.412, false]],
        0,
      ),
    ],
  },
  {
    id: "neuron.noise",
    title: "noise off: identical trials; noise on: trials differ, rates stay close",
    status: "error",
    points: 0,
    maxPoints: 1,
    visibility: "public",
    message:
      "simulate_neuron did not answer within 60 s on the canonical step with noise on (25 trials, dt 0.5 ms): is there a loop that never ends, or a Python loop over trials and steps that numpy could do at once?",
    elapsedMs: 60012,
  },
  {
    id: "figure1.A",
    title: "the constant step gives unreliable timing after the first spikes",
    status: "pass",
    points: 2,
    maxPoints: 2,
    visibility: "public",
    message:
      "panel A's timing is unreliable after the first spikes: reliability 0.277, rcorr 0.406",
    observed: {
      reliability: 0.276667,
      precisionMs: 1.5286,
      rcorr: 0.405979,
      rateHz: 13.3333,
      trials: 25,
    },
    comparisons: [
      cmp(
        "reliability (mean over 4 noise seeds)",
        "figure1.A.reliability.pooled.dt0.5",
        "",
        { high: 0.6047 },
        [[undefined, 0.276667, true]],
        5.8e-8,
      ),
      cmp(
        "rcorr (mean over 4 noise seeds)",
        "figure1.A.rcorr.pooled.dt0.5",
        "",
        { high: 0.4878 },
        [[undefined, 0.405979, true]],
        5.8e-8,
      ),
    ],
  },
  {
    id: "figure1.B",
    title: "the frozen fluctuating current gives reliable, precise timing",
    status: "pass",
    points: 2,
    maxPoints: 2,
    visibility: "public",
    message:
      "panel B's timing is reliable and precise on 2 of 3 frozen currents (panel B on the frozen current of seed 2021: reliability 0.986, precision 0.459 ms, rcorr 0.943)",
    observed: {
      panels: [
        {
          stimulusSeed: 2021,
          reliability: 0.9,
          precisionMs: 0.55,
          rcorr: 0.83,
          rateHz: 26,
          passed: true,
        },
        {
          stimulusSeed: 1995,
          reliability: 0.61,
          precisionMs: 0.9,
          rcorr: 0.52,
          rateHz: 25.2,
          passed: false,
        },
        {
          stimulusSeed: 2003,
          reliability: 0.88,
          precisionMs: 0.61,
          rcorr: 0.79,
          rateHz: 27.4,
          passed: true,
        },
      ],
      passing: 2,
    },
    comparisons: [
      cmp(
        "reliability (mean over 3 frozen currents)",
        "figure1.B.reliability.pooled.dt0.5",
        "",
        { low: 0.7006, high: 1.054 },
        [[undefined, 0.796667, true]],
      ),
      cmp(
        "precision (mean over 3 frozen currents)",
        "figure1.B.precisionMs.pooled.dt0.5",
        "ms",
        { low: 0.403, high: 0.8534 },
        [[undefined, 0.686667, true]],
      ),
      cmp(
        "rcorr (mean over 3 frozen currents)",
        "figure1.B.rcorr.pooled.dt0.5",
        "",
        { low: 0.637, high: 0.9152 },
        [[undefined, 0.713333, true]],
      ),
    ],
  },
  {
    id: "figure1.contrast",
    title: "B is more reliable than A beyond what chance across trials explains",
    status: "skip",
    points: 0,
    maxPoints: 1,
    visibility: "public",
    message: "not run: the noisy trials it compares could not be simulated (neuron.noise broke)",
  },
  {
    id: "figure1.rate",
    title: "panel A fires at the reference neuron's rate during the stimulus",
    status: "pass",
    points: 1,
    maxPoints: 1,
    visibility: "public",
    message: "panel A fires at 13.3 Hz during the stimulus ([50, 950) ms), within 12.3-13.3 Hz",
    observed: { rateHz: 13.3333, trials: 25 },
    expected: { window: { startMs: 50, endMs: 950 } },
    comparisons: [
      cmp(
        "panel A's rate (mean over 4 noise seeds)",
        "figure1.A.rateHz.pooled.dt0.5",
        "Hz",
        { low: 12.19, high: 13.47 },
        [[undefined, 13.3333, true]],
      ),
    ],
  },
];

/** The student's self-check: public checks only, four hidden ones counted. */
export function sampleReport(): CheckReport {
  const checks = structuredClone(PUBLIC_CHECKS);
  const score = checks.reduce((s, c) => s + c.points, 0);
  const maxScore = checks.reduce((s, c) => s + c.maxPoints, 0);
  return {
    team: "team-07",
    members: [
      { id: "s2101234", name: "Ada Lovelace" },
      { id: "s2105678", name: "Alan Turing" },
    ],
    passed: false,
    score,
    maxScore,
    checks,
    metrics: {
      A: { reliability: 0.276667, precisionMs: 1.5286, rcorr: 0.405979, rateHz: 13.3333 },
      B: { reliability: 0.985714, precisionMs: 0.458652, rcorr: 0.942736, rateHz: 15.5556 },
    },
    hiddenChecks: 4,
    hiddenPoints: 5,
    isolation: "bubblewrap",
    log: [
      "loading simulator.py",
      "make_stimulus: kind=step dt=0.5",
      "\u001b[33mRuntimeWarning: overflow encountered in exp\u001b[0m",
      "simulate_neuron: 25 trials",
      "Traceback (most recent call last):",
      '  File "simulator.py", line 48, in simulate_neuron',
      "    for t in range(steps):",
      "KeyboardInterrupt",
    ].join("\n"),
    language: "python",
    entry: "simulator.py",
    warnings: [
      "voltageMv has 25 traces where recordVoltage asked for at most 10; the first 10 were used",
    ],
    spikegradeVersion: "0.1.0",
  };
}

/** A hidden check's result, as `grade --hidden` adds it. */
export const HIDDEN_CHECK: CheckResult = {
  id: "neuron.match:hidden",
  title:
    "on a frozen current, noise off, spike times coincide with the reference's (on unseen inputs)",
  status: "fail",
  points: 0,
  maxPoints: 1,
  visibility: "hidden",
  message:
    "mean Gamma 0.397 over 5 frozen currents of seeds 90001, 90002, 90003, 90004, 90005 is below 0.628",
  observed: { meanGamma: 0.397 },
  comparisons: [
    cmp(
      "mean Gamma over 5 frozen currents, dt 0.25 ms",
      "neuron.match.gamma.dt0.25",
      "",
      { low: 0.8238 },
      [[undefined, 0.397, false]],
      0,
    ),
  ],
};

/** The grader's report: the public checks and one hidden check that ran. */
export function gradedReport(): CheckReport {
  const report = sampleReport();
  report.checks.push(structuredClone(HIDDEN_CHECK));
  report.maxScore += HIDDEN_CHECK.maxPoints;
  report.hiddenChecks = 3;
  report.hiddenPoints = 4;
  return report;
}
