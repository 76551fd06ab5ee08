/**
 * The data that crosses spikegrade's boundaries, in the contract's units: time in ms, current in pA,
 * potential in mV, resistance in MOhm. Every key carries its unit.
 *
 * Each type here has a JSON schema in reference/schema/ (named in its doc comment); values from
 * outside are validated by `validate` in ./schemas.ts before they are trusted. Each type follows
 * from its schema: tests/protocol/schema-derived-types.test.ts derives a type from every schema
 * and has the compiler check that it and the type here accept the same values, and
 * tests/protocol/schema-types.test.ts checks their keys, enums and typed examples.
 */

/** A constant current step (schema: stimulus-request). */
export interface StepStimulusRequest {
  kind: "step";
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  meanPa: number;
}

/** A frozen Ornstein-Uhlenbeck current (schema: stimulus-request). */
export interface OuStimulusRequest {
  kind: "ou";
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  meanPa: number;
  sdPa: number;
  tauMs: number;
  seed: number;
}

/** makeStimulus's request (schema: stimulus-request). */
export type StimulusRequest = StepStimulusRequest | OuStimulusRequest;

/** makeStimulus's response (schema: stimulus-response); extra keys are ignored. */
export interface StimulusResponse {
  currentPa: number[];
}

/** The LIF neuron of docs/contract.md (part of schema simulate-request). */
export interface NeuronParameters {
  tauMs: number;
  resistanceMOhm: number;
  restMv: number;
  thresholdMv: number;
  resetMv: number;
  refractoryMs: number;
  initialMv: number;
  noiseSdMv: number;
}

/** simulateNeuron's request (schema: simulate-request). */
export interface SimulateRequest {
  dtMs: number;
  currentPa: number[];
  trials: number;
  seed: number;
  recordVoltage: number;
  neuron: NeuronParameters;
}

/**
 * simulateNeuron's response as validated (schema: simulate-response); extra keys are ignored,
 * and voltageMv is absent where recordVoltage asked for no trace.
 */
export interface SimulateResponse {
  /** One ascending array per trial, each time in [0, durationMs]. */
  spikeTimesMs: number[][];
  /** Exactly recordVoltage traces (of the first trials), each as long as currentPa. */
  voltageMv?: number[][];
}

/**
 * simulateNeuron's response as a simulator may write it (schema: simulate-response): where
 * recordVoltage is 0, voltageMv may also be null.
 */
export type SimulateResponseDocument = Omit<SimulateResponse, "voltageMv"> & {
  voltageMv?: number[][] | null;
};

/**
 * How the sandbox runners carry NaN and +-Infinity through JSON, which has no such numbers.
 * The validators report such a value by name ("spikeTimesMs[0][3] is NaN").
 */
export interface NonFiniteNumber {
  $nonFinite: "NaN" | "Infinity" | "-Infinity";
}

/** One panel of Figure 1 (part of schema results). */
export interface Figure1Panel {
  currentPa: number[];
  spikeTimesMs: number[][];
  voltageMv?: number[][];
}

export const FIGURE1_PROTOCOL = "mainen-sejnowski-1995-figure1";

/** A results-only submission's Figure 1 data (schema: results). */
export interface Figure1Results {
  $schema?: string;
  protocol: typeof FIGURE1_PROTOCOL;
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  panels: { A: Figure1Panel; B: Figure1Panel };
  parameters?: Record<string, unknown>;
}

/** One student of a team (part of schema manifest). */
export interface TeamMember {
  id: string;
  name: string;
}

/** The simulator a manifest names; the language follows from the entry's extension. */
export interface SimulatorEntry {
  entry: string;
}

interface ManifestCommon {
  $schema?: string;
  team: string;
  members: TeamMember[];
}

/** submission.json naming a simulator module (schema: manifest). */
export interface SimulatorManifest extends ManifestCommon {
  simulator: SimulatorEntry;
  results?: never;
}

/** submission.json naming a results-only Figure 1 file (schema: manifest). */
export interface ResultsManifest extends ManifestCommon {
  results: string;
  simulator?: never;
}

