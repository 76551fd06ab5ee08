/**
 * Keeps the TypeScript types of src/protocol/types.ts and the JSON schemas of reference/schema/
 * in step, in both directions:
 * - keys: a Presence map per type lists each key as required or optional; the compiler rejects a
 *   map that misses a key, adds one, or gets its optionality wrong, and the test compares the map
 *   with the schema's properties and required;
 * - enums: every union of literals is listed exhaustively (checked by the compiler) and compared
 *   with the schema's enum;
 * - values: a typed example of each type (tests/protocol/examples.ts) passes its schema, and
 *   changing the type of any value in it, or dropping a required key, makes it fail.
 * ajv's JSONSchemaType would do the first at compile time, but only for schemas written in
 * TypeScript, while ours are JSON files that students and instructors read; it also handles the
 * discriminated union and the exactly-one-of manifest poorly.
 */

import { describe, expect, test } from "vitest";
import { formatPath, type PathSegment } from "../../src/protocol/format-path.js";
import { type SchemaName, schemaDocument, validate } from "../../src/protocol/schemas.js";
import {
  type AnswerCell,
  type AnswerPlace,
  type AnswerQuestion,
  type AnswersDocument,
  type AnswersTeam,
  CHECK_IDS,
  type CheckReport,
  type CheckResult,
  type CheckStatus,
  type CheckVisibility,
  type Comparison,
  type Figure1Panel,
  type Figure1Results,
  type Gradebook,
  type GradebookCheck,
  type GradebookColumn,
  type GradebookManual,
  type GradebookQuestionColumn,
  type GradebookQuestionScore,
  type GradebookStudent,
  type GradebookSummary,
  type GradebookTeam,
  type GradescopeOutputFormat,
  type GradescopeResultsKeys,
  type GradescopeTest,
  type GradescopeVisibility,
  type GradingMarker,
  type GradingRubric,
  type ManualScores,
  type MeasureSpread,
  type MoodleOrigin,
  type MoodleParticipant,
  type NeuronParameters,
  type ObservedValue,
  type OuStimulusRequest,
  type OutputLock,
  type PanelMetrics,
  type ReferenceFigure1,
  type ResultsManifest,
  type Rubric,
  type RubricCheck,
  type RubricQuestion,
  type Shard,
  type SimulateRequest,
  type SimulateResponse,
  type SimulatorEntry,
  type SimulatorManifest,
  type Skipped,
  type StepStimulusRequest,
  type StimulusRequest,
  type StimulusResponse,
  type SweepDocument,
  type SweepMapDocument,
  type SweepMapId,
  type SweepSettings,
  type TeamAnswer,
  type TeamMember,
  type TeamStatus,
  type ToleranceBand,
  type Tolerances,
} from "../../src/protocol/types.js";
import * as examples from "./examples.js";

// biome-ignore lint/complexity/noBannedTypes: {} is the point: a key is optional when {} has it.
type Presence<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? "optional" : "required" };

/** The schema node at a JSON pointer inside a schema document. */
function node(name: SchemaName, pointer: string): Record<string, unknown> {
  let current: unknown = schemaDocument(name);
  for (const key of pointer.split("/").filter((part) => part !== "")) {
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current !== "object" || current === null)
    throw new Error(`${name}#${pointer} is missing`);
  return current as Record<string, unknown>;
}

function keysOf(presence: Record<string, string>, which?: "required"): string[] {
  return Object.entries(presence)
    .filter(([, value]) => which === undefined || value === which)
    .map(([key]) => key)
    .sort();
}

