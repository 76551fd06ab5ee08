import type { PanelMetrics as AnalysisPanelMetrics } from "../analysis/panel-metrics.js";
import type {
  CheckResult,
  Figure1Panel,
  Figure1Results,
  PanelMetrics,
  ParameterValues,
  Rubric,
  RubricCheck,
  Tolerances,
} from "../protocol/types.js";
import { type CheckContext, type CheckDefinition, checkFunction, readParameters } from "./check.js";
import type { FigureData } from "./figure-data.js";
import { figure1A } from "./figure1-a.js";
import { figure1B } from "./figure1-b.js";
import {
  composeFigure1,
  FIGURE1_DEFAULTS,
  type Figure1Defaults,
  type Figure1Source,
  type PanelOutcome,
  ResultsFigure1,
} from "./figure1-source.js";
import { type MeasureSettings, readMeasures } from "./measures.js";
import { baseCheckId, definitionOf, STAGES } from "./registry.js";
import { type CheckSimulator, SimulatorSession } from "./session.js";
import { checkPassed, doesNotApply, notApplicable, notRun, verdict } from "./verdict.js";

/** What is graded: a simulator to ask, or the Figure 1 data of a results-only submission. */
export type ChecksInput =
  | { kind: "simulator"; simulator: CheckSimulator }
  | { kind: "results"; results: Figure1Results };

export interface RunChecksOptions {
  rubric: Rubric;
  tolerances: Tolerances;
  /** Run the hidden checks too (grade --hidden); otherwise only their count is returned. */
  includeHidden?: boolean;
  /** A hidden check's inputs (other seeds, time steps), on top of its rubric parameters. */
  hiddenInputs?: (checkId: string) => ParameterValues | undefined;
  /** Verdicts the caller reached first (manifest, load): reported first and scored. */
  prior?: CheckResult[];
  /** Told of each verdict as it is reached (a live checklist). */
  onCheck?: (result: CheckResult) => void;
  /**
   * Where the public checks leave their figures' data (ChecksOutcome.figures): given, it fills as
   * the checks go, so that the caller can draw each figure while the next checks run.
   */
  figures?: FigureData;
}

/** Panels A and B (B on the first frozen current) as drawn in the report, with their time axis. */
export interface Figure1Panels {
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  A?: Figure1Panel;
  B?: Figure1Panel;
}

export interface ChecksOutcome extends Tally {
  checks: CheckResult[];
  metrics: { A: PanelMetrics; B: PanelMetrics } | undefined;
  panels: Figure1Panels | undefined;
  /** Hidden checks that would apply to this submission but were not run, and their points. */
  hiddenCount: number;
  hiddenPoints: number;
  /** What the public checks' figures draw (never a hidden check's inputs). */
  figures: FigureData;
}

/**
 * The rubric's checks that this module runs, in the order they run: stimulus, neuron, then
 * Figure 1 (the rubric's order within each), hidden ones only when asked for.
 */
export function orderedChecks(rubric: Rubric, includeHidden: boolean): RubricCheck[] {
  const stageOf = (check: RubricCheck) => {
    const definition = definitionOf(check.id);
    return definition === undefined ? -1 : STAGES.indexOf(definition.stage);
  };
  return rubric.checks
    .filter((c) => stageOf(c) >= 0 && (includeHidden || c.visibility !== "hidden"))
    .map((check, i) => ({ check, i, stage: stageOf(check) }))
    .sort((a, b) => a.stage - b.stage || a.i - b.i)
    .map(({ check }) => check);
}

const NOT_FOR_RESULTS = "does not apply to a results-only submission: only the Figure 1 checks do";

/**
 * Every check after a failed manifest or load, as "skip" with its points kept (the team loses
 * them), or, for a results-only submission, the checks that do not apply as skips worth nothing.
 * after "manifest" includes the load check itself.
 */