/** submission.json: exactly one of simulator or results (schema: manifest). */
export type Manifest = SimulatorManifest | ResultsManifest;

/** The contract's check ids, in the contract's order. */
export const CHECK_IDS = [
  "manifest",
  "load",
  "stimulus.step",
  "stimulus.ou",
  "stimulus.frozen",
  "neuron.rest",
  "neuron.fi",
  "neuron.match",
  "neuron.noise",
  "neuron.trace",
  "figure1.A",
  "figure1.B",
  "figure1.contrast",
  "figure1.rate",
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/** A rubric check's id: the contract's id, or the contract's id and a variant ("neuron.match:hidden"). */
export type RubricCheckId = CheckId | `${CheckId}:${string}`;

export type CheckVisibility = "public" | "hidden";

/** Parameters of a measure or a check, each key carrying its unit ("binMs", "sigmaMs"). */
export type ParameterValues = Record<string, number | string | boolean | (number | string)[]>;

/** A hidden check's inputs derived from the course secret: seeds and time steps, ms. */
export type HiddenParameterValues = Record<string, number | number[]>;

/** One check of the rubric (part of schema rubric). */
export interface RubricCheck {
  id: RubricCheckId;
  title: string;
  description?: string;
  points: number;
  /** The chance that a faithful simulator fails this check by chance (from tolerances.json). */
  falseRejectProbability?: number;
  visibility: CheckVisibility;
  /** Names of entries of tolerances.json's measures that this check compares against. */
  tolerances?: string[];
  parameters?: ParameterValues;
}

/** reference/rubric.json (schema: rubric). */
export interface Rubric {
  $schema?: string;
  description?: string;
  checks: RubricCheck[];
  /** Parameters of each measure by name (reliability, rcorr, gamma, ...). */
  measures: Record<string, ParameterValues>;
  /** Questions of the brief graded by hand (`grade --manual FILE`), in the order they are shown. */
  questions?: RubricQuestion[];
}

/**
 * A question of the brief that the instructor grades by hand (part of schema rubric): its points
 * add to the checks' for the team's total.
 */
export interface RubricQuestion {
  /** Unique among the rubric's questions ("q01"). */
  id: string;
  title: string;
  points: number;
  /** Rubric check ids whose verdicts bear on the answer, shown beside it. */
  checks?: string[];
}

/** The reference's spread of one measure over a Monte Carlo (part of schema tolerances). */
export interface MeasureSpread {
  description?: string;
  /** Quantiles keyed by probability as a decimal string ("0.005", "0.5", "0.995"). */
  quantiles: Record<string, number>;
  n: number;
  mean: number;
  sd: number;
  /** ms, Hz, pA, mV, or "1" for a dimensionless measure. */
  unit: string;
  /** The values a check accepts, where the calibration set them. */
  band?: ToleranceBand;
}

/** The values a check accepts of one measure, and their false-reject chance (part of schema tolerances). */
export interface ToleranceBand {
  low?: number;
  high?: number;
  /** The chance that one faithful simulator's value falls outside the band, as calibrated. */
  falseRejectProbability: number;
  method: "envelope" | "gaussian" | "binomial";
  /** How low, high and falseRejectProbability were reached, in words and numbers. */
  rule: string;
}

/** reference/tolerances.json (schema: tolerances). */
export interface Tolerances {
  $schema?: string;
  description?: string;
  method: string;
  seeds: number[] | Record<string, number[]>;
  dtMs?: number[];
  schemes?: string[];
  conditions?: Record<string, unknown>;
  measures: Record<string, MeasureSpread>;
}

export type CheckStatus = "pass" | "fail" | "error" | "skip";

/** The verdict of one check (part of schema check-report). */
export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  points: number;
  maxPoints: number;
  visibility: CheckVisibility;
  message: string;
  observed?: Record<string, unknown>;
  expected?: Record<string, unknown>;
  elapsedMs?: number;
  /** The chance that a faithful simulator fails this check by chance. */
  falseRejectProbability?: number;
  /** Each measure compared with a band, every value with its in-band flag: the decision itself. */
  comparisons?: Comparison[];
}

