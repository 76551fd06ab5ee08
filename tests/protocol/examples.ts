/**
 * One valid, fully typed example of each schema's type, most of them the contract's own JSON examples
 * with their "..." filled in. `satisfies` makes the compiler hold each to its TypeScript type;
 * the tests hold each to its schema.
 */

import type {
  AnswersDocument,
  CheckReport,
  Figure1Results,
  Gradebook,
  GradescopeResults,
  GradingMarker,
  ManualScores,
  OuStimulusRequest,
  OutputLock,
  ReferenceFigure1,
  ResultsManifest,
  Rubric,
  SimulateRequest,
  SimulateResponse,
  SimulatorManifest,
  StepStimulusRequest,
  StimulusResponse,
  SweepDocument,
  Tolerances,
} from "../../src/protocol/types.js";

export const stepRequest = {
  kind: "step",
  dtMs: 0.5,
  durationMs: 1000,
  onsetMs: 50,
  offsetMs: 950,
  meanPa: 150,
} satisfies StepStimulusRequest;

export const ouRequest = {
  kind: "ou",
  dtMs: 0.5,
  durationMs: 1000,
  onsetMs: 50,
  offsetMs: 950,
  meanPa: 150,
  sdPa: 100,
  tauMs: 3,
  seed: 2021,
} satisfies OuStimulusRequest;

export const stimulusResponse = { currentPa: [0, 0, 151.2] } satisfies StimulusResponse;

export const simulateRequest = {
  dtMs: 0.5,
  currentPa: [0, 0, 151.2, 149.8],
  trials: 25,
  seed: 7,
  recordVoltage: 10,
  neuron: {
    tauMs: 30,
    resistanceMOhm: 130,
    restMv: -70,
    thresholdMv: -53,
    resetMv: -80,
    refractoryMs: 2,
    initialMv: -70,
    noiseSdMv: 0.2,
  },
} satisfies SimulateRequest;

export const simulateResponse = {
  spikeTimesMs: [[55.5, 130.0], []],
  voltageMv: [[-70, -69.9]],
} satisfies SimulateResponse;

export const simulatorManifest = {
  team: "team-07",
  members: [
    { id: "s2101234", name: "Ada Lovelace" },
    { id: "s2105678", name: "Alan Turing" },
  ],
  simulator: { entry: "simulator.py" },
} satisfies SimulatorManifest;

export const resultsManifest = {
  $schema: "../../reference/schema/manifest.schema.json",
  team: "team-07",
  members: [{ id: "s2101234", name: "Ada Lovelace" }],
  results: "figure1.json",
} satisfies ResultsManifest;

/** The contract's results example, shortened to trials of 2 ms (4 samples) so that it stays readable. */
export const results = {
  protocol: "mainen-sejnowski-1995-figure1",
  dtMs: 0.5,
  durationMs: 2,
  onsetMs: 0.5,
  offsetMs: 1.5,
  panels: {
    A: {
      currentPa: [0, 150, 150, 0],
      spikeTimesMs: Array.from({ length: 10 }, () => [1.25]),
      voltageMv: [[-70, -69.9, -69.7, -69.8]],
    },
    B: { currentPa: [0, 210.5, 95.1, 0], spikeTimesMs: Array.from({ length: 10 }, () => []) },
  },
  parameters: { any: "description of what was used" },
} satisfies Figure1Results;

export const rubric = {
  description: "An example rubric",
  checks: [
    { id: "manifest", title: "submission.json is valid", points: 0, visibility: "public" },
    {
      id: "figure1.B",
      title: "Frozen noise gives reliable timing",
      description: "Panel B's reliability against the reference's spread",
      points: 2,
      visibility: "public",
      tolerances: ["figure1.B.reliability"],
      parameters: { seeds: [2021, 2022], minReliability: 0.8, twoSided: false, label: "B" },
    },
    {
      id: "neuron.match:hidden",
      title: "Spike times on an unseen current",
      points: 1,
      visibility: "hidden",
    },
  ],
  measures: {
    reliability: { binMs: 1, smoothingMs: 2 },
    rcorr: { sigmaMs: 2 },
  },
  questions: [
    { id: "q01", title: "What is frozen noise?", points: 2, checks: ["figure1.B"] },
    { id: "q02", title: "Conclude", points: 1 },
  ],
} satisfies Rubric;