const stepKeys: Presence<StepStimulusRequest> = {
  kind: "required",
  dtMs: "required",
  durationMs: "required",
  onsetMs: "required",
  offsetMs: "required",
  meanPa: "required",
};
const ouKeys: Presence<OuStimulusRequest> = {
  kind: "required",
  dtMs: "required",
  durationMs: "required",
  onsetMs: "required",
  offsetMs: "required",
  meanPa: "required",
  sdPa: "required",
  tauMs: "required",
  seed: "required",
};
const stimulusResponseKeys: Presence<StimulusResponse> = { currentPa: "required" };
const neuronKeys: Presence<NeuronParameters> = {
  tauMs: "required",
  resistanceMOhm: "required",
  restMv: "required",
  thresholdMv: "required",
  resetMv: "required",
  refractoryMs: "required",
  initialMv: "required",
  noiseSdMv: "required",
};
const simulateRequestKeys: Presence<SimulateRequest> = {
  dtMs: "required",
  currentPa: "required",
  trials: "required",
  seed: "required",
  recordVoltage: "required",
  neuron: "required",
};
const simulateResponseKeys: Presence<SimulateResponse> = {
  spikeTimesMs: "required",
  voltageMv: "optional",
};
const simulatorManifestKeys: Presence<SimulatorManifest> = {
  $schema: "optional",
  team: "required",
  members: "required",
  simulator: "required",
  results: "optional",
};
const resultsManifestKeys: Presence<ResultsManifest> = {
  $schema: "optional",
  team: "required",
  members: "required",
  simulator: "optional",
  results: "required",
};
const memberKeys: Presence<TeamMember> = { id: "required", name: "required" };
const entryKeys: Presence<SimulatorEntry> = { entry: "required" };
const resultsKeys: Presence<Figure1Results> = {
  $schema: "optional",
  protocol: "required",
  dtMs: "required",
  durationMs: "required",
  onsetMs: "required",
  offsetMs: "required",
  panels: "required",
  parameters: "optional",
};
const panelKeys: Presence<Figure1Panel> = {
  currentPa: "required",
  spikeTimesMs: "required",
  voltageMv: "optional",
};
const rubricKeys: Presence<Rubric> = {
  $schema: "optional",
  description: "optional",
  checks: "required",
  measures: "required",
  questions: "optional",
};
const rubricQuestionKeys: Presence<RubricQuestion> = {
  id: "required",
  title: "required",
  points: "required",
  checks: "optional",
};
const rubricCheckKeys: Presence<RubricCheck> = {
  id: "required",
  title: "required",
  description: "optional",
  points: "required",
  falseRejectProbability: "optional",
  visibility: "required",
  tolerances: "optional",
  parameters: "optional",
};
const tolerancesKeys: Presence<Tolerances> = {
  $schema: "optional",
  description: "optional",
  method: "required",
  seeds: "required",
  dtMs: "optional",
  schemes: "optional",
  conditions: "optional",
  measures: "required",
};
const spreadKeys: Presence<MeasureSpread> = {
  description: "optional",
  quantiles: "required",
  n: "required",
  mean: "required",
  sd: "required",
  unit: "required",
  band: "optional",
};
const reportKeys: Presence<CheckReport> = {
  team: "required",
  members: "required",
  passed: "required",
  score: "required",
  maxScore: "required",
  checks: "required",
  metrics: "optional",
  hiddenChecks: "optional",
  hiddenPoints: "optional",
  isolation: "optional",
  log: "optional",
  language: "optional",
  entry: "optional",
  manifestTeam: "optional",
  warnings: "optional",
  spikegradeVersion: "optional",
};
const checkResultKeys: Presence<CheckResult> = {
  id: "required",
  title: "required",
  status: "required",
  points: "required",
  maxPoints: "required",
  visibility: "required",
  message: "required",
  observed: "optional",
  expected: "optional",
  elapsedMs: "optional",
  falseRejectProbability: "optional",
  comparisons: "optional",
};
const comparisonKeys: Presence<Comparison> = {
  measure: "required",
  tolerance: "required",
  unit: "required",
  low: "optional",
  high: "optional",
  lowerQuantile: "optional",
  upperQuantile: "optional",
  falseRejectProbability: "optional",
  observed: "required",
};
const observedValueKeys: Presence<ObservedValue> = {
  label: "optional",
  value: "required",
  inBand: "required",
};
const toleranceBandKeys: Presence<ToleranceBand> = {
  low: "optional",
  high: "optional",
  falseRejectProbability: "required",
  method: "required",
  rule: "required",
};
const metricsKeys: Presence<PanelMetrics> = {
  reliability: "required",
  precisionMs: "required",
  rcorr: "required",
  rateHz: "required",
};
// Every key optional on its own; the schema's anyOf (and the type's union) wants score or tests.
const gradescopeKeys: Presence<GradescopeResultsKeys> = {
  score: "optional",
  execution_time: "optional",
  output: "optional",
  output_format: "optional",
  test_output_format: "optional",
  test_name_format: "optional",
  visibility: "optional",
  stdout_visibility: "optional",
  extra_data: "optional",
  tests: "optional",
};
const gradescopeTestKeys: Presence<GradescopeTest> = {
  name: "required",
  name_format: "optional",
  number: "optional",
  score: "required",
  max_score: "required",
  status: "required",
  visibility: "required",
  output: "required",
  output_format: "optional",
  tags: "optional",
  extra_data: "optional",
};