/** A measure compared with a band of the reference's spread (part of schema check-report). */
export interface Comparison {
  /** What was measured, in words: "rate at 150 pA, dt 0.5 ms". */
  measure: string;
  /** The entry of tolerances.json ("neuron.fi.rateHz.150pA.dt0.5"). */
  tolerance: string;
  /** "Hz", "ms", "pA", "mV", or "" for a dimensionless measure. */
  unit: string;
  low?: number;
  high?: number;
  /** The quantile levels the ends are read at, where the band is a pair of quantiles. */
  lowerQuantile?: number;
  upperQuantile?: number;
  /** The chance that one faithful value falls outside the band. */
  falseRejectProbability?: number;
  /** One value, or one per item (a frozen current, a time step); null where none was measured. */
  observed: ObservedValue[];
}

export interface ObservedValue {
  /** Which item this is ("seed 1995"); absent for a single value. */
  label?: string;
  value: number | null;
  inBand: boolean;
}

/**
 * The four numbers a Figure 1 panel is summarised by (docs/contract.md, `metrics` of result.json; part of
 * schemas check-report and reference-figure1). In a check report a measure that could not be
 * computed is null; PanelMetrics<number> is the form where every measure has a value.
 */
export interface PanelMetrics<Value extends number | null = number | null> {
  /** Fraction of spikes in events, in [0, 1]. */
  reliability: Value;
  /** Mean SD of spike times within events, ms. */
  precisionMs: Value;
  /** Schreiber et al. (2003) correlation-based reliability, in [0, 1]. */
  rcorr: Value;
  /** Mean firing rate over the window, Hz. */
  rateHz: Value;
}

/** `check --json`, DIR/.spikegrade/result.json and OUT/.instructor/<team>/result.json (schema: check-report). */
export interface CheckReport {
  team: string;
  members: TeamMember[];
  passed: boolean;
  score: number;
  maxScore: number;
  checks: CheckResult[];
  metrics?: { A: PanelMetrics; B: PanelMetrics };
  hiddenChecks?: number;
  /** The points of those hidden checks: the grade is out of maxScore plus these. */
  hiddenPoints?: number;
  isolation?: string;
  log?: string;
  language?: string;
  entry?: string;
  manifestTeam?: string;
  warnings?: string[];
  spikegradeVersion?: string;
}

export type GradescopeVisibility = "visible" | "hidden" | "after_due_date" | "after_published";

export type GradescopeOutputFormat = "text" | "html" | "simple_format" | "md" | "ansi";

/** One test of a Gradescope results.json (part of schema gradescope). */
export interface GradescopeTest {
  name: string;
  name_format?: GradescopeOutputFormat;
  number?: string;
  score: number;
  max_score: number;
  status: "passed" | "failed";
  visibility: GradescopeVisibility;
  output: string;
  output_format?: GradescopeOutputFormat;
  tags?: string[];
  extra_data?: Record<string, unknown>;
}

/** The keys of Gradescope's results.json, each optional on its own (see GradescopeResults). */
export interface GradescopeResultsKeys {
  score?: number;
  execution_time?: number;
  output?: string;
  output_format?: GradescopeOutputFormat;
  test_output_format?: GradescopeOutputFormat;
  test_name_format?: GradescopeOutputFormat;
  visibility?: GradescopeVisibility;
  stdout_visibility?: GradescopeVisibility;
  extra_data?: Record<string, unknown>;
  tests?: GradescopeTest[];
}

/**
 * Gradescope's results.json (schema: gradescope), written as OUT/<team>/gradescope.json and by
 * the autograder bundle: a top-level score, or tests (each with its score), or both. Without a
 * top-level score, Gradescope totals the tests' scores.
 */
export type GradescopeResults =
  | (GradescopeResultsKeys & { score: number })
  | (GradescopeResultsKeys & { tests: GradescopeTest[] });

/** One student of a Gradescope submission (part of schema gradescope-metadata). */
export interface GradescopeUser {
  email?: string;
  id?: number | string;
  name?: string;
}