export function skippedAfter(
  reason: string,
  rubric: Rubric,
  options: { after?: "manifest" | "load"; includeHidden?: boolean; resultsOnly?: boolean } = {},
): CheckResult[] {
  const out: CheckResult[] = [];
  if (options.after === "manifest") {
    const load = rubric.checks.find((c) => c.id === "load");
    if (load) out.push(notRun(load, reason));
  }
  for (const check of orderedChecks(rubric, options.includeHidden ?? false)) {
    const stage = definitionOf(check.id)?.stage;
    out.push(
      options.resultsOnly && stage !== "figure1"
        ? notApplicable(check, NOT_FOR_RESULTS)
        : notRun(check, reason),
    );
  }
  return out;
}

/** The seeds of the public figure1.A and figure1.B, which the contrast, rate and metrics share. */
function figure1Defaults(rubric: Rubric): Figure1Defaults {
  const defaults = { ...FIGURE1_DEFAULTS };
  const a = rubric.checks.find((c) => c.id === "figure1.A");
  const b = rubric.checks.find((c) => c.id === "figure1.B");
  const readA = a ? readParameters(figure1A, a) : undefined;
  const readB = b ? readParameters(figure1B, b) : undefined;
  if (readA?.ok) defaults.aNoiseSeeds = readA.value.noiseSeeds;
  if (readB?.ok) {
    defaults.bStimulusSeeds = readB.value.stimulusSeeds;
    defaults.bNoiseSeed = readB.value.noiseSeed;
  }
  return defaults;
}

function nullable(m: AnalysisPanelMetrics | undefined): PanelMetrics {
  const v = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : null);
  return {
    reliability: v(m?.reliability),
    precisionMs: v(m?.precisionMs),
    rcorr: v(m?.rcorr),
    rateHz: v(m?.rateHz),
  };
}

/** What a list of verdicts adds up to: the one place points and "passed" are totalled. */
export interface Tally {
  score: number;
  maxScore: number;
  /** Every check passed, or did not apply. */
  passed: boolean;
  /** Checks that apply to the submission (all but the skips worth nothing). */
  applicable: number;
  /** Of those, the ones that passed. */
  applicablePassed: number;
}

/** Score, maximum, pass and counts of a list of verdicts. */
export function tally(checks: readonly CheckResult[]): Tally {
  const applicable = checks.filter((c) => !doesNotApply(c));
  return {
    score: checks.reduce((s, c) => s + c.points, 0),
    maxScore: checks.reduce((s, c) => s + c.maxPoints, 0),
    passed: checks.every(checkPassed),
    applicable: applicable.length,
    applicablePassed: applicable.filter(checkPassed).length,
  };
}

/**
 * Runs every check of the rubric on a simulator or a results file and scores them. A simulator
 * that stops (timeout, crash, exit, memory, output) is restarted for the next check when the
 * input offers reopen; otherwise the remaining checks are errors saying why. Never rejects for
 * anything the submission does. Long because it is the run's one order, read top to bottom: the
 * measures, then each check (not applicable, Figure 1 composed once, the simulator readied, the
 * check run), then the summary; each step is a named function.
 */
export async function runChecks(
  input: ChecksInput,
  options: RunChecksOptions,
): Promise<ChecksOutcome> {
  const { rubric, tolerances } = options;
  const includeHidden = options.includeHidden ?? false;
  const checks: CheckResult[] = [...(options.prior ?? [])];
  const report = (result: CheckResult) => {
    checks.push(result);
    options.onCheck?.(result);
  };
  const { count: hiddenCount, points: hiddenPoints } = includeHidden
    ? { count: 0, points: 0 }
    : pendingHidden(rubric, input.kind);
  const selected = orderedChecks(rubric, includeHidden);

  const measures = readMeasures(rubric);
  if (!measures.ok) {
    const message = `the rubric's measures cannot be used: ${measures.errors.map((e) => e.message).join("; ")}`;
    for (const check of selected) report(verdict(check, "error", message));
    return {
      checks,
      ...tally(checks),
      metrics: undefined,
      panels: undefined,
      hiddenCount,
      hiddenPoints,
      figures: {},
    };
  }

  const defaults = figure1Defaults(rubric);
  const session = input.kind === "simulator" ? new SimulatorSession(input.simulator) : undefined;
  let figure1: Figure1Source | undefined;
  const figures: FigureData = options.figures ?? {};
  const base = { tolerances, measures: measures.value, figure1Defaults: defaults };

  for (const check of selected) {
    const definition = definitionOf(check.id);
    if (definition === undefined) continue;
    const hidden = check.visibility === "hidden";
    const notApplying = input.kind === "results" ? resultsCannotRun(check, definition) : undefined;
    if (notApplying !== undefined) {
      report(notApplicable(check, notApplying));
      continue;
    }
    let composingMs = 0;
    if (definition.stage === "figure1" && figure1 === undefined) {
      const started = performance.now();
      figure1 = await figure1Source(input, session, measures.value, defaults);
      composingMs = performance.now() - started;
    }
    const stopped = session === undefined ? undefined : await readyFor(session, check.id);
    if (stopped !== undefined) {
      report(verdict(check, "error", stopped));
      continue;
    }
    const context: CheckContext = {
      ...base,
      check,
      overrides: hidden ? options.hiddenInputs?.(check.id) : undefined,
      session,
      figure1,
      figures: hidden ? undefined : figures,
    };
    const result = await checkFunction(definition)(context);
    // The first figure1 check carries the time the shared panels took to compose.
    report({ ...result, elapsedMs: Math.round((result.elapsedMs ?? 0) + composingMs) });
  }

  const { metrics, panels } = await figure1Summary(figure1, defaults);
  return { checks, ...tally(checks), metrics, panels, hiddenCount, hiddenPoints, figures };
}