const referenceFigureKeys: Presence<ReferenceFigure1> = { ...resultsKeys, metrics: "required" };
const markerKeys: Presence<GradingMarker> = {
  fingerprint: "required",
  hidden: "required",
  secretId: "optional",
  rubric: "required",
  hiddenInputs: "optional",
  graderError: "optional",
  elapsedMs: "required",
  spikegradeVersion: "required",
};
const gradingRubricKeys: Presence<GradingRubric> = { sha256: "required", file: "required" };
const lockKeys: Presence<OutputLock> = { pid: "required", host: "required", since: "required" };
const manualScoresKeys: Presence<ManualScores> = {
  format: "required",
  version: "required",
  questions: "required",
  scores: "required",
  savedAt: "optional",
};
const manualQuestionKeys: Presence<ManualScores["questions"][number]> = {
  id: "required",
  points: "required",
};
const manualScoreKeys: Presence<ManualScores["scores"][string][string]> = {
  points: "required",
  comment: "optional",
};
const sweepKeys: Presence<SweepDocument> = {
  format: "required",
  version: "required",
  spikegradeVersion: "required",
  settings: "required",
  paper: "required",
  axes: "required",
  maps: "required",
};
const sweepSettingsKeys: Presence<SweepSettings> = {
  trials: "required",
  durationMs: "required",
  dtMs: "required",
  noiseSdMv: "required",
  tauMs: "required",
  meanPa: "required",
  onsetMs: "required",
  offsetMs: "required",
  stimulusSeed: "required",
  noiseSeed: "required",
};
const sweepPointKeys: Presence<SweepDocument["paper"]> = {
  sdPa: "required",
  tauMs: "required",
  noiseSdMv: "required",
};
const sweepMapKeys: Presence<SweepMapDocument> = {
  id: "required",
  source: "required",
  team: "optional",
  reliability: "required",
  precisionMs: "required",
  rcorr: "required",
  rateHz: "required",
  error: "optional",
};
const gradebookKeys: Presence<Gradebook> = {
  generatedBy: "required",
  shard: "optional",
  secretId: "optional",
  checks: "required",
  questions: "optional",
  teams: "required",
  students: "required",
  skipped: "required",
  summary: "required",
  warnings: "required",
};
const gradebookGeneratedByKeys: Presence<Gradebook["generatedBy"]> = {
  name: "required",
  version: "required",
};
const shardKeys: Presence<Shard> = { index: "required", count: "required" };
const gradebookColumnKeys: Presence<GradebookColumn> = {
  id: "required",
  title: "required",
  points: "required",
  visibility: "required",
};
const gradebookTeamKeys: Presence<GradebookTeam> = {
  team: "required",
  members: "required",
  status: "required",
  score: "required",
  maxScore: "required",
  message: "required",
  checks: "required",
  hidden: "required",
  report: "required",
  manifestTeam: "optional",
  moodle: "optional",
  rubric: "optional",
  manual: "optional",
};
const gradebookManualKeys: Presence<GradebookManual> = {
  checksScore: "required",
  checksMaxScore: "required",
  questions: "required",
  notScored: "required",
};
const gradebookQuestionScoreKeys: Presence<GradebookQuestionScore> = {
  id: "required",
  points: "required",
  maxPoints: "required",
  comment: "optional",
};
const gradebookQuestionColumnKeys: Presence<GradebookQuestionColumn> = {
  id: "required",
  title: "required",
  points: "required",
};
const moodleOriginKeys: Presence<MoodleOrigin> = {
  participants: "required",
  entries: "required",
  builtManifest: "required",
  notes: "required",
};
const moodleParticipantKeys: Presence<MoodleParticipant> = { id: "required", name: "required" };
const gradebookCheckKeys: Presence<GradebookCheck> = {
  id: "required",
  status: "required",
  points: "required",
  maxPoints: "required",
};
const gradebookStudentKeys: Presence<GradebookStudent> = {
  id: "required",
  name: "required",
  team: "required",
  score: "required",
  maxScore: "required",
  status: "required",
};
const skippedKeys: Presence<Skipped> = { name: "required", reason: "required" };
const gradebookSummaryKeys: Presence<GradebookSummary> = {
  teams: "required",
  students: "required",
  pass: "required",
  fail: "required",
  error: "required",
  meanScore: "required",
  maxScore: "required",
  meanPercent: "required",
};