/**
 * What spikegrade reads of Gradescope's /autograder/submission_metadata.json (schema:
 * gradescope-metadata); the file holds more, which is left alone.
 */
export interface GradescopeMetadata {
  id?: number | string;
  users?: GradescopeUser[];
}

/** reference/figure1.json: the reference's Figure 1 and each panel's measures (schema: reference-figure1). */
export interface ReferenceFigure1 extends Figure1Results {
  metrics: { A: PanelMetrics<number>; B: PanelMetrics<number> };
}

/** OUT/.spikegrade-grading.lock: who holds an output folder (schema: output-lock). */
export interface OutputLock {
  pid: number;
  host: string;
  since: string;
}

/**
 * OUT/.instructor/<team>/grading.json, the marker of a team's complete outputs: how they were made
 * (schema: grading-marker).
 */
export interface GradingMarker {
  /** What the result depends on (see gradingFingerprint); null when the grader broke on it. */
  fingerprint: string | null;
  /** Whether the hidden checks ran. */
  hidden: boolean;
  /** When they ran: the name of the course secret their inputs came from (reveals nothing of it). */
  secretId?: string;
  /** The rubric the team was graded with. */
  rubric: GradingRubric;
  /** With hidden checks: each one's inputs from the course secret, by check id. */
  hiddenInputs?: Record<string, HiddenParameterValues>;
  /** Why the grader itself could not grade the team (its process died or hung); instructor-only. */
  graderError?: string;
  /** Wall time of the team's grading, ms (never part of the gradebook). */
  elapsedMs: number;
  spikegradeVersion: string;
}

/** Which rubric graded a team (part of schema grading-marker). */
export interface GradingRubric {
  /** SHA-256 (hex) of the rubric's content as loaded (rubricDigest). */
  sha256: string;
  /** The file it was read from. */
  file: string;
}

/**
 * A team's standing in the gradebook: pass (every check passed), fail (graded, some check did
 * not pass), error (the submission broke, so nothing could be judged: its manifest or its
 * simulator's load failed, or every other check ended in error (a crash, a timeout or a bad
 * answer on every call), or the grader itself broke on it). Part of schema gradebook.
 */
export type TeamStatus = "pass" | "fail" | "error";

/** One check of one team, as the gradebook keeps it (part of schema gradebook). */
export interface GradebookCheck {
  id: string;
  status: CheckStatus;
  points: number;
  maxPoints: number;
}

/** One team's line of the gradebook (part of schema gradebook). */
export interface GradebookTeam {
  team: string;
  members: TeamMember[];
  status: TeamStatus;
  score: number;
  maxScore: number;
  /** Why it is error or fail, in one line; empty for a pass. */
  message: string;
  checks: GradebookCheck[];
  /** Whether this team's hidden checks ran. */
  hidden: boolean;
  /** The team's student-facing report, relative to the output folder. */
  report: string;
  /** The team submission.json names when it differs from the folder's. */
  manifestTeam?: string;
  /** SHA-256 of the rubric the team was graded with; absent for a team not graded. */
  rubric?: string;
  /** Where the team came from when it was a Moodle submission (see MoodleOrigin). */
  moodle?: MoodleOrigin;
  /**
   * The written answers' part, when the gradebook was made with manual scores: score and
   * maxScore above then include it.
   */
  manual?: GradebookManual;
}

/** One question of one team, as scored by hand (part of schema gradebook). */
export interface GradebookQuestionScore {
  id: string;
  /** null: not scored yet (never counted as 0). */
  points: number | null;
  maxPoints: number;
  comment?: string;
}

/** A team's written answers in the gradebook (part of schema gradebook). */
export interface GradebookManual {
  /** The checks' points alone, before the questions were added. */
  checksScore: number;
  checksMaxScore: number;
  questions: GradebookQuestionScore[];
  /** How many questions are not scored yet: while any is, the total is not a grade. */
  notScored: number;
}

/** A question column of the gradebook (part of schema gradebook). */
export interface GradebookQuestionColumn {
  id: string;
  title: string;
  points: number;
}

