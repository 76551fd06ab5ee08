import type {
  CheckId,
  CheckResult,
  ParameterValues,
  RubricCheck,
  Tolerances,
} from "../protocol/types.js";
import { SubmissionBroke } from "./ask.js";
import { ReferenceProblem } from "./band.js";
import type { FigureData } from "./figure-data.js";
import type { Figure1Defaults, Figure1Source } from "./figure1-source.js";
import type { MeasureSettings } from "./measures.js";
import { checkParameters, ParameterReader } from "./parameters.js";
import type { SimulatorSession } from "./session.js";
import { verdict } from "./verdict.js";

/** Everything a check reads: its rubric entry, the reference's spread, the measures, the submission. */
export interface CheckContext {
  check: RubricCheck;
  /** A hidden repeat's inputs, on top of the rubric's parameters. */
  overrides?: ParameterValues;
  tolerances: Tolerances;
  measures: MeasureSettings;
  /** The simulator (checks of a simulator). */
  session?: SimulatorSession;
  /** The Figure 1 panels (figure1 checks), composed once and shared. */
  figure1?: Figure1Source;
  /** The seeds the public figure1 checks use, which figure1.contrast and figure1.rate share. */
  figure1Defaults?: Figure1Defaults;
  /**
   * Where a check leaves the data its report figure draws. Given to public checks only, so a
   * hidden repeat's inputs never reach a figure; a check without it draws nothing.
   */
  figures?: FigureData;
}

export type { FigureData } from "./figure-data.js";

export type CheckStage = "stimulus" | "neuron" | "figure1";

/**
 * One check of docs/contract.md, declared in one place: what the default rubric says of it (title, points,
 * parameters, whether it is repeated on hidden inputs), its parameters, the tolerances it compares
 * against, and how it runs. The figures it feeds are the keys of FigureData it fills.
 */
export interface CheckDefinition<P> {
  id: CheckId;
  stage: CheckStage;
  /** The default rubric's title (an instructor's rubric may reword it). */
  title: string;
  /** The default rubric's points. */
  points: number;
  /** The default rubric's parameters; none when the check takes none. */
  defaultParameters?: ParameterValues;
  /**
   * The default rubric repeats the check on inputs no student has seen ("<id>:hidden", 1 point):
   * seeds and one time step from the course secret.
   */
  hiddenRepeat?: boolean;
  /** Reads the check's parameters (problems are collected by the reader). */
  parameters(reader: ParameterReader): P;
  /** The tolerances.json entries these parameters compare against. */
  tolerances(parameters: P): string[];
  run(context: CheckContext, parameters: P): Promise<CheckResult>;
}

/** A check's parameters, read and checked, as the rubric (and any overrides) give them. */
export function readParameters<P>(
  definition: CheckDefinition<P>,
  check: RubricCheck,
  overrides?: ParameterValues,
): { ok: true; value: P } | { ok: false; errors: string[] } {
  const reader = new ParameterReader(check.id, checkParameters(check, overrides));
  const value = definition.parameters(reader);
  return reader.errors.length === 0
    ? { ok: true, value }
    : { ok: false, errors: reader.errors.map((e) => e.message) };
}

/**
 * Runs body and turns anything it throws into the check's verdict: SubmissionBroke is the
 * submission's error, ReferenceProblem the rubric's, and anything else a bug of spikegrade, said
 * so plainly. The elapsed time is attached. Never rejects.
 */
export async function guardCheck(
  check: RubricCheck,
  body: () => Promise<CheckResult>,
): Promise<CheckResult> {
  const started = performance.now();
  let result: CheckResult;
  try {
    result = await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof SubmissionBroke) result = verdict(check, "error", message);
    else if (error instanceof ReferenceProblem) {
      result = verdict(check, "error", `the rubric or tolerances.json cannot be used: ${message}`);
    } else result = verdict(check, "error", `internal error in spikegrade: ${message}`);
  }
  return { ...result, elapsedMs: Math.round(performance.now() - started) };
}

/** The function (context) -> verdict of a definition: parameters read, body guarded. */
export function checkFunction<P>(
  definition: CheckDefinition<P>,
): (context: CheckContext) => Promise<CheckResult> {
  return (context) =>
    guardCheck(context.check, async () => {
      const read = readParameters(definition, context.check, context.overrides);
      if (!read.ok) {
        const whose = context.overrides
          ? "the rubric's parameters with this run's hidden inputs"
          : "the rubric's parameters";
        return verdict(
          context.check,
          "error",
          `${whose} cannot be used: ${read.errors.join("; ")}`,
        );
      }
      return definition.run(context, read.value);
    });
}

/** The session, which a simulator check cannot run without. */
export function requireSession(context: CheckContext): SimulatorSession {
  if (context.session === undefined) {
    throw new Error(`${context.check.id} needs a simulator and was given none`);
  }
  return context.session;
}