const answersKeys: Presence<AnswersDocument> = {
  generatedBy: "required",
  template: "optional",
  questions: "required",
  teams: "required",
  warnings: "required",
};
const answerQuestionKeys: Presence<AnswerQuestion> = {
  id: "required",
  prompt: "required",
  section: "optional",
  checks: "optional",
};
const answersTeamKeys: Presence<AnswersTeam> = {
  team: "required",
  members: "required",
  notebook: "required",
  answers: "required",
  warnings: "required",
};
const teamAnswerKeys: Presence<TeamAnswer> = {
  questionId: "required",
  found: "required",
  promptEdited: "required",
  cells: "required",
};
const answerCellKeys: Presence<AnswerCell> = {
  kind: "required",
  source: "required",
  outputs: "required",
};

const objectTypes: [string, SchemaName, string, Record<string, string>][] = [
  ["StepStimulusRequest", "stimulus-request", "/oneOf/0", stepKeys],
  ["OuStimulusRequest", "stimulus-request", "/oneOf/1", ouKeys],
  ["StimulusResponse", "stimulus-response", "", stimulusResponseKeys],
  ["SimulateRequest", "simulate-request", "", simulateRequestKeys],
  ["NeuronParameters", "simulate-request", "/properties/neuron", neuronKeys],
  ["SimulateResponse", "simulate-response", "", simulateResponseKeys],
  ["TeamMember", "manifest", "/properties/members/items", memberKeys],
  ["SimulatorEntry", "manifest", "/properties/simulator", entryKeys],
  ["Figure1Results", "results", "", resultsKeys],
  ["Figure1Panel", "results", "/$defs/panel", panelKeys],
  ["Rubric", "rubric", "", rubricKeys],
  ["RubricCheck", "rubric", "/properties/checks/items", rubricCheckKeys],
  ["Tolerances", "tolerances", "", tolerancesKeys],
  ["MeasureSpread", "tolerances", "/properties/measures/additionalProperties", spreadKeys],
  ["CheckReport", "check-report", "", reportKeys],
  ["TeamMember (report)", "check-report", "/properties/members/items", memberKeys],
  ["CheckResult", "check-report", "/properties/checks/items", checkResultKeys],
  ["Comparison", "check-report", "/$defs/comparison", comparisonKeys],
  [
    "ObservedValue",
    "check-report",
    "/$defs/comparison/properties/observed/items",
    observedValueKeys,
  ],
  [
    "ToleranceBand",
    "tolerances",
    "/properties/measures/additionalProperties/properties/band",
    toleranceBandKeys,
  ],
  ["PanelMetrics", "check-report", "/$defs/panelMetrics", metricsKeys],
  ["GradescopeResults", "gradescope", "", gradescopeKeys],
  ["GradescopeTest", "gradescope", "/properties/tests/items", gradescopeTestKeys],
  ["ReferenceFigure1", "reference-figure1", "", referenceFigureKeys],
  ["PanelMetrics (reference figure)", "reference-figure1", "/$defs/panelMeasures", metricsKeys],
  ["GradingMarker", "grading-marker", "", markerKeys],
  ["GradingRubric", "grading-marker", "/properties/rubric", gradingRubricKeys],
  ["OutputLock", "output-lock", "", lockKeys],
  ["Gradebook", "gradebook", "", gradebookKeys],
  ["Gradebook generatedBy", "gradebook", "/properties/generatedBy", gradebookGeneratedByKeys],
  ["Shard", "gradebook", "/properties/shard", shardKeys],
  ["GradebookColumn", "gradebook", "/properties/checks/items", gradebookColumnKeys],
  ["GradebookTeam", "gradebook", "/properties/teams/items", gradebookTeamKeys],
  [
    "GradebookQuestionColumn",
    "gradebook",
    "/properties/questions/items",
    gradebookQuestionColumnKeys,
  ],
  [
    "GradebookManual",
    "gradebook",
    "/properties/teams/items/properties/manual",
    gradebookManualKeys,
  ],
  [
    "GradebookQuestionScore",
    "gradebook",
    "/properties/teams/items/properties/manual/properties/questions/items",
    gradebookQuestionScoreKeys,
  ],
  ["RubricQuestion", "rubric", "/properties/questions/items", rubricQuestionKeys],
  ["ManualScores", "manual-scores", "", manualScoresKeys],
  ["SweepDocument", "sweep", "", sweepKeys],
  ["SweepSettings", "sweep", "/properties/settings", sweepSettingsKeys],
  ["SweepDocument paper", "sweep", "/properties/paper", sweepPointKeys],
  ["SweepDocument axes", "sweep", "/properties/axes", sweepPointKeys],
  ["SweepMapDocument", "sweep", "/properties/maps/items", sweepMapKeys],
  ["MoodleOrigin", "gradebook", "/properties/teams/items/properties/moodle", moodleOriginKeys],
  [
    "MoodleParticipant",
    "gradebook",
    "/properties/teams/items/properties/moodle/properties/participants/items",
    moodleParticipantKeys,
  ],
  [
    "TeamMember (gradebook)",
    "gradebook",
    "/properties/teams/items/properties/members/items",
    memberKeys,
  ],
  [
    "GradebookCheck",
    "gradebook",
    "/properties/teams/items/properties/checks/items",
    gradebookCheckKeys,
  ],
  ["GradebookStudent", "gradebook", "/properties/students/items", gradebookStudentKeys],
  ["Skipped", "gradebook", "/properties/skipped/items", skippedKeys],
  ["GradebookSummary", "gradebook", "/properties/summary", gradebookSummaryKeys],
  ["AnswersDocument", "answers", "", answersKeys],
  ["AnswerQuestion", "answers", "/properties/questions/items", answerQuestionKeys],
  ["AnswersTeam", "answers", "/properties/teams/items", answersTeamKeys],
  ["TeamAnswer", "answers", "/properties/teams/items/properties/answers/items", teamAnswerKeys],
  ["AnswerCell", "answers", "/$defs/cell", answerCellKeys],
  ["ManualScores question", "manual-scores", "/properties/questions/items", manualQuestionKeys],
  [
    "ManualScores score",
    "manual-scores",
    "/properties/scores/additionalProperties/additionalProperties",
    manualScoreKeys,
  ],
];