/** A Moodle participant, as the download names them (part of schema gradebook). */
export interface MoodleParticipant {
  /** The participant number: the worksheet's Identifier is "Participant <id>". */
  id: string;
  /** Their full name as the download's folder gives it ("Participant <id>" under blind marking). */
  name: string;
}

/**
 * A team graded from a Moodle download (part of schema gradebook): the participants whose
 * folders it is, those folders, and what spikegrade did to find the submission in them.
 */
export interface MoodleOrigin {
  participants: MoodleParticipant[];
  /** The download's entries (folders or files) the submission was taken from. */
  entries: string[];
  /** Whether spikegrade wrote the submission.json (a lone notebook or .py was handed in). */
  builtManifest: boolean;
  /** What was done to find the submission, one sentence each ("unpacked upload.zip"). */
  notes: string[];
}

/** One student's line: what gradebook.csv writes (part of schema gradebook). */
export interface GradebookStudent {
  id: string;
  name: string;
  team: string;
  score: number;
  maxScore: number;
  status: TeamStatus;
}

/** A check column of the gradebook (part of schema gradebook). */
export interface GradebookColumn {
  id: string;
  title: string;
  points: number;
  visibility: CheckVisibility;
}

/** The class in numbers (part of schema gradebook). */
export interface GradebookSummary {
  teams: number;
  students: number;
  pass: number;
  fail: number;
  error: number;
  /** Mean score over teams (an error counts what it earned, usually 0), 3 decimals. */
  meanScore: number | null;
  /** The largest maximum score among the teams. */
  maxScore: number;
  /**
   * Mean over teams of score / maxScore, in percent, 1 decimal: comparable where teams could
   * earn different maxima (a results-only submission has fewer checks).
   */
  meanPercent: number | null;
}

/**
 * A shard of a class: teams i (0-based, sorted by name) with i % count === index - 1 (part of
 * schema gradebook).
 */
export interface Shard {
  /** 1-based, as Slurm's array tasks and CI matrices usually count. */
  index: number;
  count: number;
}

/** Something in the class folder that is not graded, and why (part of schema gradebook). */
export interface Skipped {
  name: string;
  reason: string;
}

/**
 * OUT/gradebook.json and each shard's part (schema: gradebook): the class, deterministic for
 * given results (no timestamps, no timings), teams sorted by name.
 */
export interface Gradebook {
  generatedBy: { name: "spikegrade"; version: string };
  /** Present in a shard's part: which shard of how many (1-based). */
  shard?: Shard;
  /** When the hidden checks ran: the name of the course secret (see GradingMarker.secretId). */
  secretId?: string;
  /** The check columns, in the rubric's order; hidden ones only where some team ran them. */
  checks: GradebookColumn[];
  /** The rubric's questions, when the gradebook was made with manual scores (grade --manual). */
  questions?: GradebookQuestionColumn[];
  teams: GradebookTeam[];
  students: GradebookStudent[];
  skipped: Skipped[];
  summary: GradebookSummary;
  /** Things an instructor should look at (a student in two teams, mixed hidden runs). */
  warnings: string[];
}

/**
 * A written question as the course sets it (part of schema answers): a markdown cell's text
 * holding "QUESTION", several to a cell at times.
 */
export interface AnswerQuestion {
  /** "q01", "q02", ...: the order in the template, or in the class's notebooks without one. */
  id: string;
  /** The prompt's text (markdown source), trimmed. */
  prompt: string;
  /** The nearest markdown heading above the prompt, if any. */
  section?: string;
  /** The rubric's check ids this question maps to (from the rubric's manual questions). */
  checks?: string[];
}

/** One output a notebook saved, as safe data: never the notebook's own HTML (schema answers). */
export type AnswerOutput =
  | { kind: "text"; text: string; truncated?: boolean }
  | { kind: "image"; mime: "image/png" | "image/jpeg"; base64: string }
  | { kind: "error"; ename: string; evalue: string }
  | { kind: "omitted"; reason: string };

/** A cell of a team's answer, with what it saved (part of schema answers). */
export interface AnswerCell {
  kind: "markdown" | "code";
  source: string;
  outputs: AnswerOutput[];
}