export const tolerances = {
  description: "An example",
  method: "200 noise seeds x 3 time steps x 2 spike-time conventions",
  seeds: { noise: [1, 2, 3], stimulus: [2021] },
  dtMs: [0.1, 0.25, 0.5],
  schemes: ["euler/step-end", "euler/interpolated"],
  conditions: { neuron: "canonical" },
  measures: {
    "figure1.B.reliability": {
      description: "Panel B reliability",
      quantiles: { "0.005": 0.81, "0.5": 0.93, "0.995": 0.98 },
      n: 600,
      mean: 0.92,
      sd: 0.03,
      unit: "1",
    },
  },
} satisfies Tolerances;

export const checkReport = {
  team: "team-07",
  members: [{ id: "s2101234", name: "Ada Lovelace" }],
  passed: false,
  score: 9,
  maxScore: 12,
  checks: [
    {
      id: "figure1.B",
      title: "...",
      status: "fail",
      points: 0,
      maxPoints: 2,
      visibility: "public",
      message: "reliability 0.41 is below 0.80",
      observed: {},
      expected: {},
      elapsedMs: 1200,
    },
  ],
  metrics: {
    A: { reliability: 0.31, precisionMs: 4.2, rcorr: 0.22, rateHz: 14.1 },
    B: { reliability: 0.93, precisionMs: null, rcorr: 0.85, rateHz: 12.9 },
  },
  hiddenChecks: 4,
  hiddenPoints: 4,
  isolation: "bubblewrap",
  log: "hello from the simulator\n",
  language: "python",
  entry: "simulator.py",
  manifestTeam: "team-7",
  warnings: ["submission.json names team-7; its folder is team-07"],
  spikegradeVersion: "0.1.0",
} satisfies CheckReport;

export const gradescope = {
  score: 9,
  execution_time: 42,
  output: "spikegrade 0.1.0",
  output_format: "md",
  test_output_format: "text",
  test_name_format: "text",
  visibility: "after_published",
  stdout_visibility: "hidden",
  extra_data: {},
  tests: [
    {
      name: "figure1.B: Frozen noise gives reliable timing",
      name_format: "text",
      number: "11",
      score: 0,
      max_score: 2,
      status: "failed",
      visibility: "visible",
      output: "reliability 0.41 is below 0.80",
      output_format: "text",
      tags: ["figure1"],
      extra_data: {},
    },
  ],
} satisfies GradescopeResults;

export const referenceFigure1 = {
  ...results,
  metrics: {
    A: { reliability: 0.226481, precisionMs: 1.53748, rcorr: 0.404688, rateHz: 12.7556 },
    B: { reliability: 0.937143, precisionMs: 0.474322, rcorr: 0.879922, rateHz: 15.5556 },
  },
} satisfies ReferenceFigure1;

export const gradingMarker = {
  fingerprint: "3f2a",
  hidden: true,
  secretId: "0123456789abcdef",
  rubric: {
    sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    file: "/courses/neuro101/rubric.json",
  },
  hiddenInputs: {
    "neuron.fi:hidden": { dtMs: [0.25] },
    "figure1.B:hidden": { noiseSeed: 790697015 },
  },
  graderError: "the grading process stopped after 300 s",
  elapsedMs: 1234,
  spikegradeVersion: "0.1.0",
} satisfies GradingMarker;

export const outputLock = {
  pid: 4242,
  host: "grading-box",
  since: "2025-11-27T23:41:00.000Z",
} satisfies OutputLock;