describe("each type's keys are its schema's properties, required alike", () => {
  test.each(objectTypes)("%s", (_, name, pointer, presence) => {
    const schema = node(name, pointer);
    expect(Object.keys(schema.properties as object).sort()).toEqual(keysOf(presence));
    expect([...((schema.required as string[]) ?? [])].sort()).toEqual(keysOf(presence, "required"));
  });

  test("Manifest: the keys of both variants; required, what both require", () => {
    const schema = node("manifest", "");
    expect(keysOf(simulatorManifestKeys)).toEqual(keysOf(resultsManifestKeys));
    expect(Object.keys(schema.properties as object).sort()).toEqual(keysOf(simulatorManifestKeys));
    const both = keysOf(simulatorManifestKeys, "required").filter((key) =>
      keysOf(resultsManifestKeys, "required").includes(key),
    );
    expect([...(schema.required as string[])].sort()).toEqual(both);
  });
});

/** Lists every member of a union of string literals; the compiler rejects a list that misses one. */
function every<T extends string>() {
  return <const A extends readonly T[]>(
    ...values: A &
      ([Exclude<T, A[number]>] extends [never] ? unknown : ["missing", Exclude<T, A[number]>])
  ): readonly string[] => values;
}

describe("each union of literals is its schema's enum", () => {
  const outputFormats = every<GradescopeOutputFormat>()(
    "text",
    "html",
    "simple_format",
    "md",
    "ansi",
  );
  const gradescopeVisibilities = every<GradescopeVisibility>()(
    "visible",
    "hidden",
    "after_due_date",
    "after_published",
  );
  const cases: [string, readonly string[], readonly unknown[]][] = [
    [
      "StimulusRequest kind",
      every<StimulusRequest["kind"]>()("step", "ou"),
      node("stimulus-request", "/properties/kind").enum as unknown[],
    ],
    [
      "CheckStatus",
      every<CheckStatus>()("pass", "fail", "error", "skip"),
      node("check-report", "/properties/checks/items/properties/status").enum as unknown[],
    ],
    [
      "CheckVisibility (rubric)",
      every<CheckVisibility>()("public", "hidden"),
      node("rubric", "/properties/checks/items/properties/visibility").enum as unknown[],
    ],
    [
      "CheckVisibility (report)",
      every<CheckVisibility>()("public", "hidden"),
      node("check-report", "/properties/checks/items/properties/visibility").enum as unknown[],
    ],
    [
      "CheckStatus (gradebook)",
      every<CheckStatus>()("pass", "fail", "error", "skip"),
      node("gradebook", "/properties/teams/items/properties/checks/items/properties/status")
        .enum as unknown[],
    ],
    [
      "CheckVisibility (gradebook)",
      every<CheckVisibility>()("public", "hidden"),
      node("gradebook", "/properties/checks/items/properties/visibility").enum as unknown[],
    ],
    [
      "TeamStatus",
      every<TeamStatus>()("pass", "fail", "error"),
      node("gradebook", "/$defs/teamStatus").enum as unknown[],
    ],
    [
      "GradescopeTest status",
      every<GradescopeTest["status"]>()("passed", "failed"),
      node("gradescope", "/properties/tests/items/properties/status").enum as unknown[],
    ],
    [
      "GradescopeVisibility",
      gradescopeVisibilities,
      node("gradescope", "/$defs/visibility").enum as unknown[],
    ],
    [
      "GradescopeOutputFormat",
      outputFormats,
      node("gradescope", "/$defs/format").enum as unknown[],
    ],
    [
      "SweepMapId",
      every<SweepMapId>()("sd-tau", "sd-noise"),
      node("sweep", "/properties/maps/items/properties/id").enum as unknown[],
    ],
    [
      "SweepMapDocument source",
      every<SweepMapDocument["source"]>()("reference", "submission"),
      node("sweep", "/properties/maps/items/properties/source").enum as unknown[],
    ],
    [
      "AnswerPlace",
      every<AnswerPlace>()("after-prompt", "inside-prompt", "missing"),
      node("answers", "/properties/teams/items/properties/answers/items/properties/found")
        .enum as unknown[],
    ],
  ];
  test.each(cases)("%s", (_, literals, schemaEnum) => {
    expect([...schemaEnum].sort()).toEqual([...literals].sort());
  });

  test("rubric ids are the contract's check ids, optionally with a :variant", () => {
    const pattern = new RegExp(
      node("rubric", "/properties/checks/items/properties/id").pattern as string,
      "u",
    );
    for (const id of CHECK_IDS) {
      expect(pattern.test(id)).toBe(true);
      expect(pattern.test(`${id}:hidden-2`)).toBe(true);
      expect(pattern.test(`${id}:`)).toBe(false);
      expect(pattern.test(`${id}x`)).toBe(false);
    }
    for (const id of ["figure1", "figure1.C", "neuron", "Manifest", "stimulus_step", ""]) {
      expect(pattern.test(id)).toBe(false);
    }
  });
});