/** Where a team's answer to a question was found (part of schema answers). */
export type AnswerPlace = "after-prompt" | "inside-prompt" | "missing";

/** A team's answer to one question (part of schema answers). */
export interface TeamAnswer {
  questionId: string;
  /** after-prompt: in the cells after the prompt; inside-prompt: only in the prompt's own cell. */
  found: AnswerPlace;
  /** The team's prompt differs from the question's text (matched by similarity, not equality). */
  promptEdited: boolean;
  /** What the team wrote between this prompt and the next, in order. */
  cells: AnswerCell[];
}

/** One team's notebook, read for its written answers (part of schema answers). */
export interface AnswersTeam {
  team: string;
  members: TeamMember[];
  /** The notebook read, relative to the team's folder; null when the team has none. */
  notebook: string | null;
  /** One per question, in the questions' order. */
  answers: TeamAnswer[];
  /** What went wrong reading this notebook, or prompts that matched no question. */
  warnings: string[];
}

/** OUT/answers/answers.json (schema: answers): every team's written answers, by question. */
export interface AnswersDocument {
  generatedBy: { name: "spikegrade"; version: string };
  /** The template notebook's file name, when one was given. */
  template?: string;
  questions: AnswerQuestion[];
  teams: AnswersTeam[];
  /** Things about the class as a whole (a template without prompts, a question nobody has). */
  warnings: string[];
}

/** manual-scores.json (schema: manual-scores): the points an instructor gave by question. */
export interface ManualScores {
  format: "spikegrade-manual-scores";
  version: 1;
  /** The questions as scored, with their maximum points (from the rubric's manual questions). */
  questions: { id: string; points: number }[];
  /** By team, by question id: points given (null: not yet scored) and a comment. */
  scores: Record<string, Record<string, { points: number | null; comment?: string }>>;
  /** ISO time the page saved it. */
  savedAt?: string;
}

/** The two maps of `spikegrade sweep`: input SD x correlation time, input SD x intrinsic noise. */
export type SweepMapId = "sd-tau" | "sd-noise";

/** What every grid point of a sweep shares (schema: sweep, `settings`). */
export interface SweepSettings {
  trials: number;
  durationMs: number;
  dtMs: number;
  /** The intrinsic noise of the SD x correlation time map, mV. */
  noiseSdMv: number;
  /** The correlation time of the SD x intrinsic noise map, ms. */
  tauMs: number;
  /** The current's mean inside the window, pA. */
  meanPa: number;
  /** The current is on, and the measures look, over [onsetMs, offsetMs). */
  onsetMs: number;
  offsetMs: number;
  /** One frozen current per grid point, all from this seed (so only SD and tau differ). */
  stimulusSeed: number;
  /**
   * The intrinsic noise's seed, the same at every grid point: common random numbers, so that two
   * neighbouring cells differ by their stimulus and not by their draw of the noise.
   */
  noiseSeed: number;
}

/** One measure over a map: row i at axes.sdPa[i], column j at the map's column axis value j; null where it has no value. */
export type SweepCells = (number | null)[][];

/** One map of a sweep (schema: sweep, `maps`). */
export interface SweepMapDocument {
  id: SweepMapId;
  /** "reference": spikegrade's LIF; "submission": the simulator of `spikegrade sweep DIR`. */
  source: "reference" | "submission";
  /** The submission's team, for a submission's map. */
  team?: string;
  reliability: SweepCells;
  precisionMs: SweepCells;
  rcorr: SweepCells;
  rateHz: SweepCells;
  /** Why a submission's map stops short: the cells from there on are null. */
  error?: string;
}

/** sweep.json, written by `spikegrade sweep` (schema: sweep). */
export interface SweepDocument {
  format: "spikegrade-sweep";
  version: 1;
  spikegradeVersion: string;
  settings: SweepSettings;
  /** The paper's Figure 1B, marked on every map. */
  paper: { sdPa: number; tauMs: number; noiseSdMv: number };
  axes: { sdPa: number[]; tauMs: number[]; noiseSdMv: number[] };
  maps: SweepMapDocument[];
}