export const gradebook = {
  generatedBy: { name: "spikegrade", version: "0.1.0" },
  shard: { index: 1, count: 2 },
  checks: [{ id: "neuron.fi", title: "f-I", points: 2, visibility: "public" }],
  questions: [{ id: "q01", title: "What is frozen noise?", points: 2 }],
  teams: [
    {
      team: "team-07",
      members: [{ id: "s2101234", name: "Ada Lovelace" }],
      status: "fail",
      score: 0,
      maxScore: 2,
      message: "failed: neuron.fi",
      checks: [{ id: "neuron.fi", status: "fail", points: 0, maxPoints: 2 }],
      hidden: false,
      report: "team-07/report.html",
      manifestTeam: "team-7",
      manual: {
        checksScore: 0,
        checksMaxScore: 2,
        questions: [{ id: "q01", points: null, maxPoints: 2, comment: "see me" }],
        notScored: 1,
      },
    },
  ],
  students: [
    {
      id: "s2101234",
      name: "Ada Lovelace",
      team: "team-07",
      score: 0,
      maxScore: 2,
      status: "fail",
    },
  ],
  skipped: [{ name: "notes", reason: "no submission.json" }],
  summary: {
    teams: 1,
    students: 1,
    pass: 0,
    fail: 1,
    error: 0,
    meanScore: 0,
    maxScore: 2,
    meanPercent: 0,
  },
  warnings: ["a warning"],
} satisfies Gradebook;

export const answers = {
  generatedBy: { name: "spikegrade", version: "0.1.0" },
  template: "template.ipynb",
  questions: [
    {
      id: "q01",
      prompt: "QUESTION: what is the nature of the noise used in the article?",
      section: "## The input current",
      checks: ["stimulus.ou"],
    },
  ],
  teams: [
    {
      team: "team-a",
      members: [{ id: "s1", name: "Ada Lovelace" }],
      notebook: "figure1.ipynb",
      answers: [
        {
          questionId: "q01",
          found: "after-prompt",
          promptEdited: false,
          cells: [
            {
              kind: "code",
              source: "plt.plot(current)",
              outputs: [
                { kind: "text", text: "[<Line2D>]", truncated: false },
                { kind: "image", mime: "image/png", base64: "iVBORw0KGgo=" },
                { kind: "error", ename: "NameError", evalue: "name 'x' is not defined" },
                { kind: "omitted", reason: "text/html is not shown" },
              ],
            },
          ],
        },
      ],
      warnings: [],
    },
  ],
  warnings: [],
} satisfies AnswersDocument;

export const manualScores = {
  format: "spikegrade-manual-scores",
  version: 1,
  questions: [{ id: "q01", points: 2 }],
  scores: { "team-07": { q01: { points: 1.5, comment: "the unit is missing" } } },
  savedAt: "2025-11-28T09:15:00.000Z",
} satisfies ManualScores;

export const sweep = {
  format: "spikegrade-sweep",
  version: 1,
  spikegradeVersion: "0.1.0",
  settings: {
    trials: 25,
    durationMs: 1000,
    dtMs: 0.5,
    noiseSdMv: 0.2,
    tauMs: 3,
    meanPa: 150,
    onsetMs: 50,
    offsetMs: 950,
    stimulusSeed: 2021,
    noiseSeed: 7,
  },
  paper: { sdPa: 100, tauMs: 3, noiseSdMv: 0.2 },
  axes: { sdPa: [0, 100], tauMs: [3], noiseSdMv: [0.2] },
  maps: [
    {
      id: "sd-tau",
      source: "submission",
      team: "team-07",
      reliability: [[0.23], [0.94]],
      precisionMs: [[null], [0.47]],
      rcorr: [[0.4], [0.88]],
      rateHz: [[12.8], [15.6]],
      error: "simulateNeuron timed out",
    },
  ],
} satisfies SweepDocument;