/** Values whose inner structure is free-form, by schema: their insides are not mutated. */
const FREE_FORM: Partial<Record<SchemaName, RegExp[]>> = {
  results: [/^parameters\./],
  rubric: [/^checks\[\d+\]\.parameters\./, /^measures\.[^.]+\./],
  tolerances: [/^conditions\./],
  "check-report": [/^checks\[\d+\]\.(observed|expected)\./],
  gradescope: [/(^|\.)extra_data\./],
  "reference-figure1": [/^parameters\./],
};

const typedExamples: [string, SchemaName, unknown, Record<string, string>][] = [
  ["step request", "stimulus-request", examples.stepRequest, stepKeys],
  ["OU request", "stimulus-request", examples.ouRequest, ouKeys],
  ["stimulus response", "stimulus-response", examples.stimulusResponse, stimulusResponseKeys],
  ["simulate request", "simulate-request", examples.simulateRequest, simulateRequestKeys],
  ["simulate response", "simulate-response", examples.simulateResponse, simulateResponseKeys],
  ["simulator manifest", "manifest", examples.simulatorManifest, simulatorManifestKeys],
  ["results manifest", "manifest", examples.resultsManifest, resultsManifestKeys],
  ["results", "results", examples.results, resultsKeys],
  ["rubric", "rubric", examples.rubric, rubricKeys],
  ["tolerances", "tolerances", examples.tolerances, tolerancesKeys],
  ["check report", "check-report", examples.checkReport, reportKeys],
  ["gradescope", "gradescope", examples.gradescope, gradescopeKeys],
  ["reference figure", "reference-figure1", examples.referenceFigure1, referenceFigureKeys],
  ["grading marker", "grading-marker", examples.gradingMarker, markerKeys],
  ["output lock", "output-lock", examples.outputLock, lockKeys],
  ["gradebook", "gradebook", examples.gradebook, gradebookKeys],
  ["answers", "answers", examples.answers, answersKeys],
  ["manual scores", "manual-scores", examples.manualScores, manualScoresKeys],
  ["sweep", "sweep", examples.sweep, sweepKeys],
];