/**
 * The hidden checks that grading would run on this kind of submission (none of them applies to
 * a results file: each repeats a check on inputs only a simulator can answer) and their points:
 * what a student's own check tells them is still to come.
 */
export function pendingHidden(
  rubric: Rubric,
  kind: ChecksInput["kind"] | undefined,
): { count: number; points: number } {
  const pending = rubric.checks.filter((check) => {
    if (check.visibility !== "hidden") return false;
    const definition = definitionOf(check.id);
    if (definition === undefined) return false;
    return kind !== "results" || resultsCannotRun(check, definition) === undefined;
  });
  return { count: pending.length, points: pending.reduce((sum, c) => sum + c.points, 0) };
}

/** Why a results-only submission cannot run a check, if it cannot. */
function resultsCannotRun(
  check: RubricCheck,
  definition: CheckDefinition<unknown>,
): string | undefined {
  if (definition.stage !== "figure1") return NOT_FOR_RESULTS;
  if (check.visibility === "hidden" && baseCheckId(check.id) === "figure1.B") {
    return "a results-only submission has one panel B; a repeat on unseen frozen currents needs a simulator";
  }
  return undefined;
}

/** Readies the session for a check (reopening a stopped simulator where it can); why not, if it cannot. */
async function readyFor(session: SimulatorSession, checkId: string): Promise<string | undefined> {
  session.during = checkId;
  await session.prepare();
  return session.stopped;
}

async function figure1Source(
  input: ChecksInput,
  session: SimulatorSession | undefined,
  measures: MeasureSettings,
  defaults: Figure1Defaults,
): Promise<Figure1Source> {
  if (input.kind === "results") return new ResultsFigure1(input.results, measures);
  return composeFigure1(session as SimulatorSession, measures, defaults);
}

async function figure1Summary(
  source: Figure1Source | undefined,
  defaults: Figure1Defaults,
): Promise<{ metrics: ChecksOutcome["metrics"]; panels: Figure1Panels | undefined }> {
  if (source === undefined) return { metrics: undefined, panels: undefined };
  const a: PanelOutcome = await source.panelA(defaults.aNoiseSeeds[0]);
  const [first] = await source.panelsB(defaults.bStimulusSeeds.slice(0, 1), defaults.bNoiseSeed);
  const b = first.outcome;
  const panels: Figure1Panels = {
    dtMs: source.dtMs,
    durationMs: source.durationMs,
    onsetMs: source.onsetMs,
    offsetMs: source.offsetMs,
  };
  if (a.ok) panels.A = a.panel;
  if (b.ok) panels.B = b.panel;
  const metrics =
    a.ok || b.ok
      ? {
          A: nullable(a.ok ? a.metrics : undefined),
          B: nullable(b.ok ? b.metrics : undefined),
        }
      : undefined;
  return { metrics, panels };
}