/** A value of another JSON type than the one given. */
function wrongType(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return 1;
  if (typeof value === "boolean") return "true";
  return "x";
}

/** Every path into a value: each key of each object and the first element of each array. */
function pathsOf(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  const paths: PathSegment[][] = [];
  if (Array.isArray(value)) {
    if (value.length > 0) paths.push([...prefix, 0], ...pathsOf(value[0], [...prefix, 0]));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      paths.push([...prefix, key], ...pathsOf(inner, [...prefix, key]));
    }
  }
  return paths;
}

function withValueAt(value: unknown, path: PathSegment[], replacement: unknown): unknown {
  const copy = structuredClone(value);
  let parent = copy as Record<PathSegment, unknown>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<PathSegment, unknown>;
  parent[path[path.length - 1]] = replacement;
  return copy;
}

describe("typed examples pass their schemas, and mutated ones fail", () => {
  test.each(typedExamples)("%s passes", (_, name, example) => {
    expect(validate(name, example)).toEqual({ ok: true, value: example });
  });

  test.each(typedExamples)("%s: a value of the wrong type anywhere fails", (_, name, example) => {
    const freeForm = FREE_FORM[name] ?? [];
    const accepted: string[] = [];
    for (const path of pathsOf(example)) {
      const where = formatPath(path);
      if (freeForm.some((pattern) => pattern.test(where))) continue;
      const current = path.reduce<unknown>(
        (inner, key) => (inner as Record<PathSegment, unknown>)[key],
        example,
      );
      if (validate(name, withValueAt(example, path, wrongType(current))).ok) accepted.push(where);
    }
    expect(accepted).toEqual([]);
  });

  test.each(typedExamples)("%s: dropping a required key fails", (_, name, example, presence) => {
    for (const key of keysOf(presence, "required")) {
      const copy = { ...(example as Record<string, unknown>) };
      delete copy[key];
      expect(validate(name, copy).ok, key).toBe(false);
    }
  });
});
